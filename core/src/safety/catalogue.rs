//! Every rule's id, what it catches, why that hurts and the safe recipe: the one place the
//! rule texts live (the macro's errors, `retort lint` and docs/safety.md all quote them).

/// How a finding is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The migration does not compile (the macro) / the lint fails (`retort lint`) unless allowed.
    Error,
    /// A compiler warning / a lint warning; allowing it silences it.
    Warning,
}

/// A safety rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id, as in SAFETY.md; written snake_case in `#[allow(..)]`.
    pub id: &'static str,
    /// What the rule catches, in a few words.
    pub summary: &'static str,
    /// Why that stops production traffic.
    pub why: &'static str,
    /// The safe way to do it.
    pub recipe: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Whether `#[allow(..)]` may accept it. Rules whose migration cannot work at all (PostgreSQL
    /// would refuse it or silently rename something) cannot be allowed.
    pub allowable: bool,
    /// The dialects whose behaviour the rule is about (`postgres`, `sqlite`, `mysql`): an app that
    /// targets none of them (`dialects` in `[package.metadata.retort]`) is not held to it.
    pub dialects: &'static [&'static str],
}

impl Rule {
    /// The id as written in `#[allow(..)]`: `add-required-column` → `add_required_column`.
    pub fn allow_name(&self) -> String {
        self.id.replace('-', "_")
    }
}

const fn rule(id: &'static str, summary: &'static str, why: &'static str, recipe: &'static str) -> Rule {
    Rule { id, summary, why, recipe, severity: Severity::Error, allowable: true, dialects: ALL }
}

const ALL: &[&str] = &["postgres", "sqlite", "mysql"];
const POSTGRES: &[&str] = &["postgres"];
/// The servers other sessions share: locks, timeouts and table copies matter there.
const SERVERS: &[&str] = &["postgres", "mysql"];

impl Rule {
    /// Whether the rule is about one of `targets` (all dialects when empty).
    pub fn applies_to(&self, targets: &[impl AsRef<str>]) -> bool {
        targets.is_empty() || self.dialects.iter().any(|d| targets.iter().any(|t| t.as_ref() == *d))
    }

    /// Whether a project checks the rule: as its `rules` setting says (`Some(on)`), otherwise
    /// when the rule is about one of the dialects it `targets`.
    pub fn checked(&self, targets: &[impl AsRef<str>], setting: Option<bool>) -> bool {
        setting.unwrap_or_else(|| self.applies_to(targets))
    }
}

/// `execute(..)` that sets or resets `lock_timeout`.
pub const LOCK_TIMEOUT: Rule = Rule {
    dialects: SERVERS,
    ..rule(
    "lock-timeout",
    "raw SQL that changes `lock_timeout`",
    "the runner gives every lock-taking step a short `lock_timeout` and retries it, so that a step waiting for a lock never queues the application's queries behind it; changing it in a migration brings that queue back",
    "leave `lock_timeout` to the runner and configure it there (`lock_timeout_ms` in retort.toml)",
)
};

/// `execute(..)` that sets or resets `statement_timeout`.
pub const STATEMENT_TIMEOUT: Rule = Rule {
    dialects: SERVERS,
    ..rule(
    "statement-timeout",
    "raw SQL that changes `statement_timeout`",
    "the runner bounds every lock-holding step with `statement_timeout` (and lifts it for CONCURRENTLY and VALIDATE steps, which take weak locks); changing it in a migration lets a step hold its lock without bound",
    "leave `statement_timeout` to the runner and configure it there (`statement_timeout_ms` in retort.toml)",
)
};

/// An op that cannot run inside a transaction block, in a transactional revision.
pub const NON_TRANSACTIONAL_IN_TRANSACTION: Rule = Rule {
    dialects: POSTGRES,
    severity: Severity::Error,
    allowable: false,
    ..rule(
        "non-transactional-in-transaction",
        "an op that cannot run inside a transaction, in a transactional revision",
        "PostgreSQL refuses CONCURRENTLY inside a transaction block, and a batched backfill commits once per batch",
        "add `transaction: none` to the revision, and keep such ops in a revision of their own",
    )
};

/// A data change in the same transaction as DDL on an existing table.
pub const MIXED_DDL_DML: Rule = rule(
    "mixed-ddl-dml",
    "a data change in the same transaction as DDL",
    "the DDL's lock is held until the transaction commits, so the table stays locked for the whole data change",
    "split it: one revision for the DDL, a later one for the data (a `backfill(..)` with `transaction: none`)",
);

/// Several existing tables locked in one transaction.
pub const MANY_LOCK_TARGETS: Rule = rule(
    "many-lock-targets",
    "several existing tables locked in one transaction",
    "each lock is held until the commit, and taking them in a different order than the application does can deadlock",
    "one lock target per revision: split it so that each revision changes one existing table (one foreign key per transaction)",
);

