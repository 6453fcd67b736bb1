//! MySQL and MariaDB: their types, `AUTO_INCREMENT`, inline comments, table-level foreign
//! keys, `MODIFY COLUMN` (which restates the whole column) and the per-type `DROP`s.

use sea_query::{ColumnDef, Table, TableCreateStatement};

use super::ext::{DropTarget, MysqlStatement};
use crate::backend::common::{self, column::default_sql, constraint};
use crate::backend::quote::{build, iden, ident_list};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{quote_literal, Dialect, KeyColumns, RenderContext, RenderError, TableDef};
use crate::ops::*;

/// The name of the foreign key an inline `references(..)` becomes (PostgreSQL's default
/// naming: `<table>_<column>_fkey`).
pub(crate) fn inline_fk_name(table: &str, column: &str) -> String {
    ColumnReference::constraint_name(table, column)
}

/// The MySQL/MariaDB renderer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mysql;

const MY: Dialect = Dialect::Mysql;

const MARIADB_ONLY: &str = "IF [NOT] EXISTS here is MariaDB syntax and the server is not MariaDB; drop it";

/// The table whose current definition (see [`crate::backend::introspect_mysql_table`]) rendering
/// `op` on MySQL needs: a dropped index may be the one a foreign key uses, and MySQL (not
/// MariaDB) has no `IF [NOT] EXISTS` on columns and indexes, which retort emulates.
pub(crate) fn defined_table(op: &Op) -> Option<&str> {
    match op {
        Op::DropIndex(o) => o.table.as_deref(),
        // A unique constraint is an index a foreign key may need; a foreign key may leave the
        // index MySQL made for it.
        Op::DropConstraint(o) if matches!(o.constraint_type, ConstraintType::Unique | ConstraintType::ForeignKey) => {
            Some(&o.table)
        }
        Op::AddColumn(o) if o.if_not_exists => Some(&o.table),
        Op::DropColumn(o) if o.if_exists => Some(&o.table),
        Op::CreateIndex(o) if o.if_not_exists => Some(&o.table),
        // MODIFY COLUMN restates the whole column: the parts the op leaves alone come from the
        // chain's model (a live definition has only names and types).
        Op::AlterColumn(o) => Some(&o.table),
        _ => None,
    }
}

/// Whether `index` (its columns in order) can serve a foreign key over `fk`: InnoDB needs the
/// key's columns first in the index, in order.
fn serves(index: &[String], fk: &[String]) -> bool {
    index.len() >= fk.len() && index.iter().zip(fk).all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// The foreign keys that only `index` serves: MySQL refuses to drop it (`needed in a foreign key
/// constraint`), although it dropped the index it had made for the key itself when `index` was
/// created. Giving each the index MySQL would make for it (named after the key) in the same
/// statement returns the table to how it was before `index`.
fn foreign_keys_needing<'d>(def: &'d TableDef, index: &KeyColumns) -> Vec<&'d KeyColumns> {
    let mut fks: Vec<&KeyColumns> =
        def.foreign_keys.iter().filter(|fk| serves(&index.columns, &fk.columns) && fk.name != index.name).collect();
    // The widest first: its index serves the narrower keys over its leading columns too.
    fks.sort_by_key(|fk| std::cmp::Reverse(fk.columns.len()));
    let mut keep: Vec<&KeyColumns> = Vec::new();
    for fk in fks {
        let others = def.index_columns.iter().filter(|i| !i.name.eq_ignore_ascii_case(&index.name));
        let served = others.chain(keep.iter().copied()).any(|i| serves(&i.columns, &fk.columns));
        if !served {
            keep.push(fk);
        }
    }
    keep
}

/// The index MySQL made for foreign key `fk` (named after it, its columns first) when nothing
/// else needs it: dropping the key leaves that index behind, so the drop takes it too and the
/// table is as it was before the key was added.
fn own_index<'d>(def: &'d TableDef, fk: &KeyColumns) -> Option<&'d KeyColumns> {
    let index =
        def.index_columns.iter().find(|i| i.name.eq_ignore_ascii_case(&fk.name) && serves(&i.columns, &fk.columns))?;
    let mut without = def.clone();
    without.foreign_keys.retain(|k| k.name != fk.name);
    foreign_keys_needing(&without, index).is_empty().then_some(index)
}

