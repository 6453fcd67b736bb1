//! A revision as the `migration!` macro registers it, and the registry that collects them.

use std::borrow::Cow;

use serde::Deserialize;

use crate::ops::{Irreversible, Op, TransactionMode};

/// One revision: identity, place in the graph, and its ops in canonical serialized form.
///
/// Const-constructible so that `migration!` can register it with `inventory::submit!`; the ops
/// are kept serialized (the macro already evaluated and checked them) and are decoded only
/// when the revision is executed, so that collecting thousands of revisions costs nothing.
/// The `Cow` fields let tests and benchmarks build revisions at run time.
#[derive(Debug, Clone)]
pub struct Revision {
    /// Revision id, e.g. `9c2b3f1a4e5d`.
    pub id: Cow<'static, str>,
    /// Parent ids: none for a root, two or more for a merge.
    pub parents: Cow<'static, [Cow<'static, str>]>,
    /// Branch labels.
    pub branch_labels: Cow<'static, [Cow<'static, str>]>,
    /// Revisions that must be applied first, without being parents.
    pub depends_on: Cow<'static, [Cow<'static, str>]>,
    /// The doc comment: the revision message.
    pub message: Cow<'static, str>,
    /// Transaction mode.
    pub transaction: TransactionMode,
    /// `{"up": [..], "down": [..] | null}` as serialized by the macro; `down: null` means derived.
    pub ops: Cow<'static, str>,
    /// Whether the author declared the revision `irreversible`.
    pub irreversible: bool,
    /// Hex SHA-256 over the canonical ops and transaction mode.
    pub checksum: Cow<'static, str>,
    /// Where the revision is defined (`file!()`), for messages.
    pub source: Cow<'static, str>,
    /// Safety rules the author allowed, as `rule-id: reason`.
    pub allowed: Cow<'static, [Cow<'static, str>]>,
    /// `lock_timeout:` of `migration!`, in milliseconds: every attempt of this revision's
    /// lock-taking statements waits at most this long for its lock (the schedule's pauses stay).
    /// `None` keeps [`Settings`](crate::runner::Settings)'. Like the two fields below, an
    /// operational setting, not part of the checksum: editing it on an applied revision is fine.
    pub lock_timeout_ms: Option<u32>,
    /// `statement_timeout:` of `migration!`, in milliseconds (0: none): the `statement_timeout`
    /// of this revision's lock-holding statements on PostgreSQL. `None` keeps the settings'.
    pub statement_timeout_ms: Option<u32>,
    /// `lock_retries:` of `migration!`: how many retries of the configured schedule this
    /// revision keeps (0: one attempt, no retry). It shortens the schedule, never extends it.
    pub lock_retries: Option<u16>,
}

inventory::collect!(Revision);

/// The revisions of a folder's files that `retort::migrations!()` registers itself, as one JSON
/// array, instead of one `Revision` item per file: rustc checks one string literal far faster
/// than a thousand struct expressions, which is what keeps a one-file edit of a large chain
/// cheap to rebuild. Each entry decodes to the very `Revision` the file's own `migration!`
/// would register (same ops, checksum and `source`).
#[doc(hidden)]
#[derive(Debug)]
pub struct RevisionTable {
    /// `[{"id": .., "parents": [..], .., "source": "file.rs:3"}, ..]`, written by the macro.
    pub json: &'static str,
}

inventory::collect!(RevisionTable);

impl RevisionTable {
    /// The table's revisions, decoded.
    #[doc(hidden)]
    pub fn decode(&self) -> Result<Vec<Revision>, String> {
        let entries: Vec<TableEntry> = serde_json::from_str(self.json).map_err(|e| e.to_string())?;
        Ok(entries.into_iter().map(Revision::from).collect())
    }
}

/// One entry of a [`RevisionTable`], with `Revision`'s fields.
#[derive(Deserialize)]
struct TableEntry {
    id: String,
    parents: Vec<String>,
    branch_labels: Vec<String>,
    depends_on: Vec<String>,
    message: String,
    transaction: TransactionMode,
    ops: String,
    irreversible: bool,
    checksum: String,
    source: String,
    allowed: Vec<String>,
    lock_timeout_ms: Option<u32>,
    statement_timeout_ms: Option<u32>,
    lock_retries: Option<u16>,
}

