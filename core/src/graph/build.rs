//! Building and validating the graph: ids, labels, parents, dependencies, cycles.
//!
//! Revisions are numbered in input order and every relation is kept as index lists in one flat
//! array per relation, so that later walks touch no strings and no hash map.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::GraphError;
use crate::Revision;

/// Words a target gives a meaning to; an id or label spelled like one could never be named.
const RESERVED: [&str; 4] = ["head", "heads", "base", "current"];

/// How the canonical ops of a revision with an empty `up` begin (`ops::serialize` writes `up` first).
const EMPTY_UP: &str = r#"{"up":[]"#;

/// The validated revision graph. Borrowing the revisions keeps building it free of copies.
#[derive(Debug, Clone)]
pub struct RevisionGraph<'a> {
    /// The revisions, in input order; every index below refers to this vector.
    pub(super) revs: Vec<&'a Revision>,
    /// The ids by index, kept next to each other: plans copy them without visiting the
    /// revisions themselves.
    pub(super) ids: Vec<&'a str>,
    /// Full id to index.
    pub(super) index: IdMap<'a>,
    /// Ids sorted, for prefix lookups by binary search; sorted on the first prefix lookup,
    /// since most commands name revisions in full or not at all.
    pub(super) sorted_ids: OnceLock<Vec<(&'a str, usize)>>,
    /// Branch label to the revision declaring it.
    pub(super) labels: IdMap<'a>,
    /// Parents, in declared order.
    pub(super) parents: Adjacency,
    /// Children (revisions naming this one as a parent), in input order.
    pub(super) children: Adjacency,
    /// Everything that must be applied first: dependencies (declared order), then parents.
    pub(super) down: Adjacency,
    /// The reverse of `down`: children and dependents.
    pub(super) up: Adjacency,
    /// Revisions without children, in input order.
    pub(super) heads: Vec<usize>,
    /// Revisions without parents, in input order.
    pub(super) bases: Vec<usize>,
    /// Every revision, parents and dependencies before the revisions needing them.
    pub(super) topo: Vec<usize>,
}

/// A map keyed by revision ids or labels.
pub(super) type IdMap<'a> = HashMap<&'a str, usize, BuildHasherDefault<IdHasher>>;

/// A multiply-rotate hash (the one rustc uses internally) instead of SipHash: ids come from
/// compiled code, not from an attacker, and hashing is most of what building a graph costs.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0u8; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest) ^ bytes.len() as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// One relation as adjacency lists in a single flat array (compressed sparse rows).
#[derive(Debug, Clone, Default)]
pub(super) struct Adjacency {
    offsets: Vec<usize>,
    edges: Vec<usize>,
}

