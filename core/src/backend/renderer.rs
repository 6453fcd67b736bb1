//! The `Renderer` trait: one method per op with the generic SQL as its default body, which
//! each dialect overrides only where it differs (sea-query's `backend/` layout, Alembic's
//! `DefaultImpl`). PostgreSQL-only statements default to `Unsupported` and are overridden by
//! the PostgreSQL renderer with its extension statements.

use sea_query::{ColumnDef, Expr};

use super::common;
use super::{Dialect, RenderContext, RenderError};
use crate::ops::*;

/// The statements an op renders to, or why it cannot.
pub(crate) type Stmts = Result<Vec<String>, RenderError>;

/// Renders ops for one dialect. Implemented by the unit structs in `backend/<dialect>/`.
/// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY`, with its sequence options in parentheses.
pub(crate) fn identity_clause(identity: crate::ops::Identity) -> String {
    let how = if identity.always { "ALWAYS" } else { "BY DEFAULT" };
    let options = identity.options.clauses();
    if options.is_empty() {
        format!("GENERATED {how} AS IDENTITY")
    } else {
        format!("GENERATED {how} AS IDENTITY ({})", options.join(" "))
    }
}

/// An identity's sequence options are PostgreSQL's: elsewhere a stated one refuses.
pub(crate) fn identity_options_unsupported(
    op: OpKind,
    dialect: crate::Dialect,
    identity: Option<&crate::ops::Identity>,
) -> Result<(), RenderError> {
    if identity.is_some_and(|i| !i.options.is_default()) {
        return Err(RenderError::unsupported(
            op,
            dialect,
            "an identity's sequence options (`.start(..)`, `.increment(..)`, ..) are PostgreSQL's; this dialect's AUTO_INCREMENT has none per column: drop them or limit the op with `.only([postgres])`",
        ));
    }
    Ok(())
}

pub(crate) trait Renderer: Sized {
    /// The dialect written.
    const DIALECT: Dialect;

    /// Refusal shorthand for this dialect.
    fn unsupported(&self, op: OpKind, hint: impl Into<String>) -> RenderError {
        RenderError::unsupported(op, Self::DIALECT, hint)
    }

    // ---- building blocks ------------------------------------------------------------------

    /// The SQL type for a column type.
    fn column_type(&self, op: OpKind, ty: &ColumnType) -> Result<String, RenderError>;

    /// The SQL type of a column in a definition; differs from [`Self::column_type`] where an
    /// identity or serial key needs a particular spelling (SQLite's `INTEGER PRIMARY KEY`).
    fn definition_type(&self, op: OpKind, col: &Column, inline_pk: bool) -> Result<String, RenderError> {
        let _ = inline_pk;
        self.column_type(op, &col.ty)
    }

    /// A server default as an expression (literals escaped, SQL expressions as written).
    fn default_expr(&self, op: OpKind, default: &ServerDefault) -> Result<Expr, RenderError> {
        common::column::default_expr(Self::DIALECT, op, default)
    }

    /// Adds the identity (or serial) spelling of a column; `extra` is appended after the
    /// column's other clauses.
    fn identity(
        &self,
        op: OpKind,
        col: &Column,
        inline_pk: bool,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let _ = (op, inline_pk, def);
        if let Some(identity) = col.identity {
            extra.push(identity_clause(identity));
        }
        Ok(())
    }

    /// Adds a stored generated column's clause.
    fn generated(&self, expr: &str, col: &Column, def: &mut ColumnDef, extra: &mut Vec<String>) {
        let _ = extra;
        def.generated(Expr::cust(expr.to_string()), !col.generated_virtual);
    }

    /// Whether an inline `REFERENCES` is written on the column (MySQL ignores inline
    /// references, so it gets a table-level foreign key instead).
    fn inline_references(&self) -> bool {
        true
    }

