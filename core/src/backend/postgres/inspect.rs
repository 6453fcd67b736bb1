//! PostgreSQL: the table lock each op takes (the "Explicit Locking" chapter of the manual), the
//! catalog queries behind `plan`, `locks` and `partitions ensure`, and how bounds are printed.

use crate::backend::inspect::{BoundEnd, LockInfo, PrintedBound, TableLock, Work};
use crate::backend::{quote_ident, quote_literal, Dialect, RenderContext};
use crate::ops::{AddColumn, AlterColumn, ConstraintKind, Op};

const PG: Dialect = Dialect::Postgres;

/// The table lock modes, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

use Mode::*;

const ALL: [Mode; 8] =
    [AccessShare, RowShare, RowExclusive, ShareUpdateExclusive, Share, ShareRowExclusive, Exclusive, AccessExclusive];

impl Mode {
    /// The manual's name.
    pub fn name(self) -> &'static str {
        match self {
            AccessShare => "ACCESS SHARE",
            RowShare => "ROW SHARE",
            RowExclusive => "ROW EXCLUSIVE",
            ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            Share => "SHARE",
            ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            Exclusive => "EXCLUSIVE",
            AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    /// `pg_locks.mode`.
    fn view_name(self) -> &'static str {
        match self {
            AccessShare => "AccessShareLock",
            RowShare => "RowShareLock",
            RowExclusive => "RowExclusiveLock",
            ShareUpdateExclusive => "ShareUpdateExclusiveLock",
            Share => "ShareLock",
            ShareRowExclusive => "ShareRowExclusiveLock",
            Exclusive => "ExclusiveLock",
            AccessExclusive => "AccessExclusiveLock",
        }
    }

    /// The table of conflicting lock modes.
    pub fn conflicts_with(self, other: Mode) -> bool {
        match self {
            AccessShare => other == AccessExclusive,
            RowShare => other >= Exclusive,
            RowExclusive => other >= Share,
            ShareUpdateExclusive => other >= ShareUpdateExclusive,
            Share => other == RowExclusive || other == ShareUpdateExclusive || other >= ShareRowExclusive,
            ShareRowExclusive => other >= RowExclusive,
            Exclusive => other >= RowShare,
            AccessExclusive => true,
        }
    }

    /// What a holder of this lock keeps others from doing.
    fn blocks(self) -> &'static str {
        match self {
            AccessShare => "ACCESS EXCLUSIVE DDL only",
            RowShare => "EXCLUSIVE and ACCESS EXCLUSIVE locks",
            RowExclusive => "index builds and DDL that blocks writes",
            ShareUpdateExclusive => "other DDL, VACUUM and ANALYZE (reads and writes go on)",
            Share => "writes (reads go on)",
            ShareRowExclusive => "writes and other DDL (reads go on)",
            Exclusive => "writes (only plain reads go on)",
            AccessExclusive => "reads and writes",
        }
    }
}

fn lock(table: &str, mode: Mode) -> TableLock {
    lock_waiting(table, mode, &[mode])
}

/// A lock that waits for holders of modes conflicting with any of `waits_as`.
fn lock_waiting(table: &str, mode: Mode, waits_as: &[Mode]) -> TableLock {
    let waits_for = ALL.iter().filter(|held| waits_as.iter().any(|w| w.conflicts_with(**held))).map(|m| m.view_name());
    TableLock {
        table: table.to_string(),
        mode: mode.name().to_string(),
        blocks: mode.blocks().to_string(),
        waits_for: waits_for.collect(),
    }
}

fn on(table: &str, mode: Mode, work: Work) -> LockInfo {
    let mut info = LockInfo::none(work);
    info.locks.push(lock(table, mode));
    if !matches!(work, Work::Metadata | Work::Create) {
        info.work_table = Some(table.to_string());
    }
    info
}