/// Drops index `name` of `table` with `plain` unless the definition says a foreign key needs it
/// (then it is replaced, see [`foreign_keys_needing`]) or, with `if_exists` on MySQL, that it is
/// already gone (then nothing is done).
fn drop_index_stmts(
    ctx: &RenderContext,
    op: OpKind,
    table: &str,
    name: &str,
    if_exists: bool,
    plain: impl Fn(bool) -> Stmts,
) -> Stmts {
    let Some(def) = ctx.tables.get(table) else {
        if if_exists && !ctx.mariadb {
            return Err(RenderError::NeedsConnection { op, table: table.to_string() });
        }
        return plain(if_exists);
    };
    let Some(index) = def.index_columns.iter().find(|i| i.name.eq_ignore_ascii_case(name)) else {
        if if_exists && !ctx.mariadb {
            return Ok(Vec::new());
        }
        return plain(if_exists);
    };
    let keep = foreign_keys_needing(def, index);
    if keep.is_empty() {
        return plain(false);
    }
    Ok(vec![MysqlStatement::DropIndexKeepingForeignKeys { table, index: name, keep }.to_sql()])
}

impl Mysql {
    /// `drop_constraint` as the per-type `DROP`, without looking at the table's definition.
    fn plain_drop_constraint(&self, op: &DropConstraint, mariadb: bool) -> Stmts {
        const OP: &str = "drop_constraint";
        if op.if_exists && !mariadb {
            return Err(self.unsupported(OP, MARIADB_ONLY));
        }
        let target = match op.constraint_type {
            ConstraintType::ForeignKey if !op.if_exists => {
                let mut drop = sea_query::ForeignKey::drop();
                drop.name(crate::backend::quote::sea_name(MY, &op.name)).table(iden(&op.table));
                return Ok(vec![build(MY, &drop)]);
            }
            ConstraintType::ForeignKey => DropTarget::ForeignKey(&op.name),
            ConstraintType::Unique => DropTarget::Index(&op.name),
            ConstraintType::Check => DropTarget::Constraint(&op.name),
            ConstraintType::PrimaryKey if op.if_exists => {
                return Err(self.unsupported(OP, "DROP PRIMARY KEY has no IF EXISTS; drop `.if_exists()`"));
            }
            ConstraintType::PrimaryKey => DropTarget::PrimaryKey,
            ConstraintType::Exclude => {
                return Err(self.unsupported(
                    OP,
                    "EXCLUDE constraints exist on PostgreSQL only; wrap the op in `.only([postgres])`",
                ));
            }
        };
        Ok(vec![MysqlStatement::Drop { table: &op.table, target, if_exists: op.if_exists }.to_sql()])
    }
}

impl Mysql {
    /// `alter_column` as one `MODIFY COLUMN` of the whole column: the column as the model holds
    /// it before the op, with what the op changes. A change of the type alone keeps the
    /// nullability, default, comment, collation and `AUTO_INCREMENT`.
    fn modify_from_model(&self, op: &AlterColumn, before: &crate::schema::Column) -> Stmts {
        const OP: &str = "alter_column";
        let mut after = before.clone();
        if let Some(ty) = &op.ty {
            after.ty = ty.change.to.clone();
        }
        if let Some(n) = &op.nullable {
            after.nullable = n.to;
        }
        if let Some(d) = &op.default {
            // In the model's terms: an expression's text, `now()`, a literal.
            after.default = match &d.to {
                None => None,
                Some(ServerDefault::Expr { sql, .. }) => Some(sql.clone()),
                Some(ServerDefault::Now) => Some("now()".into()),
                Some(value) => Some(default_sql(MY, OP, value)?),
            };
        }
        if let Some(c) = &op.comment {
            after.comment = c.to.clone().filter(|c| !c.is_empty());
        }
        if let Some(i) = &op.identity {
            after.identity = i.to.as_ref().map(|_| crate::schema::Identity::AutoIncrement);
        }
        if let Some(c) = &op.collation {
            after.collation = c.to.clone();
        }
        if after.identity.is_some() {
            after.nullable = false;
        }
        let column = crate::backend::from_model::mysql_column_sql(&after)?;
        Ok(vec![format!("ALTER TABLE {} MODIFY COLUMN {column}", crate::backend::quote_ident(MY, &op.table))])
    }
}

impl Renderer for Mysql {
    const DIALECT: Dialect = MY;