impl From<TableEntry> for Revision {
    fn from(e: TableEntry) -> Self {
        let list = |l: Vec<String>| -> Cow<'static, [Cow<'static, str>]> { l.into_iter().map(Cow::Owned).collect() };
        Revision {
            id: Cow::Owned(e.id),
            parents: list(e.parents),
            branch_labels: list(e.branch_labels),
            depends_on: list(e.depends_on),
            message: Cow::Owned(e.message),
            transaction: e.transaction,
            ops: Cow::Owned(e.ops),
            irreversible: e.irreversible,
            checksum: Cow::Owned(e.checksum),
            source: Cow::Owned(e.source),
            allowed: list(e.allowed),
            lock_timeout_ms: e.lock_timeout_ms,
            statement_timeout_ms: e.statement_timeout_ms,
            lock_retries: e.lock_retries,
        }
    }
}

/// The revisions of every registered [`RevisionTable`], decoded once per process: the tables
/// are fixed when the binary starts, and the registry hands out `&'static` revisions.
fn tabled() -> Result<&'static [Revision], RegistryError> {
    static DECODED: std::sync::OnceLock<Result<Vec<Revision>, String>> = std::sync::OnceLock::new();
    let decoded = DECODED.get_or_init(|| {
        let mut out = Vec::new();
        for table in inventory::iter::<RevisionTable> {
            out.extend(table.decode()?);
        }
        Ok(out)
    });
    decoded.as_deref().map_err(|e| RegistryError::Table(e.clone()))
}

/// The migration crate's `[package.metadata.retort]` safety settings, registered by
/// `retort::migrations!()` so that `migrate lint` checks what the compiler checks.
#[derive(Debug)]
pub struct ProjectSettings {
    /// The dialects the app targets; empty for all three.
    pub dialects: &'static [&'static str],
    /// Rules turned off (`false`) or on by id.
    pub rules: &'static [(&'static str, bool)],
    /// The revision that it and its ancestors are not linted.
    pub start_after: Option<&'static str>,
}

inventory::collect!(ProjectSettings);

impl ProjectSettings {
    /// The settings the binary links, if its migration crate has any.
    pub fn registered() -> Option<&'static ProjectSettings> {
        inventory::iter::<ProjectSettings>.into_iter().next()
    }

    /// Whether the safety rule `id` is checked.
    pub fn checks(&self, id: &str) -> bool {
        let Some(rule) = crate::safety::find_rule(id) else { return true };
        let setting = self.rules.iter().find(|(r, _)| crate::safety::find_rule(r).is_some_and(|f| f.id == rule.id));
        rule.checked(self.dialects, setting.map(|(_, on)| *on))
    }
}

/// The decoded ops of a revision.
#[derive(Debug, Clone, Deserialize)]
struct OpsDoc {
    up: Vec<Op>,
    #[serde(default)]
    down: Option<Vec<Op>>,
}

/// A revision's ops could not be decoded or reversed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RevisionError {
    /// The serialized ops do not match this version of retort.
    #[error("revision {id}: its ops could not be decoded ({source}); rebuild the migrations crate with this version of retort")]
    Decode {
        /// Revision id.
        id: String,
        /// The decoding error.
        source: serde_json::Error,
    },
    /// The revision has no downgrade.
    #[error("revision {id} cannot be downgraded: {reason}")]
    Irreversible {
        /// Revision id.
        id: String,
        /// Why.
        reason: String,
    },
}

impl Revision {
    /// A revision built at run time from ops, for programs that generate revisions instead of
    /// writing them with `migration!` (tests, benchmarks, tools). `down: None` derives the
    /// downgrade from `up`; the checksum is computed as the macro computes it. Leak it
    /// (`Box::leak`) for [`Registry::from_revisions`], which holds `&'static` revisions.
    pub fn from_ops(id: &str, parents: &[&str], transaction: TransactionMode, up: &[Op], down: Option<&[Op]>) -> Self {
        let ops = crate::ops::serialize(up, down);
        let checksum = crate::ops::checksum(&crate::ops::checksummed(up, down), transaction);
        Revision {
            id: Cow::Owned(id.to_string()),
            parents: parents.iter().map(|p| Cow::Owned(p.to_string())).collect(),
            branch_labels: Cow::Borrowed(&[]),
            depends_on: Cow::Borrowed(&[]),
            message: Cow::Owned(format!("revision {id}")),
            transaction,
            ops: Cow::Owned(ops),
            irreversible: false,
            checksum: Cow::Owned(checksum),
            source: Cow::Borrowed("<built at run time>"),
            allowed: Cow::Borrowed(&[]),
            lock_timeout_ms: None,
            statement_timeout_ms: None,
            lock_retries: None,
        }
    }

