//! PostgreSQL statements sea-query lacks, as extension types with builder traits implemented
//! by `PostgresQueryBuilder` only (sea-query's `extension/postgres` pattern): multi-action
//! `ALTER COLUMN` with `USING` and identity, `ADD CONSTRAINT .. NOT VALID`, `VALIDATE`,
//! `COMMENT ON`, sequences, `REFRESH MATERIALIZED VIEW`, partitions.

use sea_query::{PostgresQueryBuilder, QuotedBuilder};

use crate::backend::quote::literal;
use crate::backend::renderer::identity_clause;
use crate::backend::{quote_ident, quote_literal, Dialect, RenderError};
use crate::ops::{CommentTarget, CreateSequence, Identity, PartitionBound, Value};

const PG: Dialect = Dialect::Postgres;

fn q(name: &str) -> String {
    quote_ident(PG, name)
}

/// One action of an `ALTER TABLE .. ALTER COLUMN`.
#[derive(Debug, Clone)]
pub(crate) enum ColumnAction {
    /// `TYPE t [USING expr]`.
    Type { sql_type: String, using: Option<String> },
    /// `SET NOT NULL` / `DROP NOT NULL`.
    NotNull(bool),
    /// `SET DEFAULT expr`.
    SetDefault(String),
    /// `DROP DEFAULT`.
    DropDefault,
    /// `ADD GENERATED .. AS IDENTITY`.
    AddIdentity(Identity),
    /// `SET GENERATED ALWAYS|BY DEFAULT` (`true`: ALWAYS).
    SetGenerated(bool),
    /// `SET <sequence option>` of the identity: `START WITH 5`, `NO CYCLE`, ..
    SetOption(String),
    /// `DROP IDENTITY`.
    DropIdentity,
}

/// `ALTER TABLE t ALTER COLUMN c <action>, ALTER COLUMN c <action>, ..`: one statement, one
/// lock. PostgreSQL orders the sub-commands itself (a `DROP DEFAULT` runs before a `TYPE`).
#[derive(Debug, Clone)]
pub(crate) struct AlterColumnStatement<'a> {
    /// Table.
    pub table: &'a str,
    /// Column.
    pub column: &'a str,
    /// Actions, in order.
    pub actions: Vec<ColumnAction>,
}

/// `ALTER TABLE t ADD CONSTRAINT .. [NOT VALID]` / `DROP CONSTRAINT [IF EXISTS]` / `VALIDATE`.
#[derive(Debug, Clone)]
pub(crate) enum ConstraintStatement<'a> {
    /// `ADD <clause> [NOT VALID]`.
    Add { table: &'a str, clause: String, not_valid: bool },
    /// `DROP CONSTRAINT [IF EXISTS] name`.
    Drop { table: &'a str, name: &'a str, if_exists: bool },
    /// `VALIDATE CONSTRAINT name`.
    Validate { table: &'a str, name: &'a str },
}

/// `COMMENT ON TABLE|COLUMN .. IS '..'|NULL`.
#[derive(Debug, Clone)]
pub(crate) struct CommentStatement<'a> {
    /// Target.
    pub target: &'a CommentTarget,
    /// The comment; `None` removes it.
    pub comment: Option<&'a str>,
}

