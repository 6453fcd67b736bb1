//! PostgreSQL: the generic renderer plus its own types, comments, `ALTER COLUMN`, constraints
//! with `NOT VALID`, and every PostgreSQL-only op through the extension statements.

use sea_query::extension::postgres::{Extension, Type};
use sea_query::{ColumnDef, PostgresQueryBuilder, Table, TableCreateStatement};

use super::ext::{
    bound_check, bound_sql, pg_string, AlterColumnStatement, ColumnAction, CommentStatement, ConstraintStatement,
    PartitionStatement, PostgresExtBuilder, RefreshStatement, SequenceStatement,
};
use super::server;
use crate::backend::common::{self, column::default_sql, constraint};
use crate::backend::quote::{build, iden, literal, to_sea_value};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{quote_ident, Dialect, RenderContext, RenderError};
use crate::ops::*;

/// The PostgreSQL renderer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Postgres;

const PG: Dialect = Dialect::Postgres;

/// The unique index a `UNIQUE|PRIMARY KEY USING INDEX ix` constraint consumed: PostgreSQL
/// renames the index to the constraint and drops it with the constraint, so dropping such a
/// constraint re-creates `ix` to leave the schema as it was before the promotion (the revision
/// that built `ix`, often `CONCURRENTLY`, can then drop it in its own downgrade). `None` for any
/// other constraint. (A primary key's columns stay NOT NULL: the promotion set it, and no
/// catalog records whether they were before.)
fn restored_index(op: &DropConstraint) -> Result<Option<CreateIndex>, RenderError> {
    let (columns, index, nulls_not_distinct) = match &op.definition {
        Some(Constraint {
            kind: ConstraintKind::Unique { columns, using_index: Some(ix), nulls_not_distinct },
            ..
        }) => (columns, ix, *nulls_not_distinct),
        Some(Constraint { kind: ConstraintKind::PrimaryKey { columns, using_index: Some(ix) }, .. }) => {
            (columns, ix, false)
        }
        _ => return Ok(None),
    };
    if columns.is_empty() {
        let (word, name) = match &op.definition {
            Some(c) if matches!(c.kind, ConstraintKind::PrimaryKey { .. }) => ("primary_key", c.name.as_str()),
            _ => ("unique", op.name.as_str()),
        };
        return Err(RenderError::invalid(
            "drop_constraint",
            format!(
                "dropping `{name}` also drops the index `{index}` it was promoted from, which is re-created from the \
                 constraint's columns; name them: `{word}(\"{name}\", [\"col\"]).using_index(\"{index}\")`"
            ),
        ));
    }
    let mut create = CreateIndex::new(index.clone()).on(op.table.clone(), columns.iter().map(String::as_str)).unique();
    if nulls_not_distinct {
        create = create.nulls_not_distinct();
    }
    if op.if_exists {
        create = create.if_not_exists();
    }
    Ok(Some(create))
}

fn comment_stmt(target: &CommentTarget, comment: Option<&str>) -> String {
    pg_string!(prepare_comment, &CommentStatement { target, comment })
}

impl Renderer for Postgres {
    const DIALECT: Dialect = PG;

    fn column_type(&self, op: OpKind, ty: &ColumnType) -> Result<String, RenderError> {
        Ok(match ty {
            ColumnType::SmallInt => "smallint".into(),
            ColumnType::Integer => "integer".into(),
            ColumnType::BigInt => "bigint".into(),
            ColumnType::SmallSerial => "smallserial".into(),
            ColumnType::Serial => "serial".into(),
            ColumnType::BigSerial => "bigserial".into(),
            ColumnType::Numeric(Some((p, s))) => format!("numeric({p}, {s})"),
            ColumnType::Numeric(None) => "numeric".into(),
            ColumnType::Real => "real".into(),
            ColumnType::Double => "double precision".into(),
            ColumnType::Boolean => "boolean".into(),
            ColumnType::Text => "text".into(),
            ColumnType::Varchar(Some(n)) => format!("varchar({n})"),
            ColumnType::Varchar(None) => "varchar".into(),
            ColumnType::Char(n) => format!("char({n})"),
            ColumnType::Bytes => "bytea".into(),
            ColumnType::Uuid => "uuid".into(),
            ColumnType::Json => "json".into(),
            ColumnType::Jsonb => "jsonb".into(),
            ColumnType::Date => "date".into(),
            ColumnType::Time => "time".into(),
            ColumnType::Timestamp => "timestamp".into(),
            ColumnType::TimestampTz => "timestamptz".into(),
            ColumnType::Interval => "interval".into(),
            ColumnType::Array(inner) => match inner.as_ref() {
                ColumnType::SmallSerial | ColumnType::Serial | ColumnType::BigSerial => {
                    return Err(RenderError::invalid(
                        op,
                        "an array of serials is not a type; use an array of integers",
                    ));
                }
                other => format!("{}[]", self.column_type(op, other)?),
            },
            ColumnType::Enum(name) => quote_ident(PG, name),
            ColumnType::Custom(sql) => sql.clone(),
        })
    }

