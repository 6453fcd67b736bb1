//! `CREATE INDEX` / `DROP INDEX`: sea-query's index statements where they can say it, and an
//! extension statement for what they cannot (NULLS FIRST|LAST, ON ONLY, SQLite expression
//! columns, MariaDB's IF [NOT] EXISTS).

use sea_query::{
    ConditionalStatement, Expr, Index, IndexOrder, IndexType, MysqlQueryBuilder, PostgresQueryBuilder, QuotedBuilder,
    SqliteQueryBuilder,
};

use crate::backend::quote::{build, iden, sea_name};
use crate::backend::{Dialect, RenderError};
use crate::ops::{CreateIndex, DropIndex, IndexColumn, IndexMethod, IndexTarget, NullsOrder, SortOrder};

/// Whether sea-query's `Index::create()` can write this index for the dialect.
pub(crate) fn sea_query_can_write(d: Dialect, op: &CreateIndex) -> bool {
    let has_nulls = op.columns.iter().any(|c| c.nulls.is_some());
    let has_expr = op.columns.iter().any(|c| matches!(c.target, IndexTarget::Expr(_)));
    match d {
        Dialect::Postgres => !has_nulls && !op.only,
        // sea-query's SQLite backend panics on expression columns.
        Dialect::Sqlite => !has_expr,
        // sea-query's MySQL backend drops IF NOT EXISTS.
        Dialect::Mysql => !op.if_not_exists,
    }
}

/// `CREATE INDEX` with sea-query (callers check [`sea_query_can_write`] and support first).
pub(crate) fn create_with_sea_query(d: Dialect, op: &CreateIndex) -> String {
    let mut stmt = Index::create();
    stmt.name(sea_name(d, &op.name)).table(iden(&op.table));
    if op.unique {
        stmt.unique();
    }
    if op.nulls_not_distinct {
        stmt.nulls_not_distinct();
    }
    if op.if_not_exists {
        stmt.if_not_exists();
    }
    if op.concurrently && d == Dialect::Postgres {
        stmt.concurrently();
    }
    if let Some(m) = op.method {
        if d != Dialect::Sqlite {
            stmt.index_type(match m {
                IndexMethod::Btree => IndexType::BTree,
                IndexMethod::Hash => IndexType::Hash,
                other => IndexType::Custom(iden(other.as_sql())),
            });
        }
    }
    for c in &op.columns {
        let order = c.order.map(|o| match o {
            SortOrder::Asc => IndexOrder::Asc,
            SortOrder::Desc => IndexOrder::Desc,
        });
        let mut col: sea_query::IndexColumn = match (&c.target, order) {
            (IndexTarget::Column(name), Some(o)) => (iden(name), o).into(),
            (IndexTarget::Column(name), None) => iden(name).into(),
            (IndexTarget::Expr(e), Some(o)) => (Expr::cust(e.clone()), o).into(),
            (IndexTarget::Expr(e), None) => Expr::cust(e.clone()).into(),
        };
        if let Some(opclass) = &c.opclass {
            // Operator classes are written as given, like other SQL the migration author writes.
            col = col.with_operator_class(sea_query::DynIden::from(opclass.clone()));
        }
        stmt.col(col);
    }
    for name in &op.include {
        stmt.include(iden(name));
    }
    if let Some(p) = &op.predicate {
        stmt.and_where(Expr::cust(p.clone()));
    }
    build(d, &stmt)
}

/// The extension `CREATE INDEX` statement: every feature of the op, in each dialect's order.
#[derive(Debug, Clone)]
pub(crate) struct IndexCreateExt<'a> {
    /// The op.
    pub op: &'a CreateIndex,
}

/// Writes [`IndexCreateExt`]; implemented by the builders of every dialect (each has indexes),
/// with the dialect's own clause order.
pub(crate) trait IndexExtBuilder: QuotedBuilder {
    /// The dialect.
    const DIALECT: Dialect;