    fn column_type(&self, op: OpKind, ty: &ColumnType) -> Result<String, RenderError> {
        Ok(match ty {
            ColumnType::SmallInt | ColumnType::SmallSerial => "smallint".into(),
            ColumnType::Integer | ColumnType::Serial => "int".into(),
            ColumnType::BigInt | ColumnType::BigSerial => "bigint".into(),
            ColumnType::Numeric(Some((p, s))) => format!("decimal({p}, {s})"),
            // MySQL's bare DECIMAL is DECIMAL(10, 0); the widest it has keeps fractions.
            ColumnType::Numeric(None) => "decimal(65, 30)".into(),
            ColumnType::Real => "float".into(),
            ColumnType::Double => "double".into(),
            ColumnType::Boolean => "boolean".into(),
            ColumnType::Text => "text".into(),
            ColumnType::Varchar(Some(n)) => format!("varchar({n})"),
            ColumnType::Varchar(None) => {
                return Err(self.unsupported(op, "VARCHAR needs a length on MySQL; write `Varchar(255)` (or `Text`)"));
            }
            ColumnType::Char(n) => format!("char({n})"),
            ColumnType::Bytes => "blob".into(),
            ColumnType::Uuid => "char(36)".into(),
            ColumnType::Json | ColumnType::Jsonb => "json".into(),
            ColumnType::Date => "date".into(),
            ColumnType::Time => "time(6)".into(),
            ColumnType::Timestamp => "datetime(6)".into(),
            ColumnType::TimestampTz => "timestamp(6)".into(),
            ColumnType::Interval => {
                return Err(self.unsupported(op, "MySQL has no interval type; store a number of seconds (`BigInt`)"));
            }
            ColumnType::Array(_) => {
                return Err(self.unsupported(op, "MySQL has no array types; use `Json` or a child table"));
            }
            ColumnType::Enum(name) => {
                return Err(self.unsupported(
                    op,
                    format!("MySQL enums are inline, not named types; write `custom(\"ENUM('a', 'b')\")` instead of `Enum(\"{name}\")`"),
                ));
            }
            ColumnType::Custom(sql) => sql.clone(),
        })
    }

    fn identity(
        &self,
        op: OpKind,
        col: &Column,
        inline_pk: bool,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let _ = (inline_pk, extra);
        crate::backend::renderer::identity_options_unsupported(op, Dialect::Mysql, col.identity.as_ref())?;
        // ALWAYS has no MySQL spelling: AUTO_INCREMENT accepts explicit values, like BY DEFAULT.
        if col.identity.is_some() || col.ty.is_serial() {
            def.auto_increment();
        }
        Ok(())
    }

    fn inline_references(&self) -> bool {
        false
    }

