//! MySQL/MariaDB: the metadata lock and online-DDL algorithm of each op (InnoDB), and the
//! `information_schema` queries behind `plan` and `locks`.

use crate::backend::inspect::{LockInfo, TableLock, Work};
use crate::backend::{quote_literal, Dialect, RenderContext};
use crate::ops::{AlterColumn, ConstraintKind, Op};

const MY: Dialect = Dialect::Mysql;

/// How an `ALTER TABLE` runs, which decides what its metadata lock lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    /// `ALGORITHM=INSTANT` or an in-place change of the data dictionary only.
    Instant,
    /// `ALGORITHM=INPLACE, LOCK=NONE`: reads and writes go on during the build.
    Inplace,
    /// `ALGORITHM=COPY`: the table is copied, writes wait for the whole copy.
    Copy,
    /// A statement that holds the exclusive metadata lock throughout (drop, rename).
    Exclusive,
}

impl Algorithm {
    fn mode(self) -> &'static str {
        match self {
            Algorithm::Instant | Algorithm::Inplace => "shared-upgradable metadata lock, exclusive at start and end",
            Algorithm::Copy => "shared-no-write metadata lock, exclusive at the end",
            Algorithm::Exclusive => "exclusive metadata lock",
        }
    }

    fn blocks(self) -> &'static str {
        match self {
            Algorithm::Instant | Algorithm::Inplace => {
                "other DDL; its exclusive moments wait for every open transaction that used the table, and reads \
                 and writes queue behind them"
            }
            Algorithm::Copy => "writes for the whole copy (reads go on)",
            Algorithm::Exclusive => "reads and writes",
        }
    }

    fn note(self) -> Option<&'static str> {
        match self {
            Algorithm::Instant => Some("ALGORITHM=INSTANT where the server allows it (MySQL 8.0.12+, MariaDB 10.3+)"),
            Algorithm::Inplace => Some("ALGORITHM=INPLACE, LOCK=NONE: reads and writes go on while it builds"),
            Algorithm::Copy => Some("ALGORITHM=COPY: the table is copied row by row and writes wait"),
            Algorithm::Exclusive => None,
        }
    }
}

/// Every open transaction may hold a metadata lock on the table: MySQL cannot say which without
/// performance_schema's metadata-lock instrument.
fn mdl(table: &str, algorithm: Algorithm) -> TableLock {
    TableLock {
        table: table.to_string(),
        mode: algorithm.mode().to_string(),
        blocks: algorithm.blocks().to_string(),
        waits_for: Vec::new(),
    }
}

fn on(table: &str, algorithm: Algorithm, work: Work) -> LockInfo {
    let mut info = LockInfo::none(work);
    info.locks.push(mdl(table, algorithm));
    if !matches!(work, Work::Metadata | Work::Create) {
        info.work_table = Some(table.to_string());
    }
    if let Some(note) = algorithm.note() {
        info.notes.push(note.to_string());
    }
    info
}

