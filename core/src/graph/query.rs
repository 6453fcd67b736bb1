//! Questions about the graph's shape: heads, bases, ancestry, lookups by id or prefix.

use super::bitset::BitSet;
use super::build::{Adjacency, RevisionGraph};
use super::GraphError;
use crate::Revision;

/// Prefixes shorter than this are not looked up (Alembic's rule), so that `abc` is not silently
/// taken for one of many revisions.
const MIN_PREFIX: usize = 4;

impl<'a> RevisionGraph<'a> {
    /// The number of revisions.
    pub fn len(&self) -> usize {
        self.revs.len()
    }

    /// Whether the graph has no revision.
    pub fn is_empty(&self) -> bool {
        self.revs.is_empty()
    }

    /// The revisions in input order.
    pub fn revisions(&self) -> &[&'a Revision] {
        &self.revs
    }

    /// A revision by full id.
    pub fn get(&self, id: &str) -> Option<&'a Revision> {
        self.index.get(id).map(|&i| self.revs[i])
    }

    /// The heads: revisions that no other revision names as a parent, in input order.
    ///
    /// A revision that others only depend on (`depends_on`) is still a head of its branch.
    pub fn heads(&self) -> Vec<&'a Revision> {
        self.heads.iter().map(|&i| self.revs[i]).collect()
    }

    /// The bases: revisions without parents, in input order.
    pub fn bases(&self) -> Vec<&'a Revision> {
        self.bases.iter().map(|&i| self.revs[i]).collect()
    }

    /// Revisions with more than one child, in input order.
    pub fn branch_points(&self) -> Vec<&'a Revision> {
        (0..self.len()).filter(|&i| self.children.of(i).len() > 1).map(|i| self.revs[i]).collect()
    }

    /// Revisions with more than one parent, in input order.
    pub fn merge_points(&self) -> Vec<&'a Revision> {
        (0..self.len()).filter(|&i| self.parents.of(i).len() > 1).map(|i| self.revs[i]).collect()
    }

    /// Every branch label with the revision declaring it, sorted by label.
    pub fn branch_labels(&self) -> Vec<(&'a str, &'a Revision)> {
        let mut labels: Vec<(&'a str, &'a Revision)> = self.labels.iter().map(|(l, &i)| (*l, self.revs[i])).collect();
        labels.sort_unstable_by_key(|(l, _)| *l);
        labels
    }

    /// The revisions naming the revision `id` as a parent (empty for an unknown id).
    pub fn children(&self, id: &str) -> Vec<&'a Revision> {
        self.index.get(id).map(|&i| self.children.of(i).iter().map(|&c| self.revs[c]).collect()).unwrap_or_default()
    }

    /// Every revision, parents and dependencies before the revisions needing them; each branch
    /// is listed in one run. Deterministic for a given input order. `history` shows it reversed.
    pub fn topological(&self) -> Vec<&'a Revision> {
        self.topo.iter().map(|&i| self.revs[i]).collect()
    }

    /// One revision from an id, a unique prefix (at least 4 characters), a branch label (the
    /// revision declaring it), `head`, `label@head`, `label@rev`, or `REV+N`/`REV-N`.
    ///
    /// Targets relative to the database (`+N`, `-N`) and states (`base`) are not revisions and
    /// give [`GraphError::NotARevision`].
    pub fn resolve(&self, target: &str) -> Result<&'a Revision, GraphError> {
        self.resolve_single(target).map(|i| self.revs[i])
    }

    /// Whether `target` is applied in a database whose version table holds `current`: it is
    /// one of the rows, or an ancestor or a dependency (direct or not) of one.
    pub fn is_applied(&self, target: &str, current: &[&str]) -> Result<bool, GraphError> {
        let i = self.resolve_single(target)?;
        let rows = self.rows_of(current)?;
        Ok(self.closure(&rows, &self.down).contains(i))
    }

    /// Everything that must be applied before `target` (parents and dependencies, transitively),
    /// bases first.
    pub fn ancestors(&self, target: &str) -> Result<Vec<&'a Revision>, GraphError> {
        let i = self.resolve_single(target)?;
        let mut set = self.closure(&[i], &self.down);
        set.remove(i);
        Ok(self.in_topological_order(&set))
    }

    /// Everything that needs `target` (children and dependents, transitively), parents first.
    pub fn descendants(&self, target: &str) -> Result<Vec<&'a Revision>, GraphError> {
        let i = self.resolve_single(target)?;
        let mut set = self.closure(&[i], &self.up);
        set.remove(i);
        Ok(self.in_topological_order(&set))
    }

    pub(super) fn in_topological_order(&self, set: &BitSet) -> Vec<&'a Revision> {
        self.topo.iter().filter(|&&i| set.contains(i)).map(|&i| self.revs[i]).collect()
    }

    /// The version rows as indices, without repeats; an unknown row is an error.
    pub(super) fn rows_of(&self, current: &[&str]) -> Result<Vec<usize>, GraphError> {
        let mut rows = Vec::with_capacity(current.len());
        for id in current {
            let i = *self.index.get(id).ok_or_else(|| GraphError::UnknownVersionRow { id: (*id).to_owned() })?;
            if !rows.contains(&i) {
                rows.push(i);
            }
        }
        Ok(rows)
    }

    /// `starts` and everything reachable from them over `edges`.
    pub(super) fn closure(&self, starts: &[usize], edges: &Adjacency) -> BitSet {
        let mut set = BitSet::new(self.len());
        let mut todo: Vec<usize> = Vec::new();
        for &s in starts {
            if set.insert(s) {
                todo.push(s);
            }
        }
        while let Some(i) = todo.pop() {
            for &next in edges.of(i) {
                if set.insert(next) {
                    todo.push(next);
                }
            }
        }
        set
    }

    /// Depth-first post-order over `down` from `starts`, entering only revisions `include`
    /// accepts: parents and dependencies come before the revisions needing them, dependencies
    /// first, and each branch stays in one run.
    pub(super) fn post_order(&self, starts: &[usize], include: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut seen = BitSet::new(self.len());
        let mut out = Vec::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for &start in starts {
            if !include(start) || !seen.insert(start) {
                continue;
            }
            stack.push((start, 0));
            while let Some(top) = stack.last_mut() {
                let (node, pos) = *top;
                let edges = self.down.of(node);
                if pos < edges.len() {
                    top.1 += 1;
                    let next = edges[pos];
                    if include(next) && seen.insert(next) {
                        stack.push((next, 0));
                    }
                } else {
                    out.push(node);
                    stack.pop();
                }
            }
        }
        out
    }

    /// An index from an exact id, an exact branch label or a unique id prefix.
    pub(super) fn lookup(&self, text: &str) -> Result<usize, GraphError> {
        if let Some(&i) = self.index.get(text).or_else(|| self.labels.get(text)) {
            return Ok(i);
        }
        match self.prefix_matches(text)?.as_slice() {
            [] => Err(GraphError::UnknownRevision { target: text.to_owned() }),
            [only] => Ok(*only),
            many => Err(GraphError::AmbiguousPrefix {
                prefix: text.to_owned(),
                candidates: many.iter().map(|&i| self.ids[i].to_owned()).collect(),
            }),
        }
    }

    /// Every revision whose id starts with `prefix`, found by binary search over the sorted ids.
    pub(super) fn prefix_matches(&self, prefix: &str) -> Result<Vec<usize>, GraphError> {
        if prefix.len() < MIN_PREFIX {
            return Err(GraphError::PrefixTooShort { prefix: prefix.to_owned() });
        }
        let sorted = self.sorted_ids();
        let start = sorted.partition_point(|(id, _)| *id < prefix);
        Ok(sorted[start..].iter().take_while(|(id, _)| id.starts_with(prefix)).map(|&(_, i)| i).collect())
    }

    /// The heads among `set`'s members; for a set closed under children these are its tips.
    pub(super) fn tips(&self, set: &BitSet) -> Vec<usize> {
        (0..self.len()).filter(|&i| set.contains(i) && !self.children.of(i).iter().any(|&c| set.contains(c))).collect()
    }

    /// Ids of the given indices.
    pub(super) fn ids(&self, indices: &[usize]) -> Vec<String> {
        indices.iter().map(|&i| self.ids[i].to_owned()).collect()
    }
}
