//! Plans: the ordered steps of an upgrade or a downgrade, each with its version-table change.
//!
//! The version table holds one row per current head (Alembic's semantics), i.e. the applied
//! revisions that nothing applied builds on. A step changes it as Alembic's `HeadMaintainer`
//! does:
//! - upgrading a revision deletes the rows of its parents and dependencies and inserts its own:
//!   one parent row is an update, none (a root, or a second branch growing from a branch point)
//!   creates a row, several (a merge) delete the extras;
//! - downgrading a revision deletes its row and inserts each parent or dependency that nothing
//!   applied builds on any more: below a merge the parents' rows come back, and a root leaves
//!   no row.

use std::fmt;

use super::bitset::BitSet;
use super::build::RevisionGraph;
use super::target::Kind;
use super::GraphError;
use crate::Revision;

/// Which way a plan moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Applying revisions.
    Upgrade,
    /// Reverting revisions.
    Downgrade,
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Upgrade => "upgrade",
            Direction::Downgrade => "downgrade",
        })
    }
}

/// One revision to apply or revert, and the version-table rows that change with it.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The revision.
    pub revision: &'a Revision,
    /// Apply (`Upgrade`) or revert (`Downgrade`).
    pub direction: Direction,
    /// Version-table rows this step removes.
    pub version_delete: Vec<String>,
    /// Version-table rows this step adds.
    pub version_insert: Vec<String>,
}

impl Step<'_> {
    /// `(from, to)` when the step replaces exactly one row by another, which the runner can
    /// write as one `UPDATE` the way Alembic does.
    pub fn version_update(&self) -> Option<(&str, &str)> {
        match (self.version_delete.as_slice(), self.version_insert.as_slice()) {
            ([from], [to]) => Some((from, to)),
            _ => None,
        }
    }
}

/// An ordered list of steps: parents before children when upgrading, children before parents
/// when downgrading.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// Which way the plan moves (also on every step).
    pub direction: Direction,
    /// The steps, in the order to run them.
    pub steps: Vec<Step<'a>>,
    /// The version rows the plan starts from (as given, without repeats).
    pub rows_before: Vec<String>,
    /// The version rows once every step has run.
    pub rows_after: Vec<String>,
}

impl Plan<'_> {
    /// Whether there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }
}

