//! The chain's schema through the revision graph: every revision's ops folded in topological
//! order, for one dialect, with the schemas of parents united at a merge.
//!
//! Pure (no I/O): it reads the graph and the revisions' ops. The schema before a revision is
//! its predecessor's after it; with several predecessors (parents, and `depends_on` revisions,
//! which are applied first too), the three-way [`fold::union`] of theirs against the schema
//! at their last common ancestor. Only the schemas still needed are kept: a revision with one
//! consumer hands its schema on without a copy.

use std::collections::HashMap;

use super::fold::{self, FoldError, FoldWarning, ObjectKey};
use super::Schema;
use crate::graph::{GraphError, RevisionGraph};
use crate::revision::RevisionError;
use crate::Revision;

/// Why the chain does not fold.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChainError {
    /// An op of a revision cannot apply to the schema before it.
    #[error("revision {revision} ({dialect}): {error}{history}")]
    Fold {
        /// The revision.
        revision: String,
        /// The dialect folded for.
        dialect: String,
        /// What is wrong and the fix.
        error: Box<FoldError>,
        /// ` (dropped in revision ..)` when an earlier revision removed the object it needs.
        history: String,
    },
    /// The parents of a merge define an object differently.
    #[error("revision {revision} ({dialect}): {error}")]
    Merge {
        /// The merge revision.
        revision: String,
        /// The dialect folded for.
        dialect: String,
        /// The conflict, naming both parents, and the fix.
        error: Box<FoldError>,
    },
    /// A revision's ops cannot be decoded.
    #[error(transparent)]
    Revision(#[from] RevisionError),
    /// The target does not resolve.
    #[error(transparent)]
    Graph(#[from] GraphError),
}

/// A warning of the fold, with its revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainWarning {
    /// The revision.
    pub revision: String,
    /// What could not be checked.
    pub warning: FoldWarning,
}

/// The chain folded for one dialect: the schema at each head, and the warnings.
#[derive(Debug, Clone, Default)]
pub struct ChainModel {
    /// The schema after each head, by id.
    pub heads: HashMap<String, Schema>,
    /// What could not be checked because raw SQL may have changed it.
    pub warnings: Vec<ChainWarning>,
}

/// Folds every revision of `graph` for `dialect` (`postgres`, `sqlite`, `mysql`).
pub fn fold_graph(graph: &RevisionGraph<'_>, dialect: &str) -> Result<ChainModel, ChainError> {
    let revisions = graph.topological();
    let mut model = ChainModel::default();
    let (after, _) = fold_revisions(graph, &revisions, dialect, &mut model.warnings, &[])?;
    for head in graph.heads() {
        if let Some(schema) = after.get(head.id.as_ref()) {
            model.heads.insert(head.id.to_string(), schema.clone());
        }
    }
    Ok(model)
}

/// The schema after `target` (an id, prefix, label or `head`), or before everything for
/// `base`, for `dialect`.
pub fn schema_at(
    graph: &RevisionGraph<'_>,
    target: &str,
    dialect: &str,
) -> Result<(Schema, Vec<ChainWarning>), ChainError> {
    if target == "base" {
        return Ok((Schema::default(), Vec::new()));
    }
    let revision = graph.resolve(target)?;
    schema_of(graph, &[revision.id.as_ref()], dialect)
}

/// The schema of a database whose version table holds `heads` (the revisions applied, with
/// everything they need), for `dialect`: with several heads, their union.
pub fn schema_of(
    graph: &RevisionGraph<'_>,
    heads: &[&str],
    dialect: &str,
) -> Result<(Schema, Vec<ChainWarning>), ChainError> {
    let mut wanted = std::collections::BTreeSet::new();
    let mut resolved = Vec::new();
    let mut included = std::collections::BTreeSet::new();
    for head in heads {
        let revision = graph.resolve(head)?;
        resolved.push(revision.id.as_ref());
        wanted.insert(revision.id.as_ref());
        let ancestors = graph.ancestors(&revision.id)?;
        included.extend(ancestors.iter().map(|r| r.id.as_ref()));
        wanted.extend(ancestors.iter().map(|r| r.id.as_ref()));
    }
    // A head that another one includes adds nothing to the union; its schema is not held
    // either, since the fold hands it on to its consumer.
    resolved.retain(|id| !included.contains(id));
    resolved.sort_unstable();
    resolved.dedup();
    let revisions: Vec<&Revision> =
        graph.topological().into_iter().filter(|r| wanted.contains(r.id.as_ref())).collect();
    let mut warnings = Vec::new();
    let (mut after, base) = fold_revisions(graph, &revisions, dialect, &mut warnings, &resolved)?;
    let schema = match resolved.as_slice() {
        [] => Schema::default(),
        [one] => after.remove(one).unwrap_or_default(),
        many => {
            let base = base.unwrap_or_default();
            let parts: Vec<(&str, Schema)> = many.iter().map(|h| (*h, after.remove(h).unwrap_or_default())).collect();
            let refs: Vec<(&str, &Schema)> = parts.iter().map(|(h, s)| (*h, s)).collect();
            fold::union(&base, &refs).map_err(|error| ChainError::Merge {
                revision: many.join(", "),
                dialect: dialect.to_string(),
                error: Box::new(error),
            })?
        }
    };
    Ok((schema, warnings))
}