/// A step of a `transaction: none` revision that fails when rerun.
pub const NON_IDEMPOTENT_NO_TX: Rule = rule(
    "non-idempotent-no-tx",
    "a step of a `transaction: none` revision that cannot be rerun",
    "without a transaction a crash leaves the earlier steps applied, and rerunning the revision fails on a step that already happened",
    "use the op's idempotent form, `.if_not_exists()` or `.if_exists()` (the runner journals steps and rebuilds an INVALID index)",
);

/// A NOT NULL column without a default, added to an existing table.
pub const ADD_REQUIRED_COLUMN: Rule = rule(
    "add-required-column",
    "a NOT NULL column without a default on an existing table",
    "ADD COLUMN .. NOT NULL without a default fails as soon as the table has a row",
    "add it nullable (or with a constant default), backfill it, then make it NOT NULL with the `set-not-null` recipe",
);

/// A column added with a volatile default.
pub const VOLATILE_DEFAULT: Rule = Rule {
    dialects: SERVERS,
    ..rule(
    "volatile-default",
    "a column added with a volatile default",
    "a volatile default (`gen_random_uuid()`, `random()`, `clock_timestamp()`) is computed per row, so the ADD COLUMN rewrites the whole table under an ACCESS EXCLUSIVE lock (`now()` and constants are fine)",
    "add the column without a default, then `alter_column(..).set_default(..)`, then `backfill(..)` the existing rows",
)
};

/// A serial, identity, stored generated or primary key column added to an existing table.
pub const ADD_SERIAL_COLUMN: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
    "add-serial-column",
    "a serial, identity, generated or primary key column on an existing table",
    "filling the new column for every existing row rewrites the table under an ACCESS EXCLUSIVE lock",
    "add a nullable BigInt with a sequence default, backfill it in batches, build a unique index with `.concurrently()`, then `add_constraint(.., primary_key(..).using_index(..))`",
)
};

/// A column type change.
pub const CHANGE_COLUMN_TYPE: Rule = rule(
    "change-column-type",
    "a column type change",
    "changing a type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock (widening a varchar, or varchar to text, is exempt when `.from_type(..)` shows it)",
    "expand and contract: add a column of the new type, write both, backfill, switch reads, then drop the old one",
);

/// A column rename.
pub const RENAME_COLUMN: Rule = rule(
    "rename-column",
    "a column rename",
    "app instances still running the old code fail on the old name until every one is replaced",
    "add the new column and copy (expand/contract), or rename only in code, or put a view in front",
);

/// A column drop.
pub const DROP_COLUMN: Rule = rule(
    "drop-column",
    "a column drop",
    "running code that still reads the column fails, and its data is gone",
    "stop using the column in code and deploy that first; drop it in a later (contract) revision",
);

/// A type that ages badly. A warning.
pub const TYPE_HYGIENE: Rule = Rule {
    dialects: POSTGRES,
    severity: Severity::Warning,
    ..rule(
        "type-hygiene",
        "a type that ages badly",
        "32-bit and serial ids run out, varchar(n) and char(n) need a rewrite to change, timestamp without time zone drops the offset, and json cannot be indexed or compared",
        "use `BigInt` with `.identity()` for ids, `Text` (with a check for a length limit), `TimestampTz` and `Jsonb`",
    )
};

/// An identifier over 63 bytes.
pub const IDENTIFIER_TOO_LONG: Rule = Rule {
    dialects: SERVERS,
    allowable: false,
    ..rule(
        "identifier-too-long",
        "an identifier over 63 bytes, written or generated (an inline `references(..)` is the foreign key `<table>_<column>_fkey`)",
        "PostgreSQL silently truncates identifiers to 63 bytes, so the object gets another name than the migration says and later ops miss it; MySQL refuses names over 64 bytes when the revision is deployed",
        "use a name of at most 63 bytes",
    )
};

/// SET NOT NULL on an existing table.
pub const SET_NOT_NULL: Rule = Rule {
    dialects: SERVERS,
    ..rule(
    "set-not-null",
    "SET NOT NULL on an existing table",
    "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
    "add `check(\"<column>_not_null\", \"<column> IS NOT NULL\")` with `.not_valid()`, `validate_constraint(..)` it in a later revision, then `.set_not_null()` (PostgreSQL 12+ skips the scan) and drop the check",
)
};

/// A CHECK or FOREIGN KEY added without NOT VALID.
pub const CONSTRAINT_NOT_VALID: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
        "constraint-not-valid",
        "a CHECK or FOREIGN KEY added without NOT VALID",
        "adding a validated constraint scans every row while blocking writes (a foreign key locks both tables)",
        "add it with `.not_valid()`, then `validate_constraint(..)` in a later revision",
    )
};

/// ADD UNIQUE / PRIMARY KEY building its index under the lock.
pub const UNIQUE_CONSTRAINT: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
    "unique-constraint",
    "a UNIQUE or PRIMARY KEY constraint that builds its own index",
    "ADD UNIQUE / PRIMARY KEY builds its index while blocking writes to the table",
    "`create_index(..).unique().concurrently()` (with `transaction: none`), then `add_constraint(.., unique(..).using_index(\"ix\"))`",
)
};