    fn doc(&self) -> Result<OpsDoc, RevisionError> {
        serde_json::from_str(&self.ops).map_err(|source| RevisionError::Decode { id: self.id.to_string(), source })
    }

    /// The upgrade ops.
    pub fn up(&self) -> Result<Vec<Op>, RevisionError> {
        Ok(self.doc()?.up)
    }

    /// The downgrade ops: the explicit `down`, else the reversed `up`.
    pub fn down(&self) -> Result<Vec<Op>, RevisionError> {
        if self.irreversible {
            return Err(RevisionError::Irreversible {
                id: self.id.to_string(),
                reason: "it is declared `irreversible`".into(),
            });
        }
        let doc = self.doc()?;
        match doc.down {
            Some(down) => Ok(down),
            None => derive_down(&doc.up)
                .map_err(|e| RevisionError::Irreversible { id: self.id.to_string(), reason: e.to_string() }),
        }
    }

    /// Whether the downgrade is derived from the upgrade (no `down { .. }` was written).
    pub fn derives_down(&self) -> bool {
        self.doc().is_ok_and(|doc| doc.down.is_none())
    }

    /// Parent ids as `&str`.
    pub fn parent_ids(&self) -> impl Iterator<Item = &str> {
        self.parents.iter().map(|p| p.as_ref())
    }
}

/// The derived downgrade: each op's inverse, in reverse order.
pub fn derive_down(up: &[Op]) -> Result<Vec<Op>, Irreversible> {
    let mut down = Vec::with_capacity(up.len());
    for op in up.iter().rev() {
        if let Some(inverse) = op.reverse()? {
            down.push(inverse);
        }
    }
    Ok(down)
}

/// The checksum of a revision's content: ops (as canonical JSON) and transaction mode. The
/// macro computes it at compile time with this same function.
pub fn checksum(ops_json: &str, transaction: TransactionMode) -> String {
    crate::ops::checksum(ops_json, transaction)
}

/// All revisions linked into the binary.
#[derive(Debug, Clone)]
pub struct Registry {
    revisions: Vec<&'static Revision>,
}

/// The registry could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// Nothing was registered: the migrations crate is not linked.
    #[error(
        "no revisions are linked into this binary; the linker drops a crate nothing refers to, so refer to your migrations crate from the binary, e.g. `extern crate app_migrations as _;` or call a function of it"
    )]
    Empty,
    /// A table of revisions registered by `retort::migrations!()` does not decode: the crate
    /// was built by another version of retort's macros than the one it links.
    #[error("the revisions registered by `retort::migrations!()` do not decode ({0}); rebuild the migrations crate with this version of retort (`cargo clean -p <crate>`)")]
    Table(String),
    /// Two revisions share an id.
    #[error("revision id {id} is defined twice ({first} and {second}); give one of them a new id with `cargo xtask migrate new`")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where the first is defined.
        first: String,
        /// Where the second is defined.
        second: String,
    },
}

impl Registry {
    /// Collects every revision linked into the binary, sorted by id.
    pub fn collect() -> Result<Self, RegistryError> {
        let mut revisions: Vec<&'static Revision> = inventory::iter::<Revision>.into_iter().collect();
        revisions.extend(tabled()?);
        Self::from_revisions(revisions)
    }

    /// Builds a registry from given revisions (tests, embedding).
    pub fn from_revisions(mut revisions: Vec<&'static Revision>) -> Result<Self, RegistryError> {
        if revisions.is_empty() {
            return Err(RegistryError::Empty);
        }
        revisions.sort_by(|a, b| a.id.cmp(&b.id));
        if let Some(w) = revisions.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(RegistryError::DuplicateId {
                id: w[0].id.to_string(),
                first: w[0].source.to_string(),
                second: w[1].source.to_string(),
            });
        }
        Ok(Self { revisions })
    }

    /// The revisions, sorted by id.
    pub fn revisions(&self) -> &[&'static Revision] {
        &self.revisions
    }

    /// Looks a revision up by full id.
    pub fn get(&self, id: &str) -> Option<&'static Revision> {
        self.revisions.binary_search_by(|r| r.id.as_ref().cmp(id)).ok().map(|i| self.revisions[i])
    }
}