    fn column_comment(
        &self,
        table: &str,
        column: &str,
        comment: &str,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Vec<String> {
        let _ = (table, column, def);
        extra.push(format!("COMMENT {}", quote_literal(MY, comment)));
        Vec::new()
    }

    fn column_check(&self, expr: &str, def: &mut ColumnDef, extra: &mut Vec<String>) {
        let _ = def;
        extra.push(format!("CHECK ({expr})"));
    }

    fn inline_reference_name(&self, table: &str, column: &str) -> Option<String> {
        // PostgreSQL's naming, so that dropping the column can drop its foreign key by name.
        Some(inline_fk_name(table, column))
    }

    fn table_comment(&self, table: &str, comment: &str, create: &mut TableCreateStatement) -> Vec<String> {
        let _ = table;
        create.comment(comment);
        Vec::new()
    }

    fn add_column(&self, op: &AddColumn, ctx: &RenderContext) -> Stmts {
        if op.if_not_exists && !ctx.mariadb {
            // Emulated: the plain add, or nothing when the column is there.
            let sql = common::column::add_column(self, &AddColumn { if_not_exists: false, ..op.clone() }, ctx)?;
            let exists = ctx.table("add_column", &op.table)?.column(&op.column.name).is_some();
            return Ok(if exists { Vec::new() } else { sql });
        }
        common::column::add_column(self, op, ctx)
    }

    fn drop_column(&self, op: &DropColumn, ctx: &RenderContext) -> Stmts {
        if op.if_exists && !ctx.mariadb {
            // Emulated: the plain drop, or nothing when the column is gone.
            let sql = self.drop_column(&DropColumn { if_exists: false, ..op.clone() }, ctx)?;
            let exists = ctx.table("drop_column", &op.table)?.column(&op.name).is_some();
            return Ok(if exists { sql } else { Vec::new() });
        }
        let drop =
            MysqlStatement::Drop { table: &op.table, target: DropTarget::Column(&op.name), if_exists: op.if_exists }
                .to_sql();
        // A column added with an inline reference carries a named foreign key, which MySQL
        // refuses to orphan: drop it first, in the same statement.
        if op.definition.as_ref().is_some_and(|c| c.references.is_some()) {
            let fk_name = inline_fk_name(&op.table, &op.name);
            let fk =
                MysqlStatement::Drop { table: &op.table, target: DropTarget::ForeignKey(&fk_name), if_exists: false }
                    .to_sql();
            let column = drop.split_once(" DROP ").map_or(drop.as_str(), |(_, c)| c);
            return Ok(vec![format!("{fk}, DROP {column}")]);
        }
        if !op.if_exists {
            return common::column::drop_column(MY, op);
        }
        Ok(vec![drop])
    }

    fn alter_column(&self, op: &AlterColumn, ctx: &RenderContext) -> Stmts {
        const OP: &str = "alter_column";
        if op.ty.as_ref().is_some_and(|t| t.using.is_some()) {
            return Err(self.unsupported(
                OP,
                "MySQL converts with its own casts and has no USING; drop `.using(..)` or backfill a new column",
            ));
        }
        if op.alter_identity.is_some() {
            return Err(self.unsupported(
                OP,
                "`SET GENERATED ..` and an identity's sequence options are PostgreSQL's; MySQL's AUTO_INCREMENT has neither: limit the op with `.only([postgres])`",
            ));
        }
        let added = op.identity.as_ref().and_then(|i| i.to.as_ref());
        crate::backend::renderer::identity_options_unsupported(OP, Dialect::Mysql, added)?;
        let model = ctx.tables.get(&op.table).and_then(|d| d.model.as_deref()).and_then(|t| t.column(&op.column));
        if let Some(before) = model {
            return self.modify_from_model(op, before);
        }
        if op.identity.is_some() || op.collation.is_some() {
            return Err(self.unsupported(
                OP,
                "changing AUTO_INCREMENT or a collation restates the whole column, and the chain does not know this one (raw SQL or a table it never created); write `execute(\"ALTER TABLE .. MODIFY COLUMN ..\")` with `.only([mysql])`",
            ));
        }
        let restates = op.ty.is_some() || op.nullable.is_some() || op.comment.is_some();
        if !restates {
            let Some(d) = &op.default else {
                return Err(RenderError::invalid(
                    OP,
                    format!("`alter_column(\"{}\", \"{}\")` changes nothing; add a change", op.table, op.column),
                ));
            };
            let default = d.to.as_ref().map(|v| default_sql(MY, OP, v)).transpose()?;
            return Ok(vec![MysqlStatement::ColumnDefault { table: &op.table, column: &op.column, default }.to_sql()]);
        }
        // MODIFY COLUMN replaces the whole definition: anything not restated is lost, so the op
        // must state the type, the nullability and the default.
        let mut missing = Vec::new();
        if op.ty.is_none() {
            missing.push("the type (`.set_type(T).from_type(T)`)");
        }
        if op.nullable.is_none() {
            missing.push("the nullability (`.set_not_null()` or `.drop_not_null()`)");
        }
        if op.default.is_none() {
            missing.push("the default (`.set_default(..)` or `.drop_default()`)");
        }
        let (Some(ty), Some(nullable), Some(default)) = (&op.ty, &op.nullable, &op.default) else {
            return Err(self.unsupported(
                OP,
                format!("MODIFY COLUMN restates the whole column; also state {}", missing.join(", ")),
            ));
        };
        let mut def = ColumnDef::new(iden(&op.column));
        def.custom(iden(&self.column_type(OP, &ty.change.to)?));
        if nullable.to {
            def.null();
        } else {
            def.not_null();
        }
        if let Some(d) = &default.to {
            def.default(self.default_expr(OP, d)?);
        }
        if let Some(c) = &op.comment {
            def.comment(c.to.clone().unwrap_or_default());
        }
        let mut alter = Table::alter();
        alter.table(iden(&op.table)).modify_column(def);
        Ok(vec![build(MY, &alter)])
    }

    fn create_index(&self, op: &CreateIndex, ctx: &RenderContext) -> Stmts {
        if op.if_not_exists && !ctx.mariadb {
            // Emulated: the plain create, or nothing when an index of that name is there.
            let plain = CreateIndex { if_not_exists: false, ..op.clone() };
            common::index::check_index_support(MY, &plain, false)?;
            let def = ctx.table("create_index", &op.table)?;
            if def.index_columns.iter().any(|i| i.name.eq_ignore_ascii_case(&op.name)) {
                return Ok(Vec::new());
            }
            return Ok(vec![common::index::create_index(MY, &plain)]);
        }
        common::index::check_index_support(MY, op, ctx.mariadb)?;
        Ok(vec![common::index::create_index(MY, op)])
    }

    fn drop_index(&self, op: &DropIndex, ctx: &RenderContext) -> Stmts {
        let plain = |if_exists: bool| {
            Ok(vec![common::index::drop_index(MY, &DropIndex { if_exists, ..op.clone() }, ctx.mariadb)?])
        };
        match &op.table {
            Some(table) => drop_index_stmts(ctx, "drop_index", table, &op.name, op.if_exists, plain),
            None => plain(op.if_exists),
        }
    }

    fn add_constraint(&self, op: &AddConstraint, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        const OP: &str = "add_constraint";
        let c = &op.constraint;
        constraint::check_support(MY, OP, c)?;
        if op.not_valid {
            return Err(self.unsupported(
                OP,
                "MySQL validates every constraint when it is added; drop `.not_valid()` (and the `validate_constraint`) here",
            ));
        }
        // Validates the definition (column counts) before anything is built.
        let definition = constraint::definition(MY, OP, c)?;
        Ok(vec![match &c.kind {
            ConstraintKind::ForeignKey(fk) => build(MY, &constraint::sea_foreign_key(MY, &op.table, Some(&c.name), fk)),
            // MySQL names every primary key PRIMARY.
            ConstraintKind::PrimaryKey { columns, .. } => MysqlStatement::Add {
                table: &op.table,
                definition: format!("PRIMARY KEY ({})", ident_list(MY, columns)),
            }
            .to_sql(),
            _ => MysqlStatement::Add {
                table: &op.table,
                definition: format!("CONSTRAINT {} {definition}", crate::backend::quote_ident(MY, &c.name)),
            }
            .to_sql(),
        }])
    }

    fn drop_constraint(&self, op: &DropConstraint, ctx: &RenderContext) -> Stmts {
        const OP: &str = "drop_constraint";
        match op.constraint_type {
            ConstraintType::Unique => {
                // MySQL keeps a unique constraint as an index, which a foreign key may need.
                let plain = |if_exists: bool| {
                    let target = DropTarget::Index(&op.name);
                    Ok(vec![MysqlStatement::Drop { table: &op.table, target, if_exists }.to_sql()])
                };
                drop_index_stmts(ctx, OP, &op.table, &op.name, op.if_exists, plain)
            }
            ConstraintType::ForeignKey => {
                let Some(def) = ctx.tables.get(&op.table) else {
                    if op.if_exists && !ctx.mariadb {
                        return Err(RenderError::NeedsConnection { op: OP, table: op.table.clone() });
                    }
                    return self.plain_drop_constraint(op, ctx.mariadb);
                };
                let Some(fk) = def.foreign_keys.iter().find(|fk| fk.name.eq_ignore_ascii_case(&op.name)) else {
                    // Emulated on MySQL: nothing to do when the key is gone.
                    if op.if_exists && !ctx.mariadb {
                        return Ok(Vec::new());
                    }
                    return self.plain_drop_constraint(op, ctx.mariadb);
                };
                let mut sql =
                    self.plain_drop_constraint(&DropConstraint { if_exists: false, ..op.clone() }, ctx.mariadb)?;
                if let (Some(own), Some(first)) = (own_index(def, fk), sql.first_mut()) {
                    first.push_str(&format!(", DROP INDEX {}", crate::backend::quote_ident(MY, &own.name)));
                }
                Ok(sql)
            }
            _ => self.plain_drop_constraint(op, ctx.mariadb),
        }
    }

    fn set_comment(&self, op: &SetComment, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        match &op.target {
            CommentTarget::Table(table) => {
                Ok(vec![MysqlStatement::TableComment { table, comment: op.comment.as_deref().unwrap_or("") }.to_sql()])
            }
            CommentTarget::Column(..) => Err(self.unsupported(
                "set_comment",
                "a MySQL column comment is part of the whole column definition; use `alter_column(..)` stating the type, nullability, default and `.set_comment(..)`",
            )),
        }
    }
}