impl<'a> RevisionGraph<'a> {
    /// Plans an upgrade of a database whose version table holds `current` to `target`: `head`,
    /// `heads`, an id or unique prefix, a branch label, `label@head`, `label@heads`, `+N`,
    /// `label@+N`, `REV+N`, `REV-N`. Revisions already applied (a row, or an ancestor or
    /// dependency of one) are never planned again; dependencies are applied before the
    /// revisions needing them. An empty plan means the database is already there.
    pub fn plan_upgrade(&self, current: &[&str], target: &str) -> Result<Plan<'a>, GraphError> {
        let rows = self.rows_of(current)?;
        self.upgrade_from(rows, target)
    }

    /// Plans a downgrade of a database whose version table holds `current` to `target`: `base`,
    /// `label@base` (the branch's own revisions), an id or unique prefix, `label@rev`, `-N`,
    /// `label@-N`, `REV-N`. Everything applied above the target goes, including revisions that
    /// depend on a removed one; a dependency stays unless it is itself above the target.
    pub fn plan_downgrade(&self, current: &[&str], target: &str) -> Result<Plan<'a>, GraphError> {
        let rows = self.rows_of(current)?;
        self.downgrade_from(rows, target)
    }

    /// Plans from the state `from` (as in [`RevisionGraph::rows_for`]) to `to`, for offline
    /// scripts (`upgrade FROM:TO --sql`). The direction is inferred: a downgrade when `to` is
    /// `base`, `-N`, or a single revision already applied in state `from`; an upgrade otherwise.
    pub fn plan_range(&self, from: &str, to: &str) -> Result<Plan<'a>, GraphError> {
        let rows = self.state_rows(from)?;
        let applied = self.closure(&rows, &self.down);
        let spec = self.parse(to)?;
        let downgrade = match spec.kind {
            Kind::Relative { symbol: None, up, .. } => !up,
            _ => match self.resolve_set(&spec, &rows, &applied)?.as_slice() {
                [] => true,
                [only] => applied.contains(*only),
                _ => false,
            },
        };
        if downgrade {
            self.downgrade_from(rows, to)
        } else {
            self.upgrade_from(rows, to)
        }
    }

    /// The version rows of a database that is exactly at `target` (`heads`, `base`, an id,
    /// `label@head`, ...): the revisions named, minus those below another one. What `stamp`
    /// writes.
    pub fn rows_for(&self, target: &str) -> Result<Vec<&'a str>, GraphError> {
        Ok(self.state_rows(target)?.into_iter().map(|i| self.ids[i]).collect())
    }

    fn state_rows(&self, target: &str) -> Result<Vec<usize>, GraphError> {
        let spec = self.parse(target)?;
        let nothing = BitSet::new(self.len());
        let named = self.resolve_set(&spec, &[], &nothing)?;
        let below: Vec<usize> = named.iter().flat_map(|&i| self.down.of(i).iter().copied()).collect();
        let below = self.closure(&below, &self.down);
        let mut rows = Vec::with_capacity(named.len());
        for i in named {
            if !below.contains(i) && !rows.contains(&i) {
                rows.push(i);
            }
        }
        Ok(rows)
    }

    fn upgrade_from(&self, rows: Vec<usize>, target: &str) -> Result<Plan<'a>, GraphError> {
        let applied = self.closure(&rows, &self.down);
        let targets = self.upgrade_targets(target, &rows, &applied)?;
        let order = self.post_order(&targets, |i| !applied.contains(i));
        let mut table = VersionTable::new(self.len(), &rows);
        let steps = order
            .into_iter()
            .map(|x| {
                let version_delete = self
                    .parents
                    .of(x)
                    .iter()
                    .chain(self.dependencies_of(x))
                    .filter(|&&d| table.remove(d))
                    .map(|&d| self.ids[d].to_owned())
                    .collect();
                table.insert(x);
                Step {
                    revision: self.revs[x],
                    direction: Direction::Upgrade,
                    version_delete,
                    version_insert: vec![self.ids[x].to_owned()],
                }
            })
            .collect();
        Ok(self.plan(Direction::Upgrade, steps, &rows, &table))
    }

    fn downgrade_from(&self, rows: Vec<usize>, target: &str) -> Result<Plan<'a>, GraphError> {
        let mut applied = self.closure(&rows, &self.down);
        let wanted = self.downgrade_target(target, &rows, &applied)?;
        if let Some(keep) = wanted.keep {
            if !applied.contains(keep) {
                return Err(GraphError::NotApplied { target: target.to_owned(), rev: self.ids[keep].to_owned() });
            }
        }

        // Applied is closed under parents and dependencies, so whatever is applied above an
        // applied root is reached through applied revisions only.
        let roots: Vec<usize> = wanted.roots.iter().copied().filter(|&r| applied.contains(r)).collect();
        let mut remove = BitSet::new(self.len());
        let mut todo = Vec::new();
        for r in roots {
            if remove.insert(r) {
                todo.push(r);
            }
        }
        while let Some(i) = todo.pop() {
            for &next in self.up.of(i) {
                if applied.contains(next) && remove.insert(next) {
                    todo.push(next);
                }
            }
        }

        // The mirror of an upgrade to the current rows: the last branch applied goes first.
        let starts: Vec<usize> = rows.iter().copied().chain(0..self.len()).filter(|&i| remove.contains(i)).collect();
        let mut order = self.post_order(&starts, |i| remove.contains(i));
        order.reverse();

        let mut table = VersionTable::new(self.len(), &rows);
        // Applied children and dependents per revision, counted when first needed.
        let mut above = vec![usize::MAX; self.len()];
        let mut steps = Vec::with_capacity(order.len());
        for x in order {
            applied.remove(x);
            let version_delete = if table.remove(x) { vec![self.ids[x].to_owned()] } else { Vec::new() };
            let mut version_insert = Vec::new();
            for &d in self.parents.of(x).iter().chain(self.dependencies_of(x)) {
                if !applied.contains(d) {
                    continue;
                }
                above[d] = match above[d] {
                    usize::MAX => self.up.of(d).iter().filter(|&&u| applied.contains(u)).count(),
                    n => n - 1,
                };
                if above[d] == 0 && table.insert(d) {
                    version_insert.push(self.ids[d].to_owned());
                }
            }
            steps.push(Step {
                revision: self.revs[x],
                direction: Direction::Downgrade,
                version_delete,
                version_insert,
            });
        }
        Ok(self.plan(Direction::Downgrade, steps, &rows, &table))
    }

    /// The dependencies of `i` that are not also parents (`down` lists them before the parents).
    fn dependencies_of(&self, i: usize) -> &[usize] {
        let down = self.down.of(i);
        &down[..down.len() - self.parents.of(i).len()]
    }

    fn plan(&self, direction: Direction, steps: Vec<Step<'a>>, rows: &[usize], table: &VersionTable) -> Plan<'a> {
        Plan { direction, steps, rows_before: self.ids(rows), rows_after: self.ids(&table.rows()) }
    }
}

/// The version table as a plan runs: membership, and the order rows appeared in so that the
/// final rows are listed deterministically.
struct VersionTable {
    len: usize,
    present: BitSet,
    order: Vec<usize>,
}

impl VersionTable {
    fn new(len: usize, rows: &[usize]) -> Self {
        let mut present = BitSet::new(len);
        for &r in rows {
            present.insert(r);
        }
        Self { len, present, order: rows.to_vec() }
    }

    /// Adds a row; false when it was already there.
    fn insert(&mut self, i: usize) -> bool {
        let fresh = self.present.insert(i);
        if fresh {
            self.order.push(i);
        }
        fresh
    }

    /// Removes a row; false when it was not there.
    fn remove(&mut self, i: usize) -> bool {
        self.present.remove(i)
    }

    fn rows(&self) -> Vec<usize> {
        let mut listed = BitSet::new(self.len);
        self.order.iter().copied().filter(|&i| self.present.contains(i) && listed.insert(i)).collect()
    }
}