    /// Writes the statement.
    fn prepare_index_create_ext(&self, s: &IndexCreateExt<'_>, sql: &mut String) {
        let d = Self::DIALECT;
        let op = s.op;
        let q = |n: &str| crate::backend::quote_ident(d, n);
        sql.push_str("CREATE ");
        if op.unique {
            sql.push_str("UNIQUE ");
        }
        sql.push_str("INDEX ");
        if op.concurrently && d == Dialect::Postgres {
            sql.push_str("CONCURRENTLY ");
        }
        if op.if_not_exists {
            sql.push_str("IF NOT EXISTS ");
        }
        sql.push_str(&q(&op.name));
        sql.push_str(" ON ");
        if op.only {
            sql.push_str("ONLY ");
        }
        sql.push_str(&q(&op.table));
        if let (Some(m), Dialect::Postgres) = (op.method, d) {
            sql.push_str(" USING ");
            sql.push_str(m.as_sql());
        }
        sql.push_str(" (");
        sql.push_str(&op.columns.iter().map(|c| element(d, c)).collect::<Vec<_>>().join(", "));
        sql.push(')');
        if let (Some(m), Dialect::Mysql) = (op.method, d) {
            sql.push_str(if m == IndexMethod::Hash { " USING HASH" } else { " USING BTREE" });
        }
        if !op.include.is_empty() {
            sql.push_str(" INCLUDE (");
            sql.push_str(&op.include.iter().map(|c| q(c)).collect::<Vec<_>>().join(", "));
            sql.push(')');
        }
        if op.nulls_not_distinct {
            sql.push_str(" NULLS NOT DISTINCT");
        }
        if let Some(p) = &op.predicate {
            sql.push_str(" WHERE ");
            sql.push_str(p);
        }
    }
}

impl IndexExtBuilder for PostgresQueryBuilder {
    const DIALECT: Dialect = Dialect::Postgres;
}

impl IndexExtBuilder for SqliteQueryBuilder {
    const DIALECT: Dialect = Dialect::Sqlite;
}

impl IndexExtBuilder for MysqlQueryBuilder {
    const DIALECT: Dialect = Dialect::Mysql;
}

impl IndexCreateExt<'_> {
    /// The statement for a builder.
    pub(crate) fn to_string(&self, builder: impl IndexExtBuilder) -> String {
        let mut sql = String::new();
        builder.prepare_index_create_ext(self, &mut sql);
        sql
    }
}

/// One indexed element: `"col"` or `(expr)`, then opclass, order and nulls order.
fn element(d: Dialect, c: &IndexColumn) -> String {
    let mut sql = match &c.target {
        IndexTarget::Column(name) => crate::backend::quote_ident(d, name),
        IndexTarget::Expr(e) => format!("({e})"),
    };
    if let Some(opclass) = &c.opclass {
        sql.push(' ');
        sql.push_str(opclass);
    }
    match c.order {
        Some(SortOrder::Asc) => sql.push_str(" ASC"),
        Some(SortOrder::Desc) => sql.push_str(" DESC"),
        None => {}
    }
    match c.nulls {
        Some(NullsOrder::First) => sql.push_str(" NULLS FIRST"),
        Some(NullsOrder::Last) => sql.push_str(" NULLS LAST"),
        None => {}
    }
    sql
}

/// `CREATE INDEX` for the dialect: sea-query when it can write it, the extension otherwise.
pub(crate) fn create_index(d: Dialect, op: &CreateIndex) -> String {
    if sea_query_can_write(d, op) {
        return create_with_sea_query(d, op);
    }
    let ext = IndexCreateExt { op };
    match d {
        Dialect::Postgres => ext.to_string(PostgresQueryBuilder),
        Dialect::Sqlite => ext.to_string(SqliteQueryBuilder),
        Dialect::Mysql => ext.to_string(MysqlQueryBuilder),
    }
}

/// Checks the parts of an index every dialect needs.
pub(crate) fn check_index(op: &CreateIndex) -> Result<(), RenderError> {
    if op.table.is_empty() {
        return Err(RenderError::invalid(
            "create_index",
            format!("index `{}` names no table; add `.on(\"table\", [..])`", op.name),
        ));
    }
    if op.columns.is_empty() {
        return Err(RenderError::invalid(
            "create_index",
            format!("index `{}` has no columns; list them in `.on(..)`", op.name),
        ));
    }
    Ok(())
}

