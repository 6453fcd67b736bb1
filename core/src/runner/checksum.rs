//! Checksum verification: an applied revision whose ops changed since it ran stops the run
//! before anything executes, unless the change is accepted explicitly.

use std::collections::HashSet;

use crate::graph::RevisionGraph;
use crate::Revision;

use super::history::State;
use super::{ChecksumMismatch, RunError};

/// The applied revisions: the version rows, their ancestors and dependencies. Rows the graph
/// does not know are skipped (planning reports them).
pub(crate) fn applied<'a>(graph: &RevisionGraph<'a>, current: &[String]) -> Vec<&'a Revision> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in current {
        let Some(rev) = graph.get(row) else { continue };
        let mut all = graph.ancestors(&rev.id).unwrap_or_default();
        all.push(rev);
        for r in all {
            if seen.insert(r.id.as_ref()) {
                out.push(r);
            }
        }
    }
    out
}

/// Every applied revision whose stored checksum differs from the one in this binary. Revisions
/// without a stored checksum (stamped before retort recorded one) are not compared.
pub(crate) fn mismatches(graph: &RevisionGraph<'_>, state: &State) -> Vec<ChecksumMismatch> {
    let mut out: Vec<ChecksumMismatch> = applied(graph, &state.current)
        .into_iter()
        .filter_map(|rev| {
            let stored = state.checksums.get(rev.id.as_ref())?;
            (stored != rev.checksum.as_ref()).then(|| ChecksumMismatch {
                revision: rev.id.to_string(),
                stored: stored.clone(),
                current: rev.checksum.to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.revision.cmp(&b.revision));
    out
}

/// Splits mismatches into those `accept` (ids or prefixes) accepts and the rest; any rest is an
/// error. Returns the accepted ones, to be recorded.
pub(crate) fn verify(
    graph: &RevisionGraph<'_>,
    state: &State,
    accept: &[String],
) -> Result<Vec<ChecksumMismatch>, RunError> {
    let accepted_ids =
        accept.iter().map(|a| graph.resolve(a).map(|r| r.id.to_string())).collect::<Result<HashSet<_>, _>>()?;
    let (accepted, refused): (Vec<_>, Vec<_>) =
        mismatches(graph, state).into_iter().partition(|m| accepted_ids.contains(&m.revision));
    if refused.is_empty() {
        Ok(accepted)
    } else {
        Err(RunError::ChecksumMismatch { mismatches: refused })
    }
}
