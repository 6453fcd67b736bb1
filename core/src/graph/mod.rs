//! The revision graph: pure data, no I/O, no diesel.
//!
//! Built from revisions, it validates the graph (unique ids, known parents, no cycles), resolves
//! targets (`head`, `heads`, `base`, ids and prefixes, `+N`/`-N`, `label@head`, ...) and plans
//! upgrades and downgrades as ordered steps, each with the version-table change it implies
//! (Alembic semantics: one row per current head).
//!
//! API contract (other modules code against it):
//! - `RevisionGraph::build(revs: impl IntoIterator<Item = &'a Revision>) -> Result<RevisionGraph<'a>, GraphError>`
//! - `graph.heads() -> Vec<&'a Revision>`, `graph.bases()`, `graph.get(id) -> Option<&'a Revision>`,
//!   `graph.resolve(rev_or_prefix_or_label) -> Result<&'a Revision, GraphError>`
//! - `graph.plan_upgrade(current: &[&str], target: &str) -> Result<Plan<'a>, GraphError>`
//! - `graph.plan_downgrade(current: &[&str], target: &str) -> Result<Plan<'a>, GraphError>`
//! - `graph.plan_range(from: &str, to: &str) -> Result<Plan<'a>, GraphError>` (offline `FROM:TO`)
//! - `graph.topological() -> Vec<&'a Revision>` (bases first) used by `history` (reversed)
//! - `Plan { steps: Vec<Step<'a>> }`, `Step { revision, direction, version_delete: Vec<String>, version_insert: Vec<String> }`
//!   where version_delete/version_insert are the rows of the version table the step removes/adds.