/// The lock `op` takes and the work it does, on a server as recent as `ctx` says.
pub(crate) fn lock_taken(op: &Op, ctx: &RenderContext) -> LockInfo {
    let version = ctx.server_version_num.unwrap_or(u32::MAX);
    match op {
        Op::CreateTable(o) => {
            // A new table; a foreign key locks the referenced table against writes briefly.
            let mut info = LockInfo::none(Work::Create);
            for t in op.locked_tables() {
                info.locks.push(lock(t, ShareRowExclusive));
            }
            if o.partition_by.is_some() {
                info.notes
                    .push("a partitioned table holds no rows itself; add partitions with create_partition".into());
            }
            info
        }
        Op::DropTable(o) => on(&o.name, AccessExclusive, Work::Metadata),
        Op::RenameTable(o) => on(&o.from, AccessExclusive, Work::Metadata),
        Op::AddColumn(o) => add_column(o),
        Op::DropColumn(o) => on(&o.table, AccessExclusive, Work::Metadata)
            .note("the column is only marked dropped: its space is reclaimed as rows are rewritten"),
        Op::RenameColumn(o) => on(&o.table, AccessExclusive, Work::Metadata),
        Op::AlterColumn(o) => alter_column(o),
        Op::CreateIndex(o) if o.concurrently => {
            let mut info = LockInfo::none(Work::IndexBuild);
            // Waits first for the writers of the table, then for every older snapshot.
            info.locks.push(lock_waiting(&o.table, ShareUpdateExclusive, &[ShareUpdateExclusive, Share]));
            info.work_table = Some(o.table.clone());
            info.waits_for_open_transactions = true;
            info.note("CONCURRENTLY scans the table twice and waits for every transaction open when it starts; reads and writes go on")
        }
        Op::CreateIndex(o) => on(&o.table, Share, Work::IndexBuild),
        Op::DropIndex(o) => {
            let mode = if o.concurrently { ShareUpdateExclusive } else { AccessExclusive };
            let mut info = match &o.table {
                Some(table) => on(table, mode, Work::Metadata),
                None => LockInfo::none(Work::Metadata)
                    .note(format!("takes {} on the index's table, which the op does not name", mode.name())),
            };
            info.waits_for_open_transactions = o.concurrently;
            info
        }
        Op::AddConstraint(o) => {
            let kind = &o.constraint.kind;
            let (mode, work) = match kind {
                ConstraintKind::ForeignKey(_) => {
                    (ShareRowExclusive, if o.not_valid { Work::Metadata } else { Work::Scan })
                }
                ConstraintKind::Check { .. } => {
                    (AccessExclusive, if o.not_valid { Work::Metadata } else { Work::Scan })
                }
                ConstraintKind::PrimaryKey { using_index: Some(_), .. }
                | ConstraintKind::Unique { using_index: Some(_), .. } => (AccessExclusive, Work::Metadata),
                ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. } => {
                    (AccessExclusive, Work::IndexBuild)
                }
            };
            let mut info = on(&o.table, mode, work);
            if let Some(referenced) = o.constraint.referenced_table() {
                if referenced != o.table {
                    info.locks.push(lock(referenced, ShareRowExclusive));
                }
            }
            info
        }
        Op::DropConstraint(o) => on(&o.table, AccessExclusive, Work::Metadata),
        Op::ValidateConstraint(o) => on(&o.table, ShareUpdateExclusive, Work::Scan)
            .note("VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on"),
        Op::SetComment(o) => {
            let table = match &o.target {
                crate::ops::CommentTarget::Table(t) | crate::ops::CommentTarget::Column(t, _) => t,
            };
            on(table, ShareUpdateExclusive, Work::Metadata)
        }
        Op::CreateView(o) if o.materialized => LockInfo::none(Work::Create)
            .note("a materialized view runs its query to fill itself, reading the tables it names"),
        Op::CreateView(_) | Op::CreateExtension(_) | Op::CreateEnum(_) | Op::CreateSequence(_) => {
            LockInfo::none(Work::Create)
        }
        Op::DropView(o) => on(&o.name, AccessExclusive, Work::Metadata),
        Op::RenameView(o) => on(&o.from, AccessExclusive, Work::Metadata),
        Op::RefreshMaterializedView(o) => {
            let mode = if o.concurrently { Exclusive } else { AccessExclusive };
            on(&o.name, mode, Work::Rewrite).note("the view's query runs again over the tables it names")
        }
        Op::DropExtension(_) | Op::DropEnum(_) | Op::AddEnumValue(_) | Op::DropSequence(_) => {
            LockInfo::none(Work::Metadata)
        }
        Op::CreatePartition(o) if o.standalone => {
            // CREATE TABLE .. LIKE, CHECK, then ATTACH: SHARE UPDATE EXCLUSIVE on the parent (12+).
            let mode = if version >= 120000 { ShareUpdateExclusive } else { AccessExclusive };
            on(&o.parent, mode, Work::Metadata)
                .note("the new table is empty and its CHECK matches the bound, so ATTACH skips its scan")
        }
        Op::CreatePartition(o) => on(&o.parent, AccessExclusive, Work::Metadata),
        Op::AttachPartition(o) => {
            let mode = if version >= 120000 { ShareUpdateExclusive } else { AccessExclusive };
            let mut info = on(&o.parent, mode, Work::Scan);
            info.locks.push(lock(&o.name, AccessExclusive));
            info.work_table = Some(o.name.clone());
            info.note(format!(
                "ATTACH scans {} to check its rows fit the bound, unless a valid CHECK already proves it",
                o.name
            ))
        }
        Op::DetachPartition(o) if o.concurrently => {
            let mut info = on(&o.parent, ShareUpdateExclusive, Work::Metadata);
            info.waits_for_open_transactions = true;
            info
        }
        Op::DetachPartition(o) => on(&o.parent, AccessExclusive, Work::Metadata),
        Op::Execute(_) => LockInfo::none(Work::Unknown).note("raw SQL: its locks cannot be told from the op"),
        Op::BulkInsert(o) => on(&o.table, RowExclusive, Work::Metadata),
        Op::Backfill(o) => on(&o.table, RowExclusive, Work::Backfill)
            .note("each batch locks only the rows it updates, in its own short transaction"),
        Op::Only(only) => lock_taken(&only.op, ctx),
    }
}

