//! What a checked revision registers, as plain data: the one source of the fields that both
//! `migration!` (as a `Revision` item) and `migrations!()` (as an entry of its table) emit, so
//! that a revision registers the same bytes whichever macro registers it.

use serde::{Deserialize, Serialize};

use crate::eval::Evaluated;
use crate::ops::{self, Op, TransactionMode};
use crate::parse::{Migration, Parents};

/// `retort::Revision`'s fields but `source`, which depends on where the expansion lands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Registration {
    pub id: String,
    pub parents: Vec<String>,
    pub branch_labels: Vec<String>,
    pub depends_on: Vec<String>,
    pub message: String,
    pub transaction: TransactionMode,
    pub ops: String,
    pub irreversible: bool,
    pub checksum: String,
    pub allowed: Vec<String>,
    pub lock_timeout_ms: Option<u32>,
    pub statement_timeout_ms: Option<u32>,
    pub lock_retries: Option<u16>,
}

impl Registration {
    /// The registration of a valid revision: its evaluated ops, serialized and checksummed.
    pub(crate) fn checked(m: &Migration, ev: &Evaluated) -> Self {
        let up: Vec<Op> = ev.up_ops();
        let down: Option<Vec<Op>> = ev.down.as_ref().map(|d| d.iter().flatten().cloned().collect());
        let json = ops::serialize(&up, down.as_deref());
        let checksum = ops::checksum(&ops::checksummed(&up, down.as_deref()), m.transaction_mode());
        Self::of(m, json, checksum, m.irreversible.is_some())
    }

    /// The registration of `m` with the given ops (the fallback's stub has none).
    pub(crate) fn of(m: &Migration, ops: String, checksum: String, irreversible: bool) -> Self {
        let parents = match &m.parents {
            Some(Parents::One(p)) => vec![p.value.clone()],
            Some(Parents::Many(list, _)) => list.iter().map(|p| p.value.clone()).collect(),
            Some(Parents::Root) | None => Vec::new(),
        };
        Registration {
            id: m.revision.as_ref().map(|r| r.value.clone()).unwrap_or_default(),
            parents,
            branch_labels: m.branch_labels.iter().map(|l| l.value.clone()).collect(),
            depends_on: m.depends_on.iter().map(|d| d.value.clone()).collect(),
            message: message(&m.doc),
            transaction: m.transaction_mode(),
            ops,
            irreversible,
            checksum,
            allowed: allowed(m),
            lock_timeout_ms: m.lock_timeout.map(|t| t.ms),
            statement_timeout_ms: m.statement_timeout.map(|t| t.ms),
            lock_retries: m.lock_retries.map(|(n, _)| n),
        }
    }
}

/// The doc comment as the revision message: `///` lines joined, each without its leading space.
fn message(doc: &[String]) -> String {
    let lines: Vec<&str> = doc.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    lines.join("\n").trim().to_string()
}

/// The allows as `Revision::allowed` stores them (see `retort::safety::Allow`).
fn allowed(m: &Migration) -> Vec<String> {
    let mut out = Vec::new();
    for allow in &m.allows {
        let reason = allow.reason.as_deref().unwrap_or_default();
        out.extend(
            allow.rules.iter().filter_map(|(r, _)| crate::safety::find_rule(r)).map(|r| format!("{}: {reason}", r.id)),
        );
    }
    for (i, stmt) in m.up.iter().flat_map(|b| &b.stmts).enumerate() {
        for allow in &stmt.allows {
            let reason = allow.reason.as_deref().unwrap_or_default();
            let rules = allow.rules.iter().filter_map(|(r, _)| crate::safety::find_rule(r));
            out.extend(rules.map(|r| format!("{}@{}: {reason}", r.id, i + 1)));
        }
    }
    out
}