    /// Attaches a column comment: inline (MySQL, into `extra`), as statements after the
    /// create (PostgreSQL) or nowhere (SQLite has no comments; a comment inside a definition is
    /// documentation).
    fn column_comment(
        &self,
        table: &str,
        column: &str,
        comment: &str,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Vec<String> {
        let _ = (table, column, comment, def, extra);
        Vec::new()
    }

    /// Adds a column's inline `CHECK`.
    fn column_check(&self, expr: &str, def: &mut ColumnDef, extra: &mut Vec<String>) {
        let _ = extra;
        def.check(Expr::cust(expr.to_string()));
    }

    /// The name of the table-level foreign key an inline reference becomes where inline
    /// references are ignored; `None` leaves it to the database.
    fn inline_reference_name(&self, table: &str, column: &str) -> Option<String> {
        let _ = (table, column);
        None
    }

    /// Attaches a table comment in a `CREATE TABLE`, returning statements to run after it.
    fn table_comment(&self, table: &str, comment: &str, create: &mut sea_query::TableCreateStatement) -> Vec<String> {
        let _ = (table, comment, create);
        Vec::new()
    }

    /// Table constraints that `CREATE TABLE` cannot hold in this dialect's sea-query
    /// statement, rendered some other way. `Ok(None)`: sea-query can hold it.
    fn create_table_extra_constraint(&self, op: &CreateTable, c: &Constraint) -> Result<Option<String>, RenderError> {
        let _ = op;
        common::constraint::needs_extension(Self::DIALECT, c)
            .then(|| common::constraint::clause(Self::DIALECT, "create_table", c))
            .transpose()
    }

    /// Places constraint clauses sea-query could not hold: PostgreSQL adds them with `ALTER
    /// TABLE` right after the create; SQLite splices them into the statement.
    fn place_extra_constraints(&self, table: &str, create_sql: String, clauses: Vec<String>) -> Stmts {
        let mut out = vec![create_sql];
        for clause in clauses {
            out.push(format!("ALTER TABLE {} ADD {clause}", super::quote_ident(Self::DIALECT, table)));
        }
        Ok(out)
    }

    // ---- tables ---------------------------------------------------------------------------

    /// `create_table`.
    fn create_table(&self, op: &CreateTable, ctx: &RenderContext) -> Stmts {
        common::table::create_table(self, op, ctx)
    }

    /// `drop_table`.
    fn drop_table(&self, op: &DropTable, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::table::drop_table(Self::DIALECT, op)
    }

    /// `rename_table`.
    fn rename_table(&self, op: &RenameTable, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::table::rename_table(Self::DIALECT, op)
    }

    // ---- columns --------------------------------------------------------------------------

    /// `add_column`.
    fn add_column(&self, op: &AddColumn, ctx: &RenderContext) -> Stmts {
        common::column::add_column(self, op, ctx)
    }

    /// `drop_column`.
    fn drop_column(&self, op: &DropColumn, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::column::drop_column(Self::DIALECT, op)
    }

    /// `rename_column`.
    fn rename_column(&self, op: &RenameColumn, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::column::rename_column(Self::DIALECT, op)
    }

    /// `alter_column`.
    fn alter_column(&self, op: &AlterColumn, ctx: &RenderContext) -> Stmts;

    // ---- indexes --------------------------------------------------------------------------

    /// `create_index`.
    fn create_index(&self, op: &CreateIndex, ctx: &RenderContext) -> Stmts;

    /// `drop_index`.
    fn drop_index(&self, op: &DropIndex, ctx: &RenderContext) -> Stmts;

    // ---- constraints ----------------------------------------------------------------------

    /// `add_constraint`.
    fn add_constraint(&self, op: &AddConstraint, ctx: &RenderContext) -> Stmts;

    /// `drop_constraint`.
    fn drop_constraint(&self, op: &DropConstraint, ctx: &RenderContext) -> Stmts;

    /// `validate_constraint`.
    fn validate_constraint(&self, op: &ValidateConstraint, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "validate_constraint",
            "constraints are always validated when added here; drop the op or wrap it in `.only([postgres])`",
        ))
    }

    // ---- comments, extensions, types, sequences -------------------------------------------

    /// `comment_on_table` / `comment_on_column`.
    fn set_comment(&self, op: &SetComment, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self
            .unsupported("set_comment", "the database stores no comments; wrap the op in `.only([postgres, mysql])`"))
    }

    /// `create_extension`.
    fn create_extension(&self, op: &CreateExtension, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self
            .unsupported("create_extension", "extensions exist on PostgreSQL only; wrap the op in `.only([postgres])`"))
    }

    /// `drop_extension`.
    fn drop_extension(&self, op: &DropExtension, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self
            .unsupported("drop_extension", "extensions exist on PostgreSQL only; wrap the op in `.only([postgres])`"))
    }

    /// `create_enum`.
    fn create_enum(&self, op: &CreateEnum, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "create_enum",
            "named enum types exist on PostgreSQL only (an `Enum(..)` column is text on SQLite); wrap the op in `.only([postgres])`",
        ))
    }

    /// `drop_enum`.
    fn drop_enum(&self, op: &DropEnum, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self
            .unsupported("drop_enum", "named enum types exist on PostgreSQL only; wrap the op in `.only([postgres])`"))
    }

    /// `add_enum_value`.
    fn add_enum_value(&self, op: &AddEnumValue, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "add_enum_value",
            "named enum types exist on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    /// `create_sequence`.
    fn create_sequence(&self, op: &CreateSequence, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "create_sequence",
            "sequences are supported on PostgreSQL only; use an identity column or wrap the op in `.only([postgres])`",
        ))
    }

    /// `drop_sequence`.
    fn drop_sequence(&self, op: &DropSequence, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "drop_sequence",
            "sequences are supported on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    // ---- views ----------------------------------------------------------------------------

    /// `create_view` / `create_materialized_view`.
    fn create_view(&self, op: &CreateView, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::view::create_view(self, op)
    }

    /// `drop_view` / `drop_materialized_view` (or the replace back).
    fn drop_view(&self, op: &DropView, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::view::drop_view(self, op)
    }

    /// `rename_view`.
    fn rename_view(&self, op: &RenameView, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::view::rename_view(self, op)
    }

    /// `refresh_materialized_view`.
    fn refresh_materialized_view(&self, op: &RefreshMaterializedView, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "refresh_materialized_view",
            "materialized views exist on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    // ---- partitions -----------------------------------------------------------------------

    /// `create_partition`.
    fn create_partition(&self, op: &CreatePartition, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "create_partition",
            "declarative partitioning is supported on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    /// `attach_partition`.
    fn attach_partition(&self, op: &AttachPartition, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "attach_partition",
            "declarative partitioning is supported on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    /// `detach_partition`.
    fn detach_partition(&self, op: &DetachPartition, ctx: &RenderContext) -> Stmts {
        let _ = (op, ctx);
        Err(self.unsupported(
            "detach_partition",
            "declarative partitioning is supported on PostgreSQL only; wrap the op in `.only([postgres])`",
        ))
    }

    // ---- data -----------------------------------------------------------------------------

    /// `execute`: the SQL as written (its author's contract).
    fn execute(&self, op: &Execute, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![op.sql.clone()])
    }

    /// `bulk_insert`.
    fn bulk_insert(&self, op: &BulkInsert, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::data::bulk_insert(Self::DIALECT, op)
    }

    /// `backfill`, as the single `UPDATE` its batches amount to (what `--sql` prints); the
    /// runner runs it in batches with [`super::BackfillSql`].
    fn backfill(&self, op: &Backfill, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::data::backfill_whole(Self::DIALECT, op)
    }
}

/// Renders any op with a dialect's renderer.
pub(crate) fn render_with<R: Renderer>(r: &R, op: &Op, ctx: &RenderContext) -> Stmts {
    match op {
        Op::CreateTable(o) => r.create_table(o, ctx),
        Op::DropTable(o) => r.drop_table(o, ctx),
        Op::RenameTable(o) => r.rename_table(o, ctx),
        Op::AddColumn(o) => r.add_column(o, ctx),
        Op::DropColumn(o) => r.drop_column(o, ctx),
        Op::RenameColumn(o) => r.rename_column(o, ctx),
        // The runner fills restored parts in from the chain's model; rendering without them would
        // leave the column as it is.
        Op::AlterColumn(o) if !o.restore.is_empty() => Err(RenderError::invalid(
            "alter_column",
            format!(
                "this downgrade sets the {} of `{}.{}` back to its state before the revision, which only the chain's schema model knows; render it with the chain (`downgrade FROM:TO --sql`, or a run)",
                o.restore.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "),
                o.table,
                o.column
            ),
        )),
        Op::AlterColumn(o) => r.alter_column(o, ctx),
        Op::CreateIndex(o) => r.create_index(o, ctx),
        Op::DropIndex(o) => r.drop_index(o, ctx),
        Op::AddConstraint(o) => r.add_constraint(o, ctx),
        Op::DropConstraint(o) => r.drop_constraint(o, ctx),
        Op::ValidateConstraint(o) => r.validate_constraint(o, ctx),
        Op::SetComment(o) => r.set_comment(o, ctx),
        Op::CreateExtension(o) => r.create_extension(o, ctx),
        Op::DropExtension(o) => r.drop_extension(o, ctx),
        Op::CreateEnum(o) => r.create_enum(o, ctx),
        Op::DropEnum(o) => r.drop_enum(o, ctx),
        Op::AddEnumValue(o) => r.add_enum_value(o, ctx),
        Op::CreateSequence(o) => r.create_sequence(o, ctx),
        Op::DropSequence(o) => r.drop_sequence(o, ctx),
        Op::CreateView(o) => r.create_view(o, ctx),
        Op::DropView(o) => r.drop_view(o, ctx),
        Op::RenameView(o) => r.rename_view(o, ctx),
        Op::RefreshMaterializedView(o) => r.refresh_materialized_view(o, ctx),
        Op::CreatePartition(o) => r.create_partition(o, ctx),
        Op::AttachPartition(o) => r.attach_partition(o, ctx),
        Op::DetachPartition(o) => r.detach_partition(o, ctx),
        Op::Execute(o) => r.execute(o, ctx),
        Op::BulkInsert(o) => r.bulk_insert(o, ctx),
        Op::Backfill(o) => r.backfill(o, ctx),
        Op::Only(o) if o.applies_to(R::DIALECT.name()) => render_with(r, &o.op, ctx),
        Op::Only(_) => Ok(Vec::new()),
    }
}