/// The metadata lock `op` takes and the work it does.
pub(crate) fn lock_taken(op: &Op, ctx: &RenderContext) -> LockInfo {
    let _ = ctx;
    match op {
        Op::CreateTable(_) => {
            let mut info = LockInfo::none(Work::Create);
            for t in op.locked_tables() {
                info.locks.push(mdl(t, Algorithm::Exclusive));
            }
            info
        }
        Op::DropTable(o) => on(&o.name, Algorithm::Exclusive, Work::Metadata),
        Op::RenameTable(o) => on(&o.from, Algorithm::Exclusive, Work::Metadata),
        Op::AddColumn(o) => {
            let c = &o.column;
            if c.identity.is_some() || c.ty.is_serial() || c.primary_key {
                on(&o.table, Algorithm::Copy, Work::Rewrite)
            } else if c.unique {
                on(&o.table, Algorithm::Inplace, Work::IndexBuild)
            } else {
                on(&o.table, Algorithm::Instant, Work::Metadata)
            }
        }
        Op::DropColumn(o) => on(&o.table, Algorithm::Inplace, Work::Rewrite)
            .note("INSTANT on MySQL 8.0.29+ and MariaDB 10.4+; a rebuild in place before"),
        Op::RenameColumn(o) => on(&o.table, Algorithm::Instant, Work::Metadata),
        Op::AlterColumn(o) => alter_column(o),
        Op::CreateIndex(o) => on(&o.table, Algorithm::Inplace, Work::IndexBuild),
        Op::DropIndex(o) => match &o.table {
            Some(table) => on(table, Algorithm::Instant, Work::Metadata),
            None => LockInfo::none(Work::Metadata),
        },
        Op::AddConstraint(o) => {
            let mut info = match &o.constraint.kind {
                ConstraintKind::ForeignKey(_) => on(&o.table, Algorithm::Copy, Work::Rewrite)
                    .note("in place only with foreign_key_checks = 0; otherwise the table is copied"),
                ConstraintKind::Check { .. } => on(&o.table, Algorithm::Copy, Work::Rewrite),
                ConstraintKind::PrimaryKey { .. } => on(&o.table, Algorithm::Inplace, Work::Rewrite),
                ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. } => {
                    on(&o.table, Algorithm::Inplace, Work::IndexBuild)
                }
            };
            if let Some(referenced) = o.constraint.referenced_table() {
                if referenced != o.table {
                    info.locks.push(mdl(referenced, Algorithm::Exclusive));
                }
            }
            info
        }
        Op::DropConstraint(o) => on(&o.table, Algorithm::Instant, Work::Metadata),
        Op::SetComment(o) => {
            let table = match &o.target {
                crate::ops::CommentTarget::Table(t) | crate::ops::CommentTarget::Column(t, _) => t,
            };
            on(table, Algorithm::Instant, Work::Metadata)
        }
        Op::CreateView(_) => LockInfo::none(Work::Create),
        Op::DropView(o) => on(&o.name, Algorithm::Exclusive, Work::Metadata),
        Op::RenameView(o) => on(&o.from, Algorithm::Exclusive, Work::Metadata),
        Op::Execute(_) => LockInfo::none(Work::Unknown).note("raw SQL: its locks cannot be told from the op"),
        Op::BulkInsert(o) => row_locks(&o.table, Work::Metadata),
        Op::Backfill(o) => row_locks(&o.table, Work::Backfill)
            .note("each batch locks only the rows it updates, in its own short transaction"),
        Op::Only(only) => lock_taken(&only.op, ctx),
        // Partitions, enum types, sequences, extensions and materialized views do not render
        // on MySQL; planning them reports the render error.
        _ => LockInfo::none(Work::Metadata),
    }
}

fn row_locks(table: &str, work: Work) -> LockInfo {
    let mut info = LockInfo::none(work);
    info.locks.push(TableLock {
        table: table.to_string(),
        mode: "row locks (InnoDB)".into(),
        blocks: "writes to the same rows".into(),
        waits_for: Vec::new(),
    });
    info.work_table = (work == Work::Backfill).then(|| table.to_string());
    info
}

fn alter_column(o: &AlterColumn) -> LockInfo {
    let widening =
        o.ty.as_ref().map(|t| t.change.from.as_ref().is_some_and(|from| from.is_safe_widening_to(&t.change.to)));
    match widening {
        // Widening a VARCHAR within the same length prefix is in place; the rest copies.
        Some(true) => on(&o.table, Algorithm::Inplace, Work::Metadata).note(
            "in place when the new length keeps the same length prefix (under or over 256 bytes); copied otherwise",
        ),
        Some(false) => on(&o.table, Algorithm::Copy, Work::Rewrite),
        None if o.nullable.is_some() => on(&o.table, Algorithm::Inplace, Work::Rewrite),
        None => on(&o.table, Algorithm::Instant, Work::Metadata),
    }
}

pub(crate) fn table_stats_query(table: &str) -> String {
    format!(
        "SELECT CAST(COUNT(*) > 0 AS CHAR) AS c0, CAST(SUM(DATA_LENGTH + INDEX_LENGTH) AS CHAR) AS c1, \
         CAST(SUM(TABLE_ROWS) AS CHAR) AS c2, 'information_schema.TABLES.TABLE_ROWS' AS c3 \
         FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {}",
        quote_literal(MY, table)
    )
}

/// Said once per plan on MySQL.
pub(crate) const BLOCKERS_CAVEAT: &str = "MySQL does not say which tables a transaction used (without \
    performance_schema's metadata-lock instrument): every open InnoDB transaction is listed, as any of them \
    may hold a metadata lock that the DDL waits for";

/// Open InnoDB transactions of other sessions, oldest first.
pub(crate) fn blockers_query() -> String {
    "SELECT CAST(t.trx_mysql_thread_id AS CHAR) AS c0, 'open transaction' AS c1, \
     CAST(IFNULL(p.COMMAND, '') AS CHAR) AS c2, CAST(TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS CHAR) AS c3, \
     CAST(IFNULL(t.trx_query, IFNULL(p.INFO, '')) AS CHAR) AS c4 \
     FROM information_schema.INNODB_TRX t LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id \
     WHERE t.trx_mysql_thread_id <> CONNECTION_ID() ORDER BY t.trx_started"
        .into()
}