/// An EXCLUDE constraint on an existing table.
pub const EXCLUDE_CONSTRAINT: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
    "exclude-constraint",
    "an EXCLUDE constraint on an existing table",
    "an EXCLUDE constraint has no online form: it builds its index and checks every row under an ACCESS EXCLUSIVE lock",
    "create a new table with the constraint and copy the rows over, or accept the lock window explicitly",
)
};

/// CREATE / DROP INDEX without CONCURRENTLY.
pub const INDEX_CONCURRENTLY: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
        "index-concurrently",
        "CREATE or DROP INDEX without CONCURRENTLY",
        "building or dropping an index without CONCURRENTLY blocks writes to the table for the whole build",
        "add `.concurrently()` and `transaction: none` to the revision",
    )
};

/// A downgrade that builds or drops an index under the lock on a table its upgrade was careful with.
pub const CARELESS_DOWNGRADE: Rule = rule(
    "careless-downgrade",
    "a downgrade (written or derived) that builds or drops an index without CONCURRENTLY on a table its upgrade treated as busy",
    "the downgrade runs against the same live table: an index built or dropped without CONCURRENTLY blocks its writes for the whole build, which the upgrade took care to avoid",
    "write `down { .. }` with `create_index(..).concurrently()` or `drop_index(..).concurrently()` and `transaction: none`; to undo `using_index(..)`, build a replacement index concurrently before dropping the constraint",
);

/// A table rename.
pub const RENAME_TABLE: Rule = rule(
    "rename-table",
    "a table rename",
    "app instances still running the old code fail on the old name until every one is replaced",
    "create a view under the new name first, or expand/contract",
);

/// A table drop.
pub const DROP_TABLE: Rule = rule(
    "drop-table",
    "a table drop",
    "clients still using the table fail, and its data is gone",
    "stop using the table in code and deploy that first; drop it in a later (contract) revision",
);

/// CREATE TABLE .. PARTITION OF an existing parent.
pub const PARTITION_CREATE: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
    "partition-create",
    "CREATE TABLE .. PARTITION OF an existing parent",
    "creating a partition takes an ACCESS EXCLUSIVE lock on the parent",
    "`.standalone(\"key_column\")`: create it as a plain table with a CHECK matching its bound, then ATTACH it, which takes a weaker lock",
)
};

/// DETACH PARTITION without CONCURRENTLY.
pub const PARTITION_DETACH: Rule = Rule {
    dialects: POSTGRES,
    ..rule(
        "partition-detach",
        "DETACH PARTITION without CONCURRENTLY",
        "detaching a partition takes an ACCESS EXCLUSIVE lock on the parent",
        "add `.concurrently()` (PostgreSQL 14+) and `transaction: none`",
    )
};

/// One UPDATE or DELETE over a whole table.
pub const UNBATCHED_BACKFILL: Rule = rule(
    "unbatched-backfill",
    "one UPDATE or DELETE over a whole table",
    "a single statement locks every row it touches until it commits and writes a burst of WAL",
    "use `backfill(\"table\").set(\"column\", \"expr\")`: keyset batches, one transaction each, throttled and resumable",
);

/// Raw SQL.
pub const RAW_SQL: Rule = rule(
    "raw-sql",
    "raw SQL",
    "`execute(..)` runs SQL that the typed safety rules cannot inspect",
    "use a typed op if one exists; otherwise review the SQL's locks and say so with an allow",
);

/// Every rule [`check`](super::check) applies, in SAFETY.md's order.
pub const RULES: &[Rule] = &[
    LOCK_TIMEOUT,
    STATEMENT_TIMEOUT,
    NON_TRANSACTIONAL_IN_TRANSACTION,
    MIXED_DDL_DML,
    MANY_LOCK_TARGETS,
    NON_IDEMPOTENT_NO_TX,
    ADD_REQUIRED_COLUMN,
    VOLATILE_DEFAULT,
    ADD_SERIAL_COLUMN,
    CHANGE_COLUMN_TYPE,
    RENAME_COLUMN,
    DROP_COLUMN,
    TYPE_HYGIENE,
    IDENTIFIER_TOO_LONG,
    SET_NOT_NULL,
    CONSTRAINT_NOT_VALID,
    UNIQUE_CONSTRAINT,
    EXCLUDE_CONSTRAINT,
    INDEX_CONCURRENTLY,
    CARELESS_DOWNGRADE,
    RENAME_TABLE,
    DROP_TABLE,
    PARTITION_CREATE,
    PARTITION_DETACH,
    UNBATCHED_BACKFILL,
    RAW_SQL,
];

/// Looks a rule up by id, kebab-case (`add-required-column`) or snake_case (`add_required_column`).
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| {
        r.id.len() == id.len() && r.id.bytes().zip(id.bytes()).all(|(a, b)| a == b || (a == b'-' && b == b'_'))
    })
}
