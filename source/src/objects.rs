//! The schema checks over a revision folder: every revision's ops folded into the chain's
//! model (`core`'s `schema::fold`, mounted here as [`crate::schema`]) through the graph, once per
//! dialect, so that an op on an object that does not exist at that point, an object created
//! twice, an old state that contradicts the chain, a foreign key to a missing column or a
//! `down` that undoes what its `up` did not do is a compile error at the op.
//!
//! A finding is reported once for all the dialects it holds on. After an op fails, the object
//! it needed is taken as unknown from there on (as raw SQL would leave it), so that one
//! mistake is one error, not one per later revision.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::chain::{file_name, Finding, Target};
use crate::folder::{Revision, SourceFile};
use crate::ops::Op;
// The dialects a chain is folded for (those the project targets): `.only([..])` makes their
// models differ.
use crate::project::{Project, DIALECTS};
use crate::schema::diff::{diff, Change, Drift, ObjectRef};
use crate::schema::fold::{self, FoldError, ObjectKey};
use crate::schema::model::Schema;

/// What the model tells one revision's own `migration!`, beyond errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    /// Tables that the revision's `create_table(..).if_not_exists()` finds already there: not
    /// new, so the safety rules' new-table exemption does not cover them.
    pub preexisting: BTreeSet<String>,
    /// The revision is `start_after` of `[package.metadata.retort]` or one of its ancestors:
    /// it predates the project's safety rules, which do not check it.
    pub adopted: bool,
}

/// The findings of the schema checks, and the facts for each revision, by (file, invocation).
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Errors, in chain order.
    pub findings: Vec<Finding>,
    /// Facts of the revisions that have any.
    pub facts: BTreeMap<(usize, usize), Facts>,
}

/// One revision of the chain, in fold order.
struct Node<'a> {
    file: usize,
    revision: usize,
    id: &'a str,
    line: usize,
    /// Indices of the nodes applied right before it: its parents, then its dependencies.
    preds: Vec<usize>,
    ops: Option<&'a Revision>,
}

/// An error of one op, on the dialects it holds for.
struct Found {
    error: FoldError,
    dialects: Vec<&'static str>,
    removed_in: Option<usize>,
}

/// Folds the chain of `files` (whose graph rules passed) for every dialect and collects what
/// does not apply. `parsed` holds every file's revisions as [`crate::folder::revisions`] reads them.
pub fn check(files: &[SourceFile], parsed: &[Vec<Option<Revision>>], project: &Project) -> Checked {
    let mut checked = Checked::default();
    let Some(order) = crate::chain::topological(files) else { return checked };
    let nodes = nodes(files, parsed, &order);
    let mut found: BTreeMap<(usize, Target), Found> = BTreeMap::new();
    let dialects: Vec<&'static str> = DIALECTS.into_iter().filter(|d| project.targets(d)).collect();
    // The dialects' folds are independent: each runs on a thread of its own (the macro runs
    // this on every build), and their results are merged in dialect order, as one thread would.
    let folded: Vec<Folded> = std::thread::scope(|scope| {
        let handles: Vec<_> = dialects
            .iter()
            .map(|&dialect| std::thread::Builder::new().spawn_scoped(scope, || fold_dialect(&nodes, dialect)))
            .collect();
        handles
            .into_iter()
            .zip(&dialects)
            .map(|(handle, &dialect)| match handle.map(|h| h.join()) {
                Ok(Ok(folded)) => folded,
                // No thread to be had: fold here.
                _ => fold_dialect(&nodes, dialect),
            })
            .collect()
    });
    for (dialect, folded) in dialects.iter().copied().zip(folded) {
        for (n, target, error, removed_in) in folded.records {
            found.entry((n, target)).and_modify(|f| f.dialects.push(dialect)).or_insert(Found {
                error,
                dialects: vec![dialect],
                removed_in,
            });
        }
        for (key, facts) in folded.facts {
            checked.facts.entry(key).or_default().preexisting.extend(facts.preexisting);
        }
    }
    if let Some(start) = project.start_after.as_deref().and_then(|id| nodes.iter().position(|n| n.id == id)) {
        let mut stack = vec![start];
        let mut seen = vec![false; nodes.len()];
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            checked.facts.entry((nodes[n].file, nodes[n].revision)).or_default().adopted = true;
            stack.extend(&nodes[n].preds);
        }
    }
    for ((n, target), f) in found {
        let node = &nodes[n];
        let file = &files[node.file];
        let on = if f.dialects.len() == dialects.len() {
            String::new()
        } else {
            format!(" on {}", f.dialects.join(" and "))
        };
        let removed = f
            .removed_in
            .map(|r| {
                format!(
                    " (removed in revision `{}`, {}:{})",
                    nodes[r].id,
                    file_name(&files[nodes[r].file]),
                    nodes[r].line
                )
            })
            .unwrap_or_default();
        let header = &file.revisions[node.revision];
        checked.findings.push(Finding {
            file: node.file,
            revision: node.revision,
            target,
            at: header.id.as_ref().map_or(header.anchor, |id| id.at),
            message: format!(
                "revision `{}` ({}:{}){on}: {}{removed}; {}",
                node.id,
                file_name(file),
                node.line,
                f.error.message,
                f.error.fix
            ),
        });
    }
    checked
}