/// The schema before `revision` (after its parents and dependencies), for `dialect`.
pub fn schema_before(
    graph: &RevisionGraph<'_>,
    revision: &Revision,
    dialect: &str,
) -> Result<(Schema, Vec<ChainWarning>), ChainError> {
    let revision = graph.resolve(&revision.id)?;
    schema_of(graph, &predecessors(graph, revision), dialect)
}

/// The revisions a revision needs applied first: its parents, then its dependencies.
fn predecessors<'a>(graph: &RevisionGraph<'a>, rev: &'a Revision) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = rev.parent_ids().collect();
    for dependency in rev.depends_on.iter() {
        if let Ok(r) = graph.resolve(dependency) {
            if !out.contains(&r.id.as_ref()) {
                out.push(r.id.as_ref());
            }
        }
    }
    out
}

/// Schemas by revision id.
type Held<'a> = HashMap<&'a str, Schema>;

/// Each revision's position in `revisions`, and the positions of its predecessors there.
fn positions<'a>(graph: &RevisionGraph<'a>, revisions: &[&'a Revision]) -> (HashMap<&'a str, usize>, Vec<Vec<usize>>) {
    let position: HashMap<&str, usize> = revisions.iter().enumerate().map(|(i, r)| (r.id.as_ref(), i)).collect();
    let preds = revisions
        .iter()
        .map(|r| predecessors(graph, r).into_iter().filter_map(|p| position.get(p).copied()).collect())
        .collect();
    (position, preds)
}