fn add_column(o: &AddColumn) -> LockInfo {
    let c = &o.column;
    // PostgreSQL 11+ stores a constant default in the catalog; a per-row value rewrites.
    let rewrites = c.default.as_ref().is_some_and(|d| d.is_volatile())
        || c.ty.is_serial()
        || c.identity.is_some()
        || c.generated.is_some();
    let work = if rewrites {
        Work::Rewrite
    } else if c.primary_key || c.unique {
        Work::IndexBuild
    } else if c.check.is_some() || (!c.nullable && c.default.is_none()) {
        Work::Scan
    } else {
        Work::Metadata
    };
    let mut info = on(&o.table, AccessExclusive, work);
    if let Some(r) = &c.references {
        if r.ref_table != o.table {
            info.locks.push(lock(&r.ref_table, ShareRowExclusive));
        }
    }
    info
}

fn alter_column(o: &AlterColumn) -> LockInfo {
    let type_rewrite =
        o.ty.as_ref()
            .is_some_and(|t| !t.change.from.as_ref().is_some_and(|from| from.is_safe_widening_to(&t.change.to)));
    let set_not_null = o.nullable.as_ref().is_some_and(|n| !n.to);
    let work = if type_rewrite {
        Work::Rewrite
    } else if set_not_null {
        Work::Scan
    } else {
        Work::Metadata
    };
    let info = on(&o.table, AccessExclusive, work);
    if set_not_null && !type_rewrite {
        info.note("SET NOT NULL skips its scan when a valid CHECK (column IS NOT NULL) exists (PostgreSQL 12+)")
    } else {
        info
    }
}

fn regclass(table: &str) -> String {
    format!("to_regclass({})", quote_literal(PG, quote_ident(PG, table).as_str()))
}

/// The relation's OID is only unique within its database; `pg_locks` shows every database's.
const THIS_DATABASE: &str = "(SELECT oid FROM pg_database WHERE datname = current_database())";

pub(crate) fn table_stats_query(table: &str) -> String {
    let rel = regclass(table);
    // The leaves of a partitioned table hold its rows; pg_partition_tree lists nothing for a
    // plain table, which is its own leaf. reltuples is -1 until the first ANALYZE or VACUUM (14+).
    let leaves = format!(
        "(SELECT relid FROM pg_partition_tree({rel}) WHERE isleaf \
         UNION SELECT {rel} WHERE {rel} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_partition_tree({rel})))"
    );
    format!(
        "SELECT CAST({rel} IS NOT NULL AS text) AS c0, \
         CAST((SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c WHERE c.oid IN {leaves}) AS text) AS c1, \
         (SELECT CASE WHEN bool_or(c.reltuples < 0) THEN NULL \
                      ELSE CAST(CAST(coalesce(sum(c.reltuples), 0) AS bigint) AS text) END \
            FROM pg_class c WHERE c.oid IN {leaves}) AS c2, \
         'pg_class.reltuples' AS c3"
    )
}