/// The chain's revisions in fold order, with their predecessors resolved to node indices.
fn nodes<'a>(files: &'a [SourceFile], parsed: &'a [Vec<Option<Revision>>], order: &[(usize, usize)]) -> Vec<Node<'a>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut labels: HashMap<&str, usize> = HashMap::new();
    for (n, &(f, r)) in order.iter().enumerate() {
        let header = &files[f].revisions[r];
        if let Some(id) = &header.id {
            index.insert(&id.value, n);
        }
        for label in &header.labels {
            labels.insert(&label.value, n);
        }
    }
    order
        .iter()
        .enumerate()
        .map(|(n, &(f, r))| {
            let header = &files[f].revisions[r];
            let mut preds: Vec<usize> = Vec::new();
            let named = header.parents.iter().filter_map(|p| index.get(p.value.as_str()));
            let needed = header
                .depends_on
                .iter()
                .filter_map(|d| index.get(d.value.as_str()).or_else(|| labels.get(d.value.as_str())));
            // The fold order puts parents and dependencies by id first; a dependency on a
            // label that comes later is not one the order can honour, and is left out.
            for &p in named.chain(needed).filter(|&&p| p < n) {
                if !preds.contains(&p) {
                    preds.push(p);
                }
            }
            Node {
                file: f,
                revision: r,
                id: header.id.as_ref().map_or("", |id| id.value.as_str()),
                line: header.id.as_ref().map_or(header.anchor.line, |id| id.at.line),
                preds,
                ops: parsed.get(f).and_then(|revisions| revisions.get(r)).and_then(Option::as_ref),
            }
        })
        .collect()
}

/// What folding the chain for one dialect found.
#[derive(Default)]
struct Folded {
    /// Errors in the order met: node, target, error, the node that removed the object.
    records: Vec<(usize, Target, FoldError, Option<usize>)>,
    /// Facts of the revisions that have any.
    facts: BTreeMap<(usize, usize), Facts>,
}