/// Folds `revisions` (closed under predecessors, in topological order); returns the schemas
/// still held at the end (those of revisions without a consumer in the list), and the schema
/// at the last common ancestor of `finals`, for the caller's own union of several heads.
fn fold_revisions<'a>(
    graph: &RevisionGraph<'a>,
    revisions: &[&'a Revision],
    dialect: &str,
    warnings: &mut Vec<ChainWarning>,
    finals: &[&str],
) -> Result<(Held<'a>, Option<Schema>), ChainError> {
    // Bookkeeping by position, not by id: a fold of 10,000 revisions hashes no id twice.
    let (position, preds) = positions(graph, revisions);
    // How many revisions still need each one's schema.
    let mut consumers = vec![0usize; revisions.len()];
    for &p in preds.iter().flatten() {
        consumers[p] += 1;
    }
    // Each merge's base (the last common ancestor of its predecessors), and the last merge that
    // reads each base: a base is copied when its revision is folded and freed after that merge,
    // so that no branch keeps tables shared (and copied on write) longer than a merge needs.
    let mut base_of: Vec<Option<usize>> = vec![None; revisions.len()];
    let mut last_use: Vec<Option<usize>> = vec![None; revisions.len()];
    for (i, p) in preds.iter().enumerate().filter(|(_, p)| p.len() > 1) {
        base_of[i] = merge_base(p, &preds);
        if let Some(b) = base_of[i] {
            last_use[b] = Some(i);
        }
    }
    let final_heads: Vec<usize> = finals.iter().filter_map(|h| position.get(h).copied()).collect();
    let final_base = if final_heads.len() > 1 { merge_base(&final_heads, &preds) } else { None };
    if let Some(b) = final_base {
        last_use[b] = Some(usize::MAX);
    }
    let mut held: Vec<Option<Schema>> = vec![None; revisions.len()];
    let mut kept_bases: Vec<Option<Schema>> = vec![None; revisions.len()];
    // The revisions that removed each object, by position, for "removed in revision ..".
    let mut removed_by: HashMap<ObjectKey, Vec<usize>> = HashMap::new();
    for (i, rev) in revisions.iter().enumerate() {
        let id: &'a str = rev.id.as_ref();
        let mut schema = match preds[i].as_slice() {
            [] => Schema::default(),
            &[one] => take(&mut held, &mut consumers, &kept_bases, one),
            many => {
                let parents: Vec<(&str, Schema)> = many
                    .iter()
                    .map(|&p| (revisions[p].id.as_ref(), take(&mut held, &mut consumers, &kept_bases, p)))
                    .collect();
                let refs: Vec<(&str, &Schema)> = parents.iter().map(|(p, s)| (*p, s)).collect();
                let empty = Schema::default();
                let base = base_of[i].and_then(|b| kept_bases[b].as_ref()).unwrap_or(&empty);
                let merged = fold::union(base, &refs).map_err(|error| ChainError::Merge {
                    revision: id.to_string(),
                    dialect: dialect.to_string(),
                    error: Box::new(error),
                })?;
                if let Some(b) = base_of[i].filter(|&b| last_use[b] == Some(i)) {
                    kept_bases[b] = None;
                }
                merged
            }
        };
        let ops = rev.up()?;
        match fold::apply_all(&mut schema, &ops, dialect) {
            Ok(w) if w.is_empty() => {}
            Ok(w) => warnings.extend(w.into_iter().map(|warning| ChainWarning { revision: id.to_string(), warning })),
            Err(error) => {
                let history = error
                    .object
                    .as_ref()
                    .and_then(|k| removed_in(k, &schema, i, &removed_by, &preds))
                    .map(|r| format!(" (removed in revision {})", revisions[r].id))
                    .unwrap_or_default();
                return Err(ChainError::Fold {
                    revision: id.to_string(),
                    dialect: dialect.to_string(),
                    error: Box::new(error),
                    history,
                });
            }
        }
        for op in &ops {
            removals(op, dialect, &mut |key| removed_by.entry(key).or_default().push(i));
        }
        if last_use[i].is_some() {
            kept_bases[i] = Some(schema.clone());
        }
        // Held for its consumers (the last one moves it out), or for the caller (a head).
        held[i] = Some(schema);
    }
    let by_id = |schemas: Vec<Option<Schema>>, wanted: &dyn Fn(usize) -> bool| -> Held<'a> {
        schemas
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| Some((revisions[i].id.as_ref(), s.filter(|_| wanted(i))?)))
            .collect()
    };
    let held = by_id(held, &|i| consumers[i] == 0);
    Ok((held, final_base.and_then(|b| kept_bases[b].take())))
}

/// The schema after revision `at` for one of its consumers: moved out for the last one.
fn take(held: &mut [Option<Schema>], consumers: &mut [usize], kept: &[Option<Schema>], at: usize) -> Schema {
    consumers[at] = consumers[at].saturating_sub(1);
    let schema = if consumers[at] == 0 { held[at].take() } else { held[at].clone() };
    schema.or_else(|| kept[at].clone()).unwrap_or_default()
}

/// The position of the last common ancestor of `parents` (`None` when they have none).
///
/// A walk back from the parents, newest revision first, marking which parents reach each
/// revision: the first one all of them reach is the last common ancestor. It visits only the
/// revisions between the merge and its branch point.
fn merge_base(parents: &[usize], preds: &[Vec<usize>]) -> Option<usize> {
    let all: u64 = if parents.len() >= 64 { u64::MAX } else { (1u64 << parents.len()) - 1 };
    let mut reached: HashMap<usize, u64> = HashMap::new();
    let mut queue = std::collections::BinaryHeap::new();
    for (k, &i) in parents.iter().enumerate() {
        let mask = reached.entry(i).or_default();
        if *mask == 0 {
            queue.push(i);
        }
        *mask |= 1u64 << k.min(63);
    }
    while let Some(i) = queue.pop() {
        let mask = reached.get(&i).copied().unwrap_or(0);
        if mask == all {
            return Some(i);
        }
        for &j in &preds[i] {
            let m = reached.entry(j).or_default();
            if *m == 0 {
                queue.push(j);
            }
            *m |= mask;
        }
    }
    None
}