pub(crate) fn blockers_query(table: &str, waits_for: &[&str], open_transactions: bool) -> String {
    let modes = waits_for.iter().map(|m| quote_literal(PG, *m)).collect::<Vec<_>>().join(", ");
    let rel = regclass(table);
    let mut sql = format!(
        "SELECT CAST(a.pid AS text) AS c0, \
         string_agg(DISTINCT l.mode || CASE WHEN l.granted THEN '' ELSE ' (waiting)' END, ', ') AS c1, \
         coalesce(a.state, '') AS c2, \
         CAST(round(CAST(EXTRACT(EPOCH FROM now() - a.xact_start) AS numeric), 3) AS text) AS c3, \
         coalesce(a.query, '') AS c4 \
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.locktype = 'relation' AND l.database = {THIS_DATABASE} AND l.relation = {rel} \
         AND l.pid <> pg_backend_pid() AND l.mode IN ({modes}) \
         GROUP BY a.pid, a.state, a.xact_start, a.query"
    );
    if open_transactions {
        // CONCURRENTLY waits for every transaction that holds a snapshot older than its own.
        sql.push_str(&format!(
            " UNION SELECT CAST(a.pid AS text), 'open transaction', coalesce(a.state, ''), \
             CAST(round(CAST(EXTRACT(EPOCH FROM now() - a.xact_start) AS numeric), 3) AS text), coalesce(a.query, '') \
             FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() \
             AND a.backend_xmin IS NOT NULL AND a.xact_start IS NOT NULL \
             AND a.pid NOT IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'relation' \
             AND l.database = {THIS_DATABASE} AND l.relation = {rel} AND l.mode IN ({modes}))"
        ));
    }
    sql.push_str(" ORDER BY 4 DESC NULLS LAST");
    sql
}

/// The classic monitor: each waiting session with each session `pg_blocking_pids` says it
/// waits for (holders of a conflicting lock, and requests queued ahead of it).
pub(crate) fn lock_waits_query(ctx: &RenderContext) -> String {
    // pg_locks.waitstart exists from PostgreSQL 14; before, the wait is counted from the query's start.
    let waited_since = if ctx.server_version_num.unwrap_or(u32::MAX) >= 140000 {
        "coalesce(l.waitstart, a.query_start)"
    } else {
        "a.query_start"
    };
    format!(
        "SELECT CAST(a.pid AS text) AS c0, CAST(b.pid AS text) AS c1, \
         CAST(round(CAST(EXTRACT(EPOCH FROM now() - {waited_since}) AS numeric), 3) AS text) AS c2, \
         coalesce(l.locktype, a.wait_event_type, '') AS c3, coalesce(l.mode, a.wait_event, '') AS c4, \
         CAST(l.relation::regclass AS text) AS c5, coalesce(a.query, '') AS c6, coalesce(b.query, '') AS c7, \
         coalesce(b.state, '') AS c8, \
         CAST(round(CAST(EXTRACT(EPOCH FROM now() - b.xact_start) AS numeric), 3) AS text) AS c9 \
         FROM pg_stat_activity a \
         CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS blocking(pid) \
         JOIN pg_stat_activity b ON b.pid = blocking.pid \
         LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted \
         WHERE a.pid <> pg_backend_pid() \
         ORDER BY c2 DESC NULLS LAST, a.pid, b.pid"
    )
}

pub(crate) fn partitioned_table_query(table: &str) -> String {
    format!(
        "SELECT CAST(c.relkind AS text) AS c0, CAST(p.partstrat AS text) AS c1, CAST(p.partnatts AS text) AS c2, \
         CAST(a.attname AS text) AS c3, format_type(a.atttypid, a.atttypmod) AS c4 \
         FROM pg_class c LEFT JOIN pg_partitioned_table p ON p.partrelid = c.oid \
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0] \
         WHERE c.oid = {}",
        regclass(table)
    )
}

pub(crate) fn partitions_query(table: &str) -> String {
    format!(
        "SELECT CAST(c.relname AS text) AS c0, pg_get_expr(c.relpartbound, c.oid) AS c1 \
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = {} ORDER BY 1",
        regclass(table)
    )
}