/// Refuses index features the dialect lacks.
pub(crate) fn check_index_support(d: Dialect, op: &CreateIndex, mariadb: bool) -> Result<(), RenderError> {
    check_index(op)?;
    let caps = d.capabilities();
    let no = |hint: &str| Err(RenderError::unsupported("create_index", d, hint));
    if op.predicate.is_some() && !caps.partial_index {
        return no("partial indexes (`.where_(..)`) are not supported; index all rows or wrap the op in `.only([..])`");
    }
    if !op.include.is_empty() && !caps.include_columns {
        return no(
            "covering columns (`.include(..)`) exist on PostgreSQL only; add them to the indexed columns or drop them",
        );
    }
    if op.only && !caps.partitions {
        return no("`.only()` applies to partitioned tables, which exist on PostgreSQL only; drop it");
    }
    if op.nulls_not_distinct && d != Dialect::Postgres {
        return no("NULLS NOT DISTINCT is PostgreSQL 15+ only; drop `.nulls_not_distinct()`");
    }
    if let Some(m) = op.method {
        let ok = match d {
            Dialect::Postgres => true,
            Dialect::Sqlite => m == IndexMethod::Btree,
            Dialect::Mysql => matches!(m, IndexMethod::Btree | IndexMethod::Hash),
        };
        if !ok {
            return no(&format!("the `{}` index method exists on PostgreSQL only; drop `.using(..)`", m.as_sql()));
        }
    }
    if op.columns.iter().any(|c| c.opclass.is_some()) && !caps.index_methods {
        return no("operator classes exist on PostgreSQL only; drop `.opclass(..)`");
    }
    if op.columns.iter().any(|c| c.nulls.is_some()) && !caps.nulls_order {
        return no("NULLS FIRST|LAST on index columns is not supported; drop `.nulls_first()`/`.nulls_last()`");
    }
    if d == Dialect::Mysql {
        if mariadb && op.columns.iter().any(|c| matches!(c.target, IndexTarget::Expr(_))) {
            return no("MariaDB cannot index an expression; index a generated column instead");
        }
        if op.if_not_exists && !mariadb {
            return no("MySQL has no CREATE INDEX IF NOT EXISTS (MariaDB has); drop `.if_not_exists()`");
        }
    }
    Ok(())
}

/// `DROP INDEX` for the dialect.
pub(crate) fn drop_index(d: Dialect, op: &DropIndex, mariadb: bool) -> Result<String, RenderError> {
    match d {
        Dialect::Mysql => {
            let Some(table) = &op.table else {
                return Err(RenderError::invalid(
                    "drop_index",
                    format!("MySQL drops an index by its table; add `.on(\"table\")` to `drop_index(\"{}\")`", op.name),
                ));
            };
            if op.if_exists {
                if !mariadb {
                    return Err(RenderError::unsupported(
                        "drop_index",
                        d,
                        "MySQL has no DROP INDEX IF EXISTS (MariaDB has); drop `.if_exists()`",
                    ));
                }
                // sea-query's MySQL backend panics on IF EXISTS; MariaDB's syntax is plain.
                let q = |n: &str| crate::backend::quote_ident(d, n);
                return Ok(format!("DROP INDEX IF EXISTS {} ON {}", q(&op.name), q(table)));
            }
            let mut stmt = Index::drop();
            stmt.name(sea_name(d, &op.name)).table(iden(table));
            Ok(build(d, &stmt))
        }
        Dialect::Postgres | Dialect::Sqlite => {
            let mut stmt = Index::drop();
            stmt.name(sea_name(d, &op.name));
            if op.if_exists {
                stmt.if_exists();
            }
            if op.concurrently && d == Dialect::Postgres {
                stmt.concurrently();
            }
            Ok(build(d, &stmt))
        }
    }
}