/// Folds every node for `dialect`.
fn fold_dialect(nodes: &[Node<'_>], dialect: &'static str) -> Folded {
    let mut folded = Folded::default();
    let facts = &mut folded.facts;
    // A schema is kept while a later node needs it: moved on to a lone consumer, copied (a
    // map of shared tables) for several, and kept to the end at branch points, which merges
    // read as their base.
    let mut consumers = vec![0usize; nodes.len()];
    for p in nodes.iter().flat_map(|n| &n.preds) {
        consumers[*p] += 1;
    }
    let branch_point: Vec<bool> = consumers.iter().map(|c| *c > 1).collect();
    let mut after: Vec<Schema> = Vec::with_capacity(nodes.len());
    let mut removed_by: HashMap<ObjectKey, usize> = HashMap::new();
    let records = &mut folded.records;
    let mut record = |n: usize, target: Target, error: FoldError, removed_in: Option<usize>| {
        records.push((n, target, error, removed_in))
    };
    for (n, node) in nodes.iter().enumerate() {
        let mut schema = match node.preds.as_slice() {
            [] => Schema::default(),
            [one] => {
                consumers[*one] -= 1;
                if consumers[*one] == 0 && !branch_point[*one] {
                    std::mem::take(&mut after[*one])
                } else {
                    after[*one].clone()
                }
            }
            many => {
                let empty = Schema::default();
                let base = merge_base(nodes, many).map_or(&empty, |b| &after[b]);
                let parents: Vec<(&str, &Schema)> = many.iter().map(|p| (nodes[*p].id, &after[*p])).collect();
                match fold::union(base, &parents) {
                    Ok(schema) => schema,
                    Err(error) => {
                        record(n, Target::Anchor, error, None);
                        let mut schema = after[many[0]].clone();
                        schema.unknown.everything = true;
                        schema
                    }
                }
            }
        };
        let Some(revision) = node.ops.filter(|r| r.complete) else {
            // A revision that does not evaluate is reported by its own `migration!`; what it
            // does is unknown here.
            schema.unknown.everything = true;
            after.push(schema);
            continue;
        };
        for op in revision.up.iter().flatten() {
            if let Op::CreateTable(t) = unwrap(op) {
                if t.if_not_exists && schema.tables.contains_key(&t.name) && !schema.is_unknown(&t.name) {
                    facts.entry((node.file, node.revision)).or_default().preexisting.insert(t.name.clone());
                }
            }
        }
        // Only a written `down` is compared with the schema before `up`.
        let before = revision.down.as_ref().map(|_| schema.clone());
        let mut certain = true;
        for (i, op) in revision.up.iter().enumerate() {
            let Some(op) = op else { continue };
            match fold::apply(&mut schema, op, dialect) {
                Ok(warnings) => certain &= warnings.is_empty() && !is_raw(op),
                Err(error) => {
                    certain = false;
                    let removed_in = error
                        .object
                        .as_ref()
                        .and_then(|k| removed_by.get(k).or_else(|| removed_by.get(&table_of(k))).copied());
                    if let Some(key) = &error.object {
                        schema.unknown.objects.insert(object_name(key));
                    }
                    record(n, Target::Op(i), error, removed_in);
                }
            }
            for key in removals(op) {
                removed_by.insert(key, n);
            }
        }
        if let (true, Some(down), Some(before)) = (certain, &revision.down, &before) {
            if let Some((target, error)) = check_down(before, &schema, down, dialect) {
                record(n, target, error, None);
            }
        }
        after.push(schema);
    }
    folded
}

/// The last common ancestor of `parents` (the latest in fold order that every one reaches),
/// found by a walk back from each; only merges need it.
fn merge_base(nodes: &[Node<'_>], parents: &[usize]) -> Option<usize> {
    let reach = |from: usize| {
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if seen.insert(n) {
                stack.extend(nodes.get(n).into_iter().flat_map(|node| node.preds.iter().copied()));
            }
        }
        seen
    };
    parents.iter().map(|p| reach(*p)).reduce(|a, b| a.intersection(&b).copied().collect())?.last().copied()
}

/// The `down` of a revision folded onto the schema after its `up`: it must apply, and must not
/// change an object that the `up` left alone (`undoes something its up did not do`).
fn check_down(before: &Schema, after_up: &Schema, down: &[Option<Op>], dialect: &str) -> Option<(Target, FoldError)> {
    let ops: Vec<&Op> = down.iter().flatten().collect();
    if ops.len() != down.len() || ops.iter().any(|op| is_raw(op)) {
        return None;
    }
    let mut undone = after_up.clone();
    for (i, op) in ops.iter().enumerate() {
        match fold::apply(&mut undone, op, dialect) {
            Ok(warnings) if warnings.is_empty() => {}
            Ok(_) => return None,
            Err(error) => {
                let error = FoldError { message: format!("in `down`, {}", error.message), ..error };
                return Some((Target::DownOp(i), error));
            }
        }
    }
    // Only the objects the ops name can differ: the diffs read those alone, not the whole
    // chain's schema once per revision.
    let names: BTreeSet<&str> = ops.iter().flat_map(|op| crate::safety::identifiers(op)).collect();
    let (before, after_up, undone) = (&part(before, &names), &part(after_up, &names), &part(&undone, &names));
    // What `up` changed: an object as a whole covers its parts; a part does not cover the
    // object (indexing a table does not make dropping it an undo).
    let touched: BTreeSet<ObjectRef> = diff(before, after_up).into_iter().map(|d| d.object).collect();
    let covered = |object: &ObjectRef| {
        touched.contains(object) || touched.contains(&ObjectRef { member: None, ..object.clone() })
    };
    let stray = diff(before, undone).into_iter().find(|d| !covered(&d.object))?;
    let at = ops.iter().position(|op| crate::safety::identifiers(op).contains(&stray.object.name.as_str()));
    let target = at.map_or(Target::Down, Target::DownOp);
    Some((target, stray_error(&stray)))
}

/// The objects of `schema` that `names` names (tables with their indexes, views, sequences,
/// enum types), for a diff of what a revision touches.
fn part(schema: &Schema, names: &BTreeSet<&str>) -> Schema {
    let named = |name: &String| names.contains(name.as_str());
    Schema {
        tables: schema.tables.iter().filter(|(n, _)| named(n)).map(|(n, t)| (n.clone(), t.clone())).collect(),
        views: schema.views.iter().filter(|(n, _)| named(n)).map(|(n, v)| (n.clone(), v.clone())).collect(),
        indexes: schema
            .indexes
            .iter()
            .filter(|((t, i), _)| named(t) || named(i))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        sequences: schema.sequences.iter().filter(|(n, _)| named(n)).map(|(n, v)| (n.clone(), v.clone())).collect(),
        enums: schema.enums.iter().filter(|(n, _)| named(n)).map(|(n, v)| (n.clone(), v.clone())).collect(),
        triggers: schema.triggers.iter().filter(|((t, _), _)| named(t)).map(|(k, v)| (k.clone(), v.clone())).collect(),
        namespaces: schema.namespaces.clone(),
        ..Schema::default()
    }
}

/// The message for a change that `down` makes and `up` did not.
fn stray_error(drift: &Drift) -> FoldError {
    let what = match &drift.change {
        Change::Missing => format!("`down` removes {}, which `up` did not create", drift.object),
        Change::Unexpected => format!("`down` creates {}, which `up` did not remove", drift.object),
        Change::Changed { what, chain, database } => {
            format!(
                "`down` changes the {what} of {} from {chain} to {database}, which `up` did not change",
                drift.object
            )
        }
    };
    FoldError::new(
        what,
        "a `down` undoes its own `up` and nothing else: remove this op, or move it to the `down` of the revision whose `up` made that change",
        None,
    )
}

/// Whether `op` is raw SQL, whose effect the model cannot tell.
fn is_raw(op: &Op) -> bool {
    matches!(unwrap(op), Op::Execute(e) if e.effects.is_empty())
}

/// The op inside `.only([..])`.
fn unwrap(op: &Op) -> &Op {
    match op {
        Op::Only(o) => unwrap(&o.op),
        op => op,
    }
}

/// The objects `op` removes (drops or renames away), for "removed in revision ..".
fn removals(op: &Op) -> Vec<ObjectKey> {
    match unwrap(op) {
        Op::DropTable(o) => vec![ObjectKey::Table(o.name.clone())],
        Op::RenameTable(o) => vec![ObjectKey::Table(o.from.clone())],
        Op::DropColumn(o) => vec![ObjectKey::Column(o.table.clone(), o.name.clone())],
        Op::RenameColumn(o) => vec![ObjectKey::Column(o.table.clone(), o.from.clone())],
        Op::DropIndex(o) => {
            let mut keys = vec![ObjectKey::Index(String::new(), o.name.clone())];
            keys.extend(o.table.iter().map(|t| ObjectKey::Index(t.clone(), o.name.clone())));
            keys
        }
        Op::DropConstraint(o) => vec![ObjectKey::Constraint(o.table.clone(), o.name.clone())],
        Op::DropView(o) => vec![ObjectKey::View(o.name.clone())],
        Op::RenameView(o) => vec![ObjectKey::View(o.from.clone())],
        Op::DropEnum(o) => vec![ObjectKey::Enum(o.name.clone())],
        Op::DropSequence(o) => vec![ObjectKey::Sequence(o.name.clone())],
        _ => Vec::new(),
    }
}

/// The table an object belongs to (itself for a table).
fn table_of(key: &ObjectKey) -> ObjectKey {
    match key {
        ObjectKey::Column(t, _) | ObjectKey::Index(t, _) | ObjectKey::Constraint(t, _) => ObjectKey::Table(t.clone()),
        other => other.clone(),
    }
}

/// The name under which the model marks an object unknown: its table for a table's part.
fn object_name(key: &ObjectKey) -> String {
    match key {
        ObjectKey::Column(t, _) | ObjectKey::Constraint(t, _) => t.clone(),
        ObjectKey::Index(t, n) if t.is_empty() => n.clone(),
        ObjectKey::Index(t, _) => t.clone(),
        ObjectKey::Table(n)
        | ObjectKey::View(n)
        | ObjectKey::Enum(n)
        | ObjectKey::Sequence(n)
        | ObjectKey::Extension(n) => n.clone(),
    }
}
