//! `RenderError`: why an op could not be turned into SQL for a dialect.

use super::Dialect;
use crate::ops::OpKind;

/// Why an op could not be rendered. Rendering never panics: every refusal is one of these.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The dialect cannot express the op (or one of its options).
    #[error("`{op}` is not supported on {dialect}: {hint}")]
    Unsupported {
        /// The op's DSL name.
        op: OpKind,
        /// The dialect.
        dialect: Dialect,
        /// What is missing and what to write instead.
        hint: String,
    },
    /// The op needs the table's current definition, which only the live database has (offline
    /// `--sql` rendering has no connection): a SQLite rebuild, an `IF [NOT] EXISTS` the dialect
    /// lacks and retort emulates, MySQL's drop of an index a foreign key needs.
    #[error(
        "`{op}` needs the current definition of table `{table}` on this database (to rebuild it, \
         or to emulate IF [NOT] EXISTS); run it against the database instead of rendering offline with `--sql`"
    )]
    NeedsConnection {
        /// The op's DSL name.
        op: OpKind,
        /// The table to introspect.
        table: String,
    },
    /// The op's own data is inconsistent or incomplete for this dialect.
    #[error("`{op}` cannot be rendered: {reason}")]
    Invalid {
        /// The op's DSL name.
        op: OpKind,
        /// What is wrong, phrased with the fix.
        reason: String,
    },
    /// Reading a table's definition from the database failed.
    #[error("cannot read the definition of table `{table}`; check the connection and the table name")]
    Introspect {
        /// The table.
        table: String,
        /// The database error.
        #[source]
        source: diesel::result::Error,
    },
    /// The table does not exist.
    #[error("table `{table}` does not exist; check its name (and that earlier ops created it)")]
    UnknownTable {
        /// The table.
        table: String,
    },
    /// The table's stored `CREATE TABLE` statement could not be understood.
    #[error("cannot parse the definition of table `{table}` ({reason}); rebuild it by hand with `execute(..)`")]
    UnparsableTable {
        /// The table.
        table: String,
        /// Where parsing stopped.
        reason: String,
    },
}

impl RenderError {
    /// Shorthand for [`RenderError::Unsupported`].
    pub(crate) fn unsupported(op: OpKind, dialect: Dialect, hint: impl Into<String>) -> Self {
        RenderError::Unsupported { op, dialect, hint: hint.into() }
    }

    /// Shorthand for [`RenderError::Invalid`].
    pub(crate) fn invalid(op: OpKind, reason: impl Into<String>) -> Self {
        RenderError::Invalid { op, reason: reason.into() }
    }
}