/// `CREATE SEQUENCE` / `DROP SEQUENCE`.
#[derive(Debug, Clone)]
pub(crate) enum SequenceStatement<'a> {
    /// Create.
    Create(&'a CreateSequence),
    /// Drop.
    Drop { name: &'a str, if_exists: bool },
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] v`.
#[derive(Debug, Clone)]
pub(crate) struct RefreshStatement<'a> {
    /// View.
    pub name: &'a str,
    /// `CONCURRENTLY`.
    pub concurrently: bool,
}

/// Partition statements sea-query lacks.
#[derive(Debug, Clone)]
pub(crate) enum PartitionStatement<'a> {
    /// `CREATE TABLE p PARTITION OF parent <bound>` (sea-query lacks `DEFAULT`).
    CreateOf { name: &'a str, parent: &'a str, bound: String },
    /// `CREATE TABLE p (LIKE parent INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.
    CreateLike { name: &'a str, parent: &'a str },
    /// `ALTER TABLE parent ATTACH PARTITION p <bound>`.
    Attach { parent: &'a str, name: &'a str, bound: String },
    /// `ALTER TABLE parent DETACH PARTITION p [CONCURRENTLY]`.
    Detach { parent: &'a str, name: &'a str, concurrently: bool },
    /// Drops the CHECK constraint `DETACH .. CONCURRENTLY` added to the (now re-attached)
    /// partition `p`: a `DO` block, because PostgreSQL names it after the partition key's column
    /// (`<p>_<column>_check`, `<p>_check` for several, a number appended on a clash), which the
    /// ops do not know. It is found by its definition instead: the partition constraint itself.
    DropDetachCheck { name: &'a str },
}

/// Writes the statements above. Only PostgreSQL has them.
pub(crate) trait PostgresExtBuilder: QuotedBuilder {
    /// `ALTER TABLE .. ALTER COLUMN ..`.
    fn prepare_alter_column(&self, s: &AlterColumnStatement<'_>, sql: &mut String) {
        sql.push_str(&format!("ALTER TABLE {} ", q(s.table)));
        let col = q(s.column);
        let actions: Vec<String> = s
            .actions
            .iter()
            .map(|a| {
                let body = match a {
                    ColumnAction::Type { sql_type, using: Some(u) } => format!("TYPE {sql_type} USING {u}"),
                    ColumnAction::Type { sql_type, using: None } => format!("TYPE {sql_type}"),
                    ColumnAction::NotNull(true) => "SET NOT NULL".into(),
                    ColumnAction::NotNull(false) => "DROP NOT NULL".into(),
                    ColumnAction::SetDefault(expr) => format!("SET DEFAULT {expr}"),
                    ColumnAction::DropDefault => "DROP DEFAULT".into(),
                    ColumnAction::AddIdentity(i) => format!("ADD {}", identity_clause(*i)),
                    ColumnAction::SetGenerated(always) => {
                        format!("SET GENERATED {}", if *always { "ALWAYS" } else { "BY DEFAULT" })
                    }
                    ColumnAction::SetOption(option) => format!("SET {option}"),
                    ColumnAction::DropIdentity => "DROP IDENTITY".into(),
                };
                format!("ALTER COLUMN {col} {body}")
            })
            .collect();
        sql.push_str(&actions.join(", "));
    }

    /// Constraint statements.
    fn prepare_constraint(&self, s: &ConstraintStatement<'_>, sql: &mut String) {
        match s {
            ConstraintStatement::Add { table, clause, not_valid } => {
                sql.push_str(&format!("ALTER TABLE {} ADD {clause}", q(table)));
                if *not_valid {
                    sql.push_str(" NOT VALID");
                }
            }
            ConstraintStatement::Drop { table, name, if_exists } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                sql.push_str(&format!("ALTER TABLE {} DROP CONSTRAINT {ie}{}", q(table), q(name)));
            }
            ConstraintStatement::Validate { table, name } => {
                sql.push_str(&format!("ALTER TABLE {} VALIDATE CONSTRAINT {}", q(table), q(name)));
            }
        }
    }

    /// `COMMENT ON`.
    fn prepare_comment(&self, s: &CommentStatement<'_>, sql: &mut String) {
        let target = match s.target {
            CommentTarget::Table(t) => format!("TABLE {}", q(t)),
            CommentTarget::Column(t, c) => format!("COLUMN {}.{}", q(t), q(c)),
        };
        let text = s.comment.map_or_else(|| "NULL".to_string(), |c| quote_literal(PG, c));
        sql.push_str(&format!("COMMENT ON {target} IS {text}"));
    }

    /// Sequences.
    fn prepare_sequence(&self, s: &SequenceStatement<'_>, sql: &mut String) {
        match s {
            SequenceStatement::Create(seq) => {
                sql.push_str(&format!("CREATE SEQUENCE {}", q(&seq.name)));
                if let Some(v) = seq.increment {
                    sql.push_str(&format!(" INCREMENT BY {v}"));
                }
                if let Some(v) = seq.min {
                    sql.push_str(&format!(" MINVALUE {v}"));
                }
                if let Some(v) = seq.max {
                    sql.push_str(&format!(" MAXVALUE {v}"));
                }
                if let Some(v) = seq.start {
                    sql.push_str(&format!(" START WITH {v}"));
                }
                if let Some(v) = seq.cache {
                    sql.push_str(&format!(" CACHE {v}"));
                }
                if seq.cycle {
                    sql.push_str(" CYCLE");
                }
                if let Some((t, c)) = &seq.owned_by {
                    sql.push_str(&format!(" OWNED BY {}.{}", q(t), q(c)));
                }
            }
            SequenceStatement::Drop { name, if_exists } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                sql.push_str(&format!("DROP SEQUENCE {ie}{}", q(name)));
            }
        }
    }

    /// `REFRESH MATERIALIZED VIEW`.
    fn prepare_refresh(&self, s: &RefreshStatement<'_>, sql: &mut String) {
        let c = if s.concurrently { "CONCURRENTLY " } else { "" };
        sql.push_str(&format!("REFRESH MATERIALIZED VIEW {c}{}", q(s.name)));
    }

    /// Partition statements.
    fn prepare_partition(&self, s: &PartitionStatement<'_>, sql: &mut String) {
        match s {
            PartitionStatement::CreateOf { name, parent, bound } => {
                sql.push_str(&format!("CREATE TABLE {} PARTITION OF {} {bound}", q(name), q(parent)));
            }
            PartitionStatement::CreateLike { name, parent } => {
                sql.push_str(&format!(
                    "CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                    q(name),
                    q(parent)
                ));
            }
            PartitionStatement::Attach { parent, name, bound } => {
                sql.push_str(&format!("ALTER TABLE {} ATTACH PARTITION {} {bound}", q(parent), q(name)));
            }
            PartitionStatement::Detach { parent, name, concurrently } => {
                let c = if *concurrently { " CONCURRENTLY" } else { "" };
                sql.push_str(&format!("ALTER TABLE {} DETACH PARTITION {}{c}", q(parent), q(name)));
            }
            PartitionStatement::DropDetachCheck { name } => {
                let rel = format!("{}::regclass", quote_literal(PG, q(name).as_str()));
                sql.push_str(&format!(
                    "DO $retort$ DECLARE c name; BEGIN \
                     SELECT conname INTO c FROM pg_constraint WHERE conrelid = {rel} AND contype = 'c' \
                     AND pg_get_constraintdef(oid) = 'CHECK (' || pg_get_partition_constraintdef({rel}) || ')' \
                     ORDER BY oid DESC LIMIT 1; \
                     IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', {rel}, c); END IF; \
                     END $retort$"
                ));
            }
        }
    }
}