/// The objects `op` removes on `dialect` (dropped, renamed away, detached), as errors name
/// them. Read from the op rather than from the schema before and after it, so that a revision
/// that removes something costs no copy of the schema.
fn removals(op: &crate::ops::Op, dialect: &str, out: &mut dyn FnMut(ObjectKey)) {
    use crate::ops::Op;
    match op {
        Op::Only(o) if o.applies_to(dialect) => removals(&o.op, dialect, out),
        Op::Execute(o) => o.effects.iter().for_each(|effect| removals(effect, dialect, out)),
        Op::DropTable(o) => out(ObjectKey::Table(o.name.clone())),
        Op::RenameTable(o) => out(ObjectKey::Table(o.from.clone())),
        Op::DropColumn(o) => out(ObjectKey::Column(o.table.clone(), o.name.clone())),
        Op::RenameColumn(o) => out(ObjectKey::Column(o.table.clone(), o.from.clone())),
        Op::DropIndex(o) => {
            // An op may name an index without its table; such a lookup uses an empty table.
            if let Some(table) = &o.table {
                out(ObjectKey::Index(table.clone(), o.name.clone()));
            }
            out(ObjectKey::Index(String::new(), o.name.clone()));
        }
        Op::DropConstraint(o) => out(ObjectKey::Constraint(o.table.clone(), o.name.clone())),
        Op::DropView(o) => out(ObjectKey::View(o.name.clone())),
        Op::RenameView(o) => out(ObjectKey::View(o.from.clone())),
        Op::DropEnum(o) => out(ObjectKey::Enum(o.name.clone())),
        Op::DropSequence(o) => out(ObjectKey::Sequence(o.name.clone())),
        Op::DetachPartition(o) => out(ObjectKey::Table(o.name.clone())),
        _ => {}
    }
}

/// The position of the revision to name in "removed in revision ..": the last one before
/// `at` in its own history (not on another branch) that removed the object `key` names, or
/// its table, while the object is still absent from `schema` (the schema `at` failed on).
fn removed_in(
    key: &ObjectKey,
    schema: &Schema,
    at: usize,
    removed_by: &HashMap<ObjectKey, Vec<usize>>,
    preds: &[Vec<usize>],
) -> Option<usize> {
    let mut candidates = vec![key.clone()];
    if let ObjectKey::Index(table, name) = key {
        if !table.is_empty() {
            candidates.push(ObjectKey::Index(String::new(), name.clone()));
        }
    }
    candidates.push(table_of(key));
    // Only an error path gets here, so the ancestors are found by a walk on demand.
    let mut ancestor = vec![false; at + 1];
    let mut stack = vec![at];
    while let Some(i) = stack.pop() {
        for &j in &preds[i] {
            if !ancestor[j] {
                ancestor[j] = true;
                stack.push(j);
            }
        }
    }
    candidates
        .iter()
        .filter(|k| absent(k, schema))
        .find_map(|k| removed_by.get(k)?.iter().rev().copied().find(|&r| r < at && ancestor[r]))
}

/// Whether `schema` lacks the object `key` names.
fn absent(key: &ObjectKey, schema: &Schema) -> bool {
    match key {
        ObjectKey::Table(t) => !schema.tables.contains_key(t),
        ObjectKey::Column(t, c) => schema.tables.get(t).is_none_or(|t| t.column(c).is_none()),
        ObjectKey::Constraint(t, c) => schema.tables.get(t).is_none_or(|t| !t.constraints.contains_key(c)),
        ObjectKey::Index(t, n) if t.is_empty() => !schema.indexes.keys().any(|(_, name)| name == n),
        ObjectKey::Index(t, n) => !schema.indexes.contains_key(&(t.clone(), n.clone())),
        ObjectKey::View(v) => !schema.views.contains_key(v),
        ObjectKey::Enum(e) => !schema.enums.contains_key(e),
        ObjectKey::Sequence(s) => !schema.sequences.contains_key(s),
        ObjectKey::Extension(e) => !schema.extensions.contains_key(e),
    }
}

fn table_of(key: &ObjectKey) -> ObjectKey {
    match key {
        ObjectKey::Column(t, _) | ObjectKey::Index(t, _) | ObjectKey::Constraint(t, _) => ObjectKey::Table(t.clone()),
        other => other.clone(),
    }
}
