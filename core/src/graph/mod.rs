//! The revision graph: pure data, no I/O, no diesel.
//!
//! Built from revisions, it validates the graph (unique ids, known parents, no cycles), resolves
//! targets (`head`, `heads`, `base`, ids and prefixes, `+N`/`-N`, `label@head`, ...) and plans
//! upgrades and downgrades as ordered steps, each with the version-table change it implies
//! (Alembic semantics: one row per current head). docs/graph.md explains the semantics.
//!
//! API contract (other modules code against it):
//! - `RevisionGraph::build(revs: impl IntoIterator<Item = &'a Revision>) -> Result<RevisionGraph<'a>, GraphError>`
//! - `graph.heads() -> Vec<&'a Revision>`, `graph.bases()`, `graph.get(id) -> Option<&'a Revision>`,
//!   `graph.resolve(rev_or_prefix_or_label) -> Result<&'a Revision, GraphError>`
//! - `graph.plan_upgrade(current: &[&str], target: &str) -> Result<Plan<'a>, GraphError>`
//! - `graph.plan_downgrade(current: &[&str], target: &str) -> Result<Plan<'a>, GraphError>`
//! - `graph.plan_range(from: &str, to: &str) -> Result<Plan<'a>, GraphError>` (offline `FROM:TO`;
//!   the direction is inferred: downgrade when `to` is already applied in state `from`)
//! - `graph.topological() -> Vec<&'a Revision>` (bases first) used by `history` (reversed)
//! - `Plan { steps: Vec<Step<'a>>, .. }`, `Step { revision, direction, version_delete: Vec<String>, version_insert: Vec<String> }`
//!   where version_delete/version_insert are the rows of the version table the step removes/adds.
//!
//! Additions beyond the contract:
//! - `Plan { direction, steps, rows_before, rows_after }`, `Plan::is_empty()`, `Step::version_update()`
//!   (the single `UPDATE` a step amounts to when it deletes one row and inserts one).
//! - `graph.rows_for(target) -> Result<Vec<&'a str>, GraphError>`: the version rows of a database that
//!   is exactly at `target` (for `stamp`, and to plan offline from an explicit state).
//! - `graph.history(range: Option<&str>, current: &[&str]) -> Result<History<'a>, GraphError>`:
//!   `history -r A:B` (newest first, applied revisions marked).
//! - `graph.branch_points()`, `graph.merge_points()`, `graph.branch_labels()`, `graph.children(id)`,
//!   `graph.is_applied(target, current)`, `graph.ancestors(target)`, `graph.descendants(target)`,
//!   `graph.len()`, `graph.is_empty()`, `graph.revisions()`; `split_range("A:B") -> Option<(&str, &str)>`.

mod bitset;
mod build;
mod error;
mod history;
mod plan;
mod query;
mod target;

pub use build::{check_id, RevisionGraph};
pub use error::GraphError;
pub use history::{History, HistoryEntry};
pub use plan::{Direction, Plan, Step};
pub use target::split_range;

#[cfg(test)]
mod tests;