impl Adjacency {
    /// The neighbours of `i`.
    pub(super) fn of(&self, i: usize) -> &[usize] {
        &self.edges[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Starts an empty relation over no nodes; nodes are appended with `push_node`.
    fn with_capacity(nodes: usize, edges: usize) -> Self {
        let mut offsets = Vec::with_capacity(nodes + 1);
        offsets.push(0);
        Self { offsets, edges: Vec::with_capacity(edges) }
    }

    /// Closes the current node's list; edges pushed since the previous call belong to it.
    fn push_node(&mut self) {
        self.offsets.push(self.edges.len());
    }

    /// Adds an edge to the node being built, unless it already has it.
    fn push_edge_unique(&mut self, to: usize) -> bool {
        let start = self.offsets[self.offsets.len() - 1];
        if self.edges[start..].contains(&to) {
            return false;
        }
        self.edges.push(to);
        true
    }

    /// The reverse relation over `nodes` nodes; each reversed list is in ascending index order.
    fn reversed(&self, nodes: usize) -> Self {
        let mut counts = vec![0usize; nodes + 1];
        for &to in &self.edges {
            counts[to + 1] += 1;
        }
        for i in 0..nodes {
            counts[i + 1] += counts[i];
        }
        let offsets = counts.clone();
        let mut fill = counts;
        let mut edges = vec![0usize; self.edges.len()];
        for from in 0..nodes {
            for &to in self.of(from) {
                edges[fill[to]] = from;
                fill[to] += 1;
            }
        }
        Self { offsets, edges }
    }
}

impl<'a> RevisionGraph<'a> {
    /// Builds and validates the graph: unique and well-formed ids, known parents and
    /// dependencies (a dependency may name a branch label), unique labels, no cycles.
    pub fn build(revs: impl IntoIterator<Item = &'a Revision>) -> Result<Self, GraphError> {
        let revs: Vec<&'a Revision> = revs.into_iter().collect();
        let n = revs.len();

        // Two passes over the revisions, since each visit chases pointers into scattered
        // memory: names first (parents may come later in the input), then the relations.
        let mut ids = Vec::with_capacity(n);
        let mut index = IdMap::with_capacity_and_hasher(n, Default::default());
        let mut labels = IdMap::default();
        let mut edges = 0;
        for (i, rev) in revs.iter().enumerate() {
            let id: &'a str = &rev.id;
            check_id(id)?;
            if index.insert(id, i).is_some() {
                return Err(GraphError::DuplicateId { id: id.to_owned() });
            }
            // A merge may do nothing but join; any other revision with nothing to apply is a
            // scaffold left unfilled, which would be recorded as applied all the same.
            if rev.parents.len() < 2 && rev.ops.starts_with(EMPTY_UP) {
                return Err(GraphError::EmptyUp { rev: id.to_owned(), place: rev.source.to_string() });
            }
            ids.push(id);
            for label in rev.branch_labels.iter() {
                let label: &'a str = label;
                check_label(label, id)?;
                match labels.insert(label, i) {
                    Some(first) if first != i => {
                        return Err(GraphError::BranchLabelDuplicate {
                            label: label.to_owned(),
                            first: revs[first].id.to_string(),
                            second: id.to_owned(),
                        })
                    }
                    _ => {}
                }
            }
            edges += rev.parents.len() + rev.depends_on.len();
        }
        if let Some((label, &i)) = labels.iter().filter(|(label, _)| index.contains_key(*label)).min() {
            return Err(GraphError::InvalidLabel {
                label: (*label).to_owned(),
                rev: revs[i].id.to_string(),
                reason: "is also a revision id",
            });
        }

        let mut parents = Adjacency::with_capacity(n, edges);
        let mut down = Adjacency::with_capacity(n, edges);
        for (i, rev) in revs.iter().enumerate() {
            for parent in rev.parents.iter() {
                let p = *index
                    .get(parent.as_ref())
                    .ok_or_else(|| GraphError::UnknownParent { rev: rev.id.to_string(), parent: parent.to_string() })?;
                // A repeated parent means nothing more than the parent once.
                parents.push_edge_unique(p);
            }
            parents.push_node();
            for dependency in rev.depends_on.iter() {
                let d =
                    index.get(dependency.as_ref()).or_else(|| labels.get(dependency.as_ref())).copied().ok_or_else(
                        || GraphError::UnknownDependency {
                            rev: rev.id.to_string(),
                            dependency: dependency.to_string(),
                        },
                    )?;
                // A dependency that is also a parent adds nothing.
                if !parents.of(i).contains(&d) {
                    down.push_edge_unique(d);
                }
            }
            for &p in parents.of(i) {
                down.push_edge_unique(p);
            }
            down.push_node();
        }

        let children = parents.reversed(n);
        let up = down.reversed(n);
        let heads: Vec<usize> = (0..n).filter(|&i| children.of(i).is_empty()).collect();
        let bases: Vec<usize> = (0..n).filter(|&i| parents.of(i).is_empty()).collect();

        let mut graph = Self {
            revs,
            ids,
            index,
            sorted_ids: OnceLock::new(),
            labels,
            parents,
            children,
            down,
            up,
            heads,
            bases,
            topo: Vec::new(),
        };
        graph.topo = graph.checked_topological_order()?;
        Ok(graph)
    }

    /// Depth-first post-order over `down` from the heads, which lists parents and dependencies
    /// before the revisions needing them and keeps each branch together. A revision reached
    /// again while still on the stack closes a cycle. In an acyclic graph every revision is
    /// below some head, so a revision left unvisited lies on or above a cycle; a second pass
    /// from it finds that cycle.
    fn checked_topological_order(&self) -> Result<Vec<usize>, GraphError> {
        const NEW: u8 = 0;
        const ON_STACK: u8 = 1;
        const DONE: u8 = 2;
        let n = self.revs.len();
        let mut state = vec![NEW; n];
        let mut order = Vec::with_capacity(n);
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let starts = self.heads.iter().copied().chain(0..n);
        for start in starts {
            if state[start] != NEW {
                continue;
            }
            state[start] = ON_STACK;
            stack.push((start, 0));
            while let Some(&(node, pos)) = stack.last() {
                let edges = self.down.of(node);
                if pos < edges.len() {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    let next = edges[pos];
                    match state[next] {
                        NEW => {
                            state[next] = ON_STACK;
                            stack.push((next, 0));
                        }
                        ON_STACK => {
                            let from = stack.iter().position(|&(i, _)| i == next).unwrap_or(0);
                            let revisions = stack[from..].iter().map(|&(i, _)| self.ids[i].to_owned()).collect();
                            return Err(GraphError::Cycle { revisions });
                        }
                        _ => {}
                    }
                } else {
                    state[node] = DONE;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        Ok(order)
    }

    /// The ids in sorted order, sorted once on first use. A registry already lists revisions
    /// sorted by id, which a linear check recognises.
    pub(super) fn sorted_ids(&self) -> &[(&'a str, usize)] {
        self.sorted_ids.get_or_init(|| {
            let mut sorted: Vec<(&'a str, usize)> = self.ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            if !sorted.is_sorted() {
                sorted.sort_unstable();
            }
            sorted
        })
    }
}

/// Checks that `id` can be a revision id: not empty, not a reserved word (`head`, `heads`,
/// `base`, `current`), only letters, digits and `_` (targets use `@`, `+`, `-` and `:` as
/// separators). The graph checks every id with it; `new --rev-id` checks its id before writing.
pub fn check_id(id: &str) -> Result<(), GraphError> {
    let reason = if id.is_empty() {
        "is empty"
    } else if RESERVED.contains(&id) {
        "is a reserved word (head, heads, base, current)"
    } else if has_byte(id, |b| matches!(b, b'@' | b'+' | b'-' | b':')) {
        "contains `@`, `+`, `-` or `:`, which targets use as separators"
    } else if has_whitespace(id) {
        "contains whitespace"
    } else if has_byte(id, |b| !(b.is_ascii_alphanumeric() || b == b'_')) {
        "contains a character other than a letter, a digit or `_`"
    } else {
        return Ok(());
    };
    Err(GraphError::InvalidId { id: id.to_owned(), reason })
}

fn check_label(label: &str, rev: &str) -> Result<(), GraphError> {
    let reason = if label.is_empty() {
        "is empty"
    } else if RESERVED.contains(&label) {
        "is a reserved word (head, heads, base, current)"
    } else if has_byte(label, |b| matches!(b, b'@' | b':')) {
        "contains `@` or `:`, which targets use as separators"
    } else if has_whitespace(label) {
        "contains whitespace"
    } else {
        return Ok(());
    };
    Err(GraphError::InvalidLabel { label: label.to_owned(), rev: rev.to_owned(), reason })
}

// Byte scans: these run for every revision on every command.
fn has_byte(text: &str, pred: impl Fn(u8) -> bool) -> bool {
    text.bytes().any(pred)
}

fn has_whitespace(text: &str) -> bool {
    if text.is_ascii() {
        has_byte(text, |b| b.is_ascii_whitespace())
    } else {
        text.chars().any(char::is_whitespace)
    }
}