    fn column_comment(
        &self,
        table: &str,
        column: &str,
        comment: &str,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Vec<String> {
        let _ = (def, extra);
        vec![comment_stmt(&CommentTarget::Column(table.into(), column.into()), Some(comment))]
    }

    fn table_comment(&self, table: &str, comment: &str, create: &mut TableCreateStatement) -> Vec<String> {
        let _ = create;
        vec![comment_stmt(&CommentTarget::Table(table.into()), Some(comment))]
    }

    fn alter_column(&self, op: &AlterColumn, ctx: &RenderContext) -> Stmts {
        const OP: &str = "alter_column";
        // Where statements commit one by one, SET NOT NULL takes the online recipe; with a type
        // change the table is rewritten anyway, and the rewrite checks NOT NULL for free.
        let recipe = ctx.autocommit && op.ty.is_none() && op.nullable.as_ref().is_some_and(|n| !n.to);
        let recipe = if recipe { Some(server::not_null_recipe(&op.table, &op.column, ctx)?) } else { None };
        let mut actions = Vec::new();
        if let Some(t) = &op.ty {
            let mut sql_type = self.column_type(OP, &t.change.to)?;
            if let Some(c) = &op.collation {
                let name = c.to.as_deref().unwrap_or("default");
                sql_type = format!("{sql_type} COLLATE {}", quote_ident(PG, name));
            }
            actions.push(ColumnAction::Type { sql_type, using: t.using.clone() });
        } else if op.collation.is_some() {
            return Err(RenderError::invalid(
                OP,
                format!(
                    "PostgreSQL changes a column's collation with its type: write the type of `{}.{}` with it (`.set_type(T).set_collation(..)`)",
                    op.table, op.column
                ),
            ));
        }
        if let Some(n) = op.nullable.as_ref().filter(|_| recipe.is_none()) {
            actions.push(ColumnAction::NotNull(!n.to));
        }
        if let Some(d) = &op.default {
            actions.push(match &d.to {
                Some(default) => ColumnAction::SetDefault(default_sql(PG, OP, default)?),
                None => ColumnAction::DropDefault,
            });
        }
        if let Some(i) = &op.identity {
            match (&i.from, &i.to) {
                (Some(Some(from)), Some(to)) => {
                    let alter = IdentityAlter { always: Some(to.always), options: to.options };
                    actions.extend(identity_changes(Some(from), &alter));
                }
                (_, Some(to)) => actions.push(ColumnAction::AddIdentity(*to)),
                (_, None) => actions.push(ColumnAction::DropIdentity),
            }
        }
        if let Some(alter) = &op.alter_identity {
            actions.extend(identity_changes(None, alter));
        }
        let mut out = Vec::new();
        if !actions.is_empty() {
            out.push(pg_string!(
                prepare_alter_column,
                &AlterColumnStatement { table: &op.table, column: &op.column, actions }
            ));
        }
        out.extend(recipe.into_iter().flatten());
        if let Some(c) = &op.comment {
            out.push(comment_stmt(&CommentTarget::Column(op.table.clone(), op.column.clone()), c.to.as_deref()));
        }
        if out.is_empty() {
            return Err(RenderError::invalid(
                OP,
                format!("`alter_column(\"{}\", \"{}\")` changes nothing; add a change", op.table, op.column),
            ));
        }
        Ok(out)
    }

    fn create_index(&self, op: &CreateIndex, ctx: &RenderContext) -> Stmts {
        common::index::check_index_support(PG, op, false)?;
        if op.concurrently {
            server::refuse_cic_bug("create_index", "CREATE INDEX CONCURRENTLY", ctx)?;
        }
        if op.nulls_not_distinct && ctx.server_version_num.is_some_and(|v| v < 150_000) {
            return Err(self.unsupported(
                "create_index",
                "NULLS NOT DISTINCT needs PostgreSQL 15 or later; drop `.nulls_not_distinct()`",
            ));
        }
        Ok(vec![common::index::create_index(PG, op)])
    }

    fn drop_index(&self, op: &DropIndex, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![common::index::drop_index(PG, op, false)?])
    }