/// Reads `FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')`, `FROM (MINVALUE) TO (..)`, `DEFAULT`.
pub(crate) fn parse_bound(printed: &str) -> PrintedBound {
    let printed = printed.trim();
    if printed == "DEFAULT" {
        return PrintedBound::Default;
    }
    let Some(rest) = printed.strip_prefix("FOR VALUES FROM (") else { return PrintedBound::Other };
    let Some((from, to)) = rest.split_once(") TO (") else { return PrintedBound::Other };
    let Some(to) = to.strip_suffix(')') else { return PrintedBound::Other };
    match (bound_end(from), bound_end(to)) {
        (Some(from), Some(to)) => PrintedBound::Range(from, to),
        _ => PrintedBound::Other,
    }
}

/// One value of a single-column bound; `None` for several columns.
fn bound_end(text: &str) -> Option<BoundEnd> {
    match text.trim() {
        "MINVALUE" => Some(BoundEnd::Min),
        "MAXVALUE" => Some(BoundEnd::Max),
        quoted => {
            let inner = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
            // A quote inside would be doubled; a date or timestamp has none, and a `','` means
            // several columns.
            (!inner.contains('\'')).then(|| BoundEnd::Value(inner.to_string()))
        }
    }
}

/// A session-level advisory lock keyed by the table (two-int form, apart from the runner's
/// bigint key): concurrent `partitions ensure` runs of one table take turns.
pub(crate) fn maintenance_lock(table: &str) -> (String, String) {
    let key = format!("7265, hashtext({})", quote_literal(PG, format!("retort partitions {table}").as_str()));
    (format!("SELECT CAST(pg_try_advisory_lock({key}) AS text) AS c0"), format!("SELECT pg_advisory_unlock({key})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Column, ColumnType, CreateIndex, ServerDefault};

    #[test]
    fn the_conflict_table_is_symmetric() {
        for a in ALL {
            for b in ALL {
                assert_eq!(a.conflicts_with(b), b.conflicts_with(a), "{a:?} / {b:?}");
            }
        }
        assert!(!RowExclusive.conflicts_with(RowExclusive));
        assert!(ShareUpdateExclusive.conflicts_with(ShareUpdateExclusive));
        assert!(!Share.conflicts_with(Share));
    }

    #[test]
    fn add_column_takes_access_exclusive_and_waits_for_readers() {
        let op = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text)));
        let info = lock_taken(&op, &RenderContext::default());
        assert_eq!(info.locks[0].mode, "ACCESS EXCLUSIVE");
        assert_eq!(info.work, Work::Metadata);
        assert!(info.locks[0].waits_for.contains(&"AccessShareLock"));
    }

    #[test]
    fn volatile_default_rewrites() {
        let col = Column::new("token", ColumnType::Uuid).default(ServerDefault::expr("gen_random_uuid()"));
        let info = lock_taken(&Op::AddColumn(AddColumn::new("users", col)), &RenderContext::default());
        assert_eq!(info.work, Work::Rewrite);
        assert_eq!(info.work_table.as_deref(), Some("users"));
    }

    #[test]
    fn concurrent_index_takes_share_update_exclusive_and_waits_for_writers_not_readers() {
        let op = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]).concurrently());
        let info = lock_taken(&op, &RenderContext::default());
        assert_eq!(info.locks[0].mode, "SHARE UPDATE EXCLUSIVE");
        assert!(info.waits_for_open_transactions);
        assert!(info.locks[0].waits_for.contains(&"RowExclusiveLock"));
        assert!(!info.locks[0].waits_for.contains(&"AccessShareLock"));
    }

    #[test]
    fn bounds_are_read_as_printed() {
        assert_eq!(
            parse_bound("FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')"),
            PrintedBound::Range(
                BoundEnd::Value("2026-02-01 00:00:00+00".into()),
                BoundEnd::Value("2026-03-01 00:00:00+00".into())
            )
        );
        assert_eq!(
            parse_bound("FOR VALUES FROM (MINVALUE) TO ('2026-01-01')"),
            PrintedBound::Range(BoundEnd::Min, BoundEnd::Value("2026-01-01".into()))
        );
        assert_eq!(parse_bound("DEFAULT"), PrintedBound::Default);
        assert_eq!(parse_bound("FOR VALUES IN ('eu')"), PrintedBound::Other);
        assert_eq!(parse_bound("FOR VALUES FROM ('a', 1) TO ('b', 2)"), PrintedBound::Other);
    }
}
