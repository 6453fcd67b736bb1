//! Views: extension statements (sea-query has none) with a builder trait every dialect
//! implements, overriding only its own spelling.

use sea_query::{MysqlQueryBuilder, PostgresQueryBuilder, QuotedBuilder, SqliteQueryBuilder};

use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{quote_ident, Dialect, RenderError};
use crate::ops::{CreateView, DropView, RenameView};

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS query [WITH NO DATA]`.
#[derive(Debug, Clone)]
pub(crate) struct ViewCreateStatement<'a> {
    /// View name.
    pub name: &'a str,
    /// The query, as written by the migration author.
    pub query: &'a str,
    /// `OR REPLACE`.
    pub or_replace: bool,
    /// `MATERIALIZED`.
    pub materialized: bool,
    /// `WITH NO DATA`.
    pub with_no_data: bool,
}

/// `DROP [MATERIALIZED] VIEW [IF EXISTS] name [CASCADE]`.
#[derive(Debug, Clone)]
pub(crate) struct ViewDropStatement<'a> {
    /// View name.
    pub name: &'a str,
    /// `MATERIALIZED`.
    pub materialized: bool,
    /// `IF EXISTS`.
    pub if_exists: bool,
    /// `CASCADE`.
    pub cascade: bool,
}

/// Renames a view.
#[derive(Debug, Clone)]
pub(crate) struct ViewRenameStatement<'a> {
    /// Current name.
    pub from: &'a str,
    /// New name.
    pub to: &'a str,
    /// `MATERIALIZED`.
    pub materialized: bool,
}

/// Writes the view statements; the defaults are PostgreSQL's (standard) spelling.
pub(crate) trait ViewBuilder: QuotedBuilder {
    /// The dialect.
    const DIALECT: Dialect;

    /// `CREATE VIEW`.
    fn prepare_view_create(&self, s: &ViewCreateStatement<'_>, sql: &mut String) {
        sql.push_str("CREATE ");
        if s.or_replace {
            sql.push_str("OR REPLACE ");
        }
        if s.materialized {
            sql.push_str("MATERIALIZED ");
        }
        sql.push_str("VIEW ");
        sql.push_str(&quote_ident(Self::DIALECT, s.name));
        sql.push_str(" AS ");
        sql.push_str(s.query);
        if s.with_no_data {
            sql.push_str(" WITH NO DATA");
        }
    }

    /// `DROP VIEW`.
    fn prepare_view_drop(&self, s: &ViewDropStatement<'_>, sql: &mut String) {
        sql.push_str("DROP ");
        if s.materialized {
            sql.push_str("MATERIALIZED ");
        }
        sql.push_str("VIEW ");
        if s.if_exists {
            sql.push_str("IF EXISTS ");
        }
        sql.push_str(&quote_ident(Self::DIALECT, s.name));
        if s.cascade {
            sql.push_str(" CASCADE");
        }
    }

    /// `ALTER VIEW .. RENAME TO ..`.
    fn prepare_view_rename(&self, s: &ViewRenameStatement<'_>, sql: &mut String) {
        sql.push_str("ALTER ");
        if s.materialized {
            sql.push_str("MATERIALIZED ");
        }
        sql.push_str("VIEW ");
        sql.push_str(&quote_ident(Self::DIALECT, s.from));
        sql.push_str(" RENAME TO ");
        sql.push_str(&quote_ident(Self::DIALECT, s.to));
    }
}

impl ViewBuilder for PostgresQueryBuilder {
    const DIALECT: Dialect = Dialect::Postgres;
}

impl ViewBuilder for SqliteQueryBuilder {
    const DIALECT: Dialect = Dialect::Sqlite;
}

impl ViewBuilder for MysqlQueryBuilder {
    const DIALECT: Dialect = Dialect::Mysql;

    /// MySQL renames views with `RENAME TABLE`.
    fn prepare_view_rename(&self, s: &ViewRenameStatement<'_>, sql: &mut String) {
        sql.push_str("RENAME TABLE ");
        sql.push_str(&quote_ident(Self::DIALECT, s.from));
        sql.push_str(" TO ");
        sql.push_str(&quote_ident(Self::DIALECT, s.to));
    }
}

/// Writes a view statement with the dialect's builder.
macro_rules! write_with {
    ($d:expr, $method:ident, $stmt:expr) => {{
        let mut sql = String::new();
        match $d {
            Dialect::Postgres => PostgresQueryBuilder.$method($stmt, &mut sql),
            Dialect::Sqlite => SqliteQueryBuilder.$method($stmt, &mut sql),
            Dialect::Mysql => MysqlQueryBuilder.$method($stmt, &mut sql),
        }
        sql
    }};
}

fn check_materialized<R: Renderer>(r: &R, op: &'static str, materialized: bool) -> Result<(), RenderError> {
    if materialized && !R::DIALECT.capabilities().materialized_views {
        return Err(
            r.unsupported(op, "materialized views exist on PostgreSQL only; wrap the op in `.only([postgres])`")
        );
    }
    Ok(())
}

/// `create_view` / `create_materialized_view`. Where `OR REPLACE` is missing (SQLite), a
/// replace is a drop and a create, which SQLite runs in the same transaction.
pub(crate) fn create_view<R: Renderer>(r: &R, op: &CreateView) -> Stmts {
    const OP: &str = "create_view";
    check_materialized(r, "create_materialized_view", op.materialized)?;
    if op.materialized && op.or_replace {
        return Err(RenderError::invalid(
            "create_materialized_view",
            "a materialized view cannot be replaced in place; drop it and create it again",
        ));
    }
    if op.with_no_data && !op.materialized {
        return Err(RenderError::invalid(OP, "`.with_no_data()` applies to materialized views only; drop it"));
    }
    let d = R::DIALECT;
    let mut out = Vec::new();
    let native_replace = op.or_replace && d.capabilities().or_replace_view;
    if op.or_replace && !native_replace {
        let drop = ViewDropStatement { name: &op.name, materialized: false, if_exists: true, cascade: false };
        out.push(write_with!(d, prepare_view_drop, &drop));
    }
    let create = ViewCreateStatement {
        name: &op.name,
        query: &op.query,
        or_replace: native_replace,
        materialized: op.materialized,
        with_no_data: op.with_no_data,
    };
    out.push(write_with!(d, prepare_view_create, &create));
    Ok(out)
}

/// `drop_view` / `drop_materialized_view`; when it undoes a replace, the replace back.
pub(crate) fn drop_view<R: Renderer>(r: &R, op: &DropView) -> Stmts {
    let kind = if op.materialized { "drop_materialized_view" } else { "drop_view" };
    check_materialized(r, kind, op.materialized)?;
    if let Some(def) = op.definition.as_deref().filter(|_| op.is_replace_back()) {
        let back = CreateView {
            name: def.name.clone(),
            query: def.replaces.clone().unwrap_or_default(),
            materialized: false,
            or_replace: true,
            replaces: None,
            with_no_data: false,
        };
        return create_view(r, &back);
    }
    if op.cascade && R::DIALECT != Dialect::Postgres {
        return Err(r.unsupported(kind, "CASCADE is ignored here; drop dependent views first and remove `.cascade()`"));
    }
    let drop = ViewDropStatement {
        name: &op.name,
        materialized: op.materialized,
        if_exists: op.if_exists,
        cascade: op.cascade,
    };
    Ok(vec![write_with!(R::DIALECT, prepare_view_drop, &drop)])
}

/// `rename_view`.
pub(crate) fn rename_view<R: Renderer>(r: &R, op: &RenameView) -> Stmts {
    check_materialized(r, "rename_view", op.materialized)?;
    if !R::DIALECT.capabilities().rename_view {
        return Err(r.unsupported(
            "rename_view",
            "views cannot be renamed here; drop the view and create it under the new name",
        ));
    }
    let rename = ViewRenameStatement { from: &op.from, to: &op.to, materialized: op.materialized };
    Ok(vec![write_with!(R::DIALECT, prepare_view_rename, &rename)])
}