    fn add_constraint(&self, op: &AddConstraint, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        const OP: &str = "add_constraint";
        let c = &op.constraint;
        constraint::check_support(PG, OP, c)?;
        if op.not_valid && !matches!(c.kind, ConstraintKind::Check { .. } | ConstraintKind::ForeignKey(_)) {
            return Err(RenderError::invalid(
                OP,
                "only CHECK and FOREIGN KEY constraints can be added NOT VALID; drop `.not_valid()`",
            ));
        }
        if let ConstraintKind::ForeignKey(fk) = &c.kind {
            if !op.not_valid && !constraint::needs_extension(PG, c) {
                constraint::definition(PG, OP, c)?;
                let stmt = constraint::sea_foreign_key(PG, &op.table, Some(&c.name), fk);
                return Ok(vec![build(PG, &stmt)]);
            }
        }
        let clause = constraint::clause(PG, OP, c)?;
        Ok(vec![pg_string!(
            prepare_constraint,
            &ConstraintStatement::Add { table: &op.table, clause, not_valid: op.not_valid }
        )])
    }

    fn drop_constraint(&self, op: &DropConstraint, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        let restored = restored_index(op)?;
        let mut out = vec![if op.if_exists {
            pg_string!(
                prepare_constraint,
                &ConstraintStatement::Drop { table: &op.table, name: &op.name, if_exists: true }
            )
        } else {
            let mut alter = Table::alter();
            alter.table(iden(&op.table)).drop_constraint(iden(&op.name));
            build(PG, &alter)
        }];
        out.extend(restored.map(|index| common::index::create_index(PG, &index)));
        Ok(out)
    }

