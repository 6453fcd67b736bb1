//! MySQL and MariaDB: their types, `AUTO_INCREMENT`, inline comments, table-level foreign
//! keys, `MODIFY COLUMN` (which restates the whole column) and the per-type `DROP`s.

use sea_query::{ColumnDef, Table, TableCreateStatement};

use super::ext::{DropTarget, MysqlStatement};
use crate::backend::common::{self, column::default_sql, constraint};
use crate::backend::quote::{build, iden, ident_list};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{quote_literal, Dialect, RenderContext, RenderError};
use crate::ops::*;

/// The name of the foreign key an inline `references(..)` becomes (PostgreSQL's default
/// naming: `<table>_<column>_fkey`).
pub(crate) fn inline_fk_name(table: &str, column: &str) -> String {
    format!("{table}_{column}_fkey")
}

/// The MySQL/MariaDB renderer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mysql;

const MY: Dialect = Dialect::Mysql;

const MARIADB_ONLY: &str = "IF [NOT] EXISTS here is MariaDB syntax and the server is not MariaDB; drop it";

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
        let _ = (op, inline_pk, extra);
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
            return Err(self.unsupported("add_column", MARIADB_ONLY));
        }
        common::column::add_column(self, op, ctx)
    }

    fn drop_column(&self, op: &DropColumn, ctx: &RenderContext) -> Stmts {
        if op.if_exists && !ctx.mariadb {
            return Err(self.unsupported("drop_column", MARIADB_ONLY));
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
        let _ = ctx;
        const OP: &str = "alter_column";
        if op.identity.is_some() {
            return Err(self.unsupported(
                OP,
                "changing AUTO_INCREMENT restates the whole column; write `execute(\"ALTER TABLE .. MODIFY COLUMN ..\")` with `.only([mysql])`",
            ));
        }
        if op.ty.as_ref().is_some_and(|t| t.using.is_some()) {
            return Err(self.unsupported(
                OP,
                "MySQL converts with its own casts and has no USING; drop `.using(..)` or backfill a new column",
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
        common::index::check_index_support(MY, op, ctx.mariadb)?;
        Ok(vec![common::index::create_index(MY, op)])
    }

    fn drop_index(&self, op: &DropIndex, ctx: &RenderContext) -> Stmts {
        Ok(vec![common::index::drop_index(MY, op, ctx.mariadb)?])
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
        if op.if_exists && !ctx.mariadb {
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