impl PostgresExtBuilder for PostgresQueryBuilder {}

/// Renders any of the statements above to a string.
macro_rules! pg_string {
    ($method:ident, $stmt:expr) => {{
        let mut sql = String::new();
        sea_query::PostgresQueryBuilder.$method($stmt, &mut sql);
        sql
    }};
}
pub(crate) use pg_string;

fn values_sql(op: &'static str, values: &[Value]) -> Result<String, RenderError> {
    Ok(values.iter().map(|v| literal(PG, op, v)).collect::<Result<Vec<_>, _>>()?.join(", "))
}

/// `FOR VALUES ..` / `DEFAULT`.
pub(crate) fn bound_sql(op: &'static str, bound: &PartitionBound) -> Result<String, RenderError> {
    Ok(match bound {
        PartitionBound::Range { from, to } => {
            if from.is_empty() || from.len() != to.len() {
                return Err(RenderError::invalid(
                    op,
                    "a range bound needs as many `to` values as `from` values (at least one)",
                ));
            }
            format!("FOR VALUES FROM ({}) TO ({})", values_sql(op, from)?, values_sql(op, to)?)
        }
        PartitionBound::List(values) => {
            if values.is_empty() {
                return Err(RenderError::invalid(op, "a list bound needs at least one value"));
            }
            format!("FOR VALUES IN ({})", values_sql(op, values)?)
        }
        PartitionBound::Hash { modulus, remainder } => {
            if *modulus == 0 || remainder >= modulus {
                return Err(RenderError::invalid(op, "a hash bound needs 0 <= remainder < modulus"));
            }
            format!("FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder})")
        }
        PartitionBound::Default => "DEFAULT".into(),
    })
}

/// The `CHECK` that proves a standalone table's rows fit the bound, so that `ATTACH` can skip
/// its validation scan. `None` for a default partition (nothing to state; the attach scans).
pub(crate) fn bound_check(
    op: &'static str,
    parent: &str,
    key: &str,
    bound: &PartitionBound,
) -> Result<Option<String>, RenderError> {
    let k = q(key);
    Ok(match bound {
        PartitionBound::Range { from, to } => {
            if from.len() != 1 || to.len() != 1 {
                return Err(RenderError::invalid(
                    op,
                    "the standalone recipe states a single-column range key; create a multi-column partition with `create_partition(..)` without `.standalone(..)`",
                ));
            }
            Some(format!(
                "{k} IS NOT NULL AND {k} >= {} AND {k} < {}",
                literal(PG, op, &from[0])?,
                literal(PG, op, &to[0])?
            ))
        }
        PartitionBound::List(values) => {
            let non_null: Vec<&Value> = values.iter().filter(|v| !matches!(v, Value::Null)).collect();
            let has_null = non_null.len() != values.len();
            let list = non_null.iter().map(|v| literal(PG, op, v)).collect::<Result<Vec<_>, _>>()?.join(", ");
            Some(match (has_null, non_null.is_empty()) {
                (true, true) => format!("{k} IS NULL"),
                (true, false) => format!("({k} IS NULL OR {k} IN ({list}))"),
                (false, _) => format!("{k} IS NOT NULL AND {k} IN ({list})"),
            })
        }
        PartitionBound::Hash { modulus, remainder } => Some(format!(
            "satisfies_hash_partition({}::regclass, {modulus}, {remainder}, {k})",
            quote_literal(PG, q(parent).as_str())
        )),
        PartitionBound::Default => None,
    })
}