    fn validate_constraint(&self, op: &ValidateConstraint, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![pg_string!(prepare_constraint, &ConstraintStatement::Validate { table: &op.table, name: &op.name })])
    }

    fn set_comment(&self, op: &SetComment, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![comment_stmt(&op.target, op.comment.as_deref())])
    }

    fn create_extension(&self, op: &CreateExtension, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        // sea-query writes the extension name as given, so it gets the quoted identifier.
        let mut stmt = Extension::create();
        stmt.name(quote_ident(PG, &op.name));
        if op.if_not_exists {
            stmt.if_not_exists();
        }
        Ok(vec![stmt.to_string(PostgresQueryBuilder)])
    }

    fn drop_extension(&self, op: &DropExtension, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        let mut stmt = Extension::drop();
        stmt.name(quote_ident(PG, &op.name));
        if op.if_exists {
            stmt.if_exists();
        }
        if op.cascade {
            stmt.cascade();
        }
        Ok(vec![stmt.to_string(PostgresQueryBuilder)])
    }

    fn create_enum(&self, op: &CreateEnum, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        let stmt = Type::create().as_enum(iden(&op.name)).values(op.values.iter().map(|v| iden(v))).to_owned();
        Ok(vec![stmt.to_string(PostgresQueryBuilder)])
    }

    fn drop_enum(&self, op: &DropEnum, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        let mut stmt = Type::drop();
        stmt.name(iden(&op.name));
        if op.if_exists {
            stmt.if_exists();
        }
        Ok(vec![stmt.to_string(PostgresQueryBuilder)])
    }

    fn add_enum_value(&self, op: &AddEnumValue, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        if op.before.is_some() && op.after.is_some() {
            return Err(RenderError::invalid("add_enum_value", "give either `.before(..)` or `.after(..)`, not both"));
        }
        let mut stmt = Type::alter().name(iden(&op.name)).add_value(iden(&op.value));
        if let Some(b) = &op.before {
            stmt = stmt.before(iden(b));
        }
        if let Some(a) = &op.after {
            stmt = stmt.after(iden(a));
        }
        if op.if_not_exists {
            stmt = stmt.if_not_exists();
        }
        Ok(vec![stmt.to_string(PostgresQueryBuilder)])
    }

    fn create_sequence(&self, op: &CreateSequence, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![pg_string!(prepare_sequence, &SequenceStatement::Create(op))])
    }

    fn drop_sequence(&self, op: &DropSequence, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![pg_string!(prepare_sequence, &SequenceStatement::Drop { name: &op.name, if_exists: op.if_exists })])
    }

    fn refresh_materialized_view(&self, op: &RefreshMaterializedView, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![pg_string!(prepare_refresh, &RefreshStatement { name: &op.name, concurrently: op.concurrently })])
    }

    fn create_partition(&self, op: &CreatePartition, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        const OP: &str = "create_partition";
        let bound = bound_sql(OP, &op.bound)?;
        if !op.standalone {
            if op.bound == PartitionBound::Default {
                return Ok(vec![pg_string!(
                    prepare_partition,
                    &PartitionStatement::CreateOf { name: &op.name, parent: &op.parent, bound }
                )]);
            }
            let mut stmt = Table::create();
            stmt.table(iden(&op.name)).partition_of(iden(&op.parent));
            let vals = |vs: &[Value]| -> Result<Vec<sea_query::Expr>, RenderError> {
                vs.iter().map(|v| literal(PG, OP, v).map(|_| sea_query::Expr::val(to_sea_value(v)))).collect()
            };
            match &op.bound {
                PartitionBound::Range { from, to } => stmt.values_from_to(vals(from)?, vals(to)?),
                PartitionBound::List(values) => stmt.values_in(vals(values)?),
                PartitionBound::Hash { modulus, remainder } => stmt.values_with(*modulus, *remainder),
                PartitionBound::Default => &mut stmt,
            };
            return Ok(vec![build(PG, &stmt)]);
        }
        let Some(key) = &op.key else {
            return Err(RenderError::invalid(
                OP,
                "the standalone recipe needs the partition key column: `.standalone(\"column\")`",
            ));
        };
        let mut out =
            vec![pg_string!(prepare_partition, &PartitionStatement::CreateLike { name: &op.name, parent: &op.parent })];
        let check_name = format!("{}_retort_bound", op.name);
        let check = bound_check(OP, &op.parent, key, &op.bound)?;
        if let Some(expr) = &check {
            let clause = format!("CONSTRAINT {} CHECK ({expr})", quote_ident(PG, &check_name));
            out.push(pg_string!(
                prepare_constraint,
                &ConstraintStatement::Add { table: &op.name, clause, not_valid: false }
            ));
        }
        out.push(pg_string!(
            prepare_partition,
            &PartitionStatement::Attach { parent: &op.parent, name: &op.name, bound }
        ));
        if check.is_some() {
            out.push(pg_string!(
                prepare_constraint,
                &ConstraintStatement::Drop { table: &op.name, name: &check_name, if_exists: false }
            ));
        }
        Ok(out)
    }

    fn attach_partition(&self, op: &AttachPartition, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        let bound = bound_sql("attach_partition", &op.bound)?;
        let mut out = vec![pg_string!(
            prepare_partition,
            &PartitionStatement::Attach { parent: &op.parent, name: &op.name, bound }
        )];
        if op.undoes_concurrent_detach {
            // After the attach, so that the attach can use the constraint to skip its scan.
            out.push(pg_string!(prepare_partition, &PartitionStatement::DropDetachCheck { name: &op.name }));
        }
        Ok(out)
    }

    fn execute(&self, op: &Execute, ctx: &RenderContext) -> Stmts {
        if let Some(what) = server::concurrent_index_build(&op.sql) {
            server::refuse_cic_bug("execute", what, ctx)?;
        }
        Ok(vec![op.sql.clone()])
    }

    fn detach_partition(&self, op: &DetachPartition, ctx: &RenderContext) -> Stmts {
        if op.concurrently && ctx.server_version_num.is_some_and(|v| v < 140_000) {
            return Err(self.unsupported(
                "detach_partition",
                "DETACH PARTITION CONCURRENTLY needs PostgreSQL 14 or later; drop `.concurrently()`",
            ));
        }
        let mut out = vec![pg_string!(
            prepare_partition,
            &PartitionStatement::Detach { parent: &op.parent, name: &op.name, concurrently: op.concurrently }
        )];
        if op.drop {
            let mut drop = Table::drop();
            drop.table(iden(&op.name));
            out.push(build(PG, &drop));
        }
        Ok(out)
    }
}

/// The `SET GENERATED ..` and `SET <option>` actions that take an identity to `to`: from `from`,
/// only what differs; from an unknown one, all that `to` states.
fn identity_changes(from: Option<&Identity>, to: &IdentityAlter) -> Vec<ColumnAction> {
    let mut out = Vec::new();
    if let Some(always) = to.always.filter(|a| from.is_none_or(|f| f.always != *a)) {
        out.push(ColumnAction::SetGenerated(always));
    }
    let unchanged = from.map(|f| f.options.clauses()).unwrap_or_default();
    let changed = to.options.clauses().into_iter().filter(|c| !unchanged.contains(c));
    // `SET` takes the option alone: `NO CYCLE`, `START WITH 5`.
    out.extend(changed.map(ColumnAction::SetOption));
    out
}