/// InnoDB row-lock waits (MariaDB's `INNODB_LOCK_WAITS`, MySQL 8's `data_lock_waits`) and
/// sessions waiting for a metadata lock (whose holder MySQL does not name).
pub(crate) fn lock_waits_queries(ctx: &RenderContext) -> Vec<String> {
    let row_waits = if ctx.mariadb {
        "SELECT CAST(r.trx_mysql_thread_id AS CHAR) AS c0, CAST(b.trx_mysql_thread_id AS CHAR) AS c1, \
         CAST(TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) AS CHAR) AS c2, CAST(IFNULL(l.lock_type, 'RECORD') AS CHAR) AS c3, \
         CAST(IFNULL(l.lock_mode, '') AS CHAR) AS c4, CAST(l.lock_table AS CHAR) AS c5, CAST(IFNULL(r.trx_query, '') AS CHAR) AS c6, \
         CAST(IFNULL(b.trx_query, IFNULL(bp.INFO, '')) AS CHAR) AS c7, CAST(IFNULL(bp.COMMAND, '') AS CHAR) AS c8, \
         CAST(TIMESTAMPDIFF(SECOND, b.trx_started, NOW()) AS CHAR) AS c9 \
         FROM information_schema.INNODB_LOCK_WAITS w \
         JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id \
         JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id \
         LEFT JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id \
         LEFT JOIN information_schema.PROCESSLIST bp ON bp.ID = b.trx_mysql_thread_id"
    } else {
        "SELECT CAST(r.trx_mysql_thread_id AS CHAR) AS c0, CAST(b.trx_mysql_thread_id AS CHAR) AS c1, \
         CAST(TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) AS CHAR) AS c2, CAST(IFNULL(l.LOCK_TYPE, 'RECORD') AS CHAR) AS c3, \
         CAST(IFNULL(l.LOCK_MODE, '') AS CHAR) AS c4, CAST(CONCAT(l.OBJECT_SCHEMA, '.', l.OBJECT_NAME) AS CHAR) AS c5, \
         CAST(IFNULL(r.trx_query, '') AS CHAR) AS c6, CAST(IFNULL(b.trx_query, IFNULL(bp.INFO, '')) AS CHAR) AS c7, \
         CAST(IFNULL(bp.COMMAND, '') AS CHAR) AS c8, CAST(TIMESTAMPDIFF(SECOND, b.trx_started, NOW()) AS CHAR) AS c9 \
         FROM performance_schema.data_lock_waits w \
         JOIN information_schema.INNODB_TRX r ON r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID \
         JOIN information_schema.INNODB_TRX b ON b.trx_id = w.BLOCKING_ENGINE_TRANSACTION_ID \
         LEFT JOIN performance_schema.data_locks l ON l.ENGINE_LOCK_ID = w.REQUESTING_ENGINE_LOCK_ID \
         LEFT JOIN information_schema.PROCESSLIST bp ON bp.ID = b.trx_mysql_thread_id"
    };
    let metadata_waits = "SELECT CAST(p.ID AS CHAR) AS c0, NULL AS c1, CAST(p.TIME AS CHAR) AS c2, 'metadata' AS c3, \
         CAST(p.STATE AS CHAR) AS c4, CAST(NULL AS CHAR) AS c5, CAST(IFNULL(p.INFO, '') AS CHAR) AS c6, NULL AS c7, \
         NULL AS c8, NULL AS c9 \
         FROM information_schema.PROCESSLIST p WHERE p.STATE LIKE 'Waiting for%metadata lock' AND p.ID <> CONNECTION_ID()";
    vec![row_waits.to_string(), metadata_waits.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{AddColumn, Column, ColumnType, CreateIndex};

    #[test]
    fn adding_a_plain_column_is_instant_and_an_index_builds_in_place() {
        let ctx = RenderContext::default();
        let add = lock_taken(&Op::AddColumn(AddColumn::new("t", Column::new("c", ColumnType::Text))), &ctx);
        assert_eq!(add.work, Work::Metadata);
        assert!(add.notes[0].contains("INSTANT"), "{:?}", add.notes);
        let index = lock_taken(&Op::CreateIndex(CreateIndex::new("ix").on("t", ["c"])), &ctx);
        assert_eq!(index.work, Work::IndexBuild);
        assert!(index.notes[0].contains("LOCK=NONE"), "{:?}", index.notes);
    }

    #[test]
    fn a_type_change_copies_the_table() {
        let op =
            Op::AlterColumn(AlterColumn::new("t", "c").set_type(ColumnType::BigInt).from_type(ColumnType::Integer));
        let info = lock_taken(&op, &RenderContext::default());
        assert_eq!(info.work, Work::Rewrite);
        assert!(info.locks[0].mode.contains("shared-no-write"));
    }
}
