//! The graph rules over a revision folder, on plain data: unknown parents and dependencies,
//! duplicate ids and labels, cycles, and the heads. `retort::migrations!()` reports each finding
//! at its token (through the file's own `migration!`); the runtime graph build checks the same
//! rules again for binaries that list their revisions by hand.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::folder::{Header, Position, SourceFile};

/// Where in a revision a finding points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The `revision: ".."` literal.
    Id,
    /// The i-th parent literal.
    Parent(usize),
    /// The i-th `depends_on` literal.
    DependsOn(usize),
    /// The i-th branch label literal.
    Label(usize),
    /// The i-th `up` statement (for the schema checks).
    Op(usize),
    /// The `down` block as a whole.
    Down,
    /// The i-th `down` statement.
    DownOp(usize),
    /// The invocation as a whole.
    Anchor,
}

/// One broken rule, at one token of one revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index into the files given to [`check`].
    pub file: usize,
    /// Index of the invocation within that file.
    pub revision: usize,
    /// The token.
    pub target: Target,
    /// Where that token is, for messages that cannot point at it.
    pub at: Position,
    /// What is wrong, and the fix.
    pub message: String,
}

/// A revision of the folder that is a head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Its id.
    pub id: String,
    /// `file.rs:line`.
    pub place: String,
}

/// The rules' findings, and the heads of the graph when it is sound enough to have them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Errors, in file order.
    pub findings: Vec<Finding>,
    /// Revisions no other revision names as a parent, in file order.
    pub heads: Vec<Head>,
}

impl Report {
    /// The warning for more than one head, if there are several: their ids and the command that joins them.
    pub fn heads_warning(&self) -> Option<String> {
        if self.heads.len() < 2 {
            return None;
        }
        let list: Vec<String> = self.heads.iter().map(|h| format!("`{}` ({})", h.id, h.place)).collect();
        let ids: Vec<&str> = self.heads.iter().map(|h| h.id.as_str()).collect();
        Some(format!(
            "the revision chain has {} heads: {}; `upgrade head` cannot choose between them. \
             Join them with a merge revision: `cargo run --bin migrate -- merge {} -m \"merge\"` \
             (or `merge heads -m ..`), or point one branch's `parent:` at the other's head",
            self.heads.len(),
            list.join(", "),
            ids.join(" ")
        ))
    }
}

/// One revision's place: its file and invocation.
#[derive(Debug, Clone, Copy)]
struct Node<'a> {
    file: usize,
    revision: usize,
    header: &'a Header,
    id: &'a str,
}

impl Node<'_> {
    /// The line of the revision's id, which names it in messages.
    fn at_line(&self) -> usize {
        self.header.id.as_ref().map_or(self.header.anchor.line, |id| id.at.line)
    }
}

/// Checks the graph rules over `files` (as [`crate::folder::read`] returns them).
pub fn check(files: &[SourceFile]) -> Report {
    let mut report = Report::default();
    let name = |file: usize| file_name(&files[file]);
    // Revisions whose header did not parse are reported by their own `migration!`; they stay
    // out, but their ids still count as existing so that their children raise nothing more.
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut known: HashMap<&str, usize> = HashMap::new();
    let mut unreadable = false;
    for (f, file) in files.iter().enumerate() {
        unreadable |= file.error.is_some();
        for (r, header) in file.revisions.iter().enumerate() {
            let Some(id) = &header.id else {
                unreadable = true;
                continue;
            };
            let node = Node { file: f, revision: r, header, id: &id.value };
            match known.get(id.value.as_str()) {
                Some(&first) => {
                    let first = nodes[first];
                    report.findings.push(Finding {
                        file: f,
                        revision: r,
                        target: Target::Id,
                        at: id.at,
                        message: format!(
                            "revision id `{}` ({}:{}) is already the id of the revision in {}:{}; give this revision \
                             a new id (`migrate new` writes unique ones), and point its children at it",
                            id.value,
                            name(f),
                            id.at.line,
                            name(first.file),
                            first.at_line()
                        ),
                    });
                }
                None => {
                    known.insert(&id.value, nodes.len());
                    nodes.push(node);
                }
            }
        }
    }
    let mut labels: HashMap<&str, usize> = HashMap::new();
    for (n, node) in nodes.iter().enumerate() {
        for (i, label) in node.header.labels.iter().enumerate() {
            let clash = |message: String| Finding {
                file: node.file,
                revision: node.revision,
                target: Target::Label(i),
                at: label.at,
                message,
            };
            if let Some(&other) = known.get(label.value.as_str()) {
                let other = nodes[other];
                report.findings.push(clash(format!(
                    "branch label `{}` ({}:{}) is also the id of the revision in {}:{}; rename the label",
                    label.value,
                    name(node.file),
                    label.at.line,
                    name(other.file),
                    other.at_line()
                )));
            } else if let Some(&first) = labels.get(label.value.as_str()).filter(|&&first| first != n) {
                let first = nodes[first];
                report.findings.push(clash(format!(
                    "branch label `{}` ({}:{}) is already declared by the revision in {}:{}; a label names one branch: rename one of them",
                    label.value,
                    name(node.file),
                    label.at.line,
                    name(first.file),
                    first.at_line()
                )));
            } else {
                labels.insert(&label.value, n);
            }
        }
    }

    // Edges to the revisions that must come first: parents, then dependencies.
    let ids: Vec<&str> = nodes.iter().map(|n| n.id).collect();
    let mut down: Vec<Vec<(usize, Target)>> = vec![Vec::new(); nodes.len()];
    let mut has_child = vec![false; nodes.len()];
    for (n, node) in nodes.iter().enumerate() {
        for (i, parent) in node.header.parents.iter().enumerate() {
            match known.get(parent.value.as_str()) {
                Some(&p) => {
                    down[n].push((p, Target::Parent(i)));
                    has_child[p] = true;
                }
                None if !unreadable => report.findings.push(Finding {
                    file: node.file,
                    revision: node.revision,
                    target: Target::Parent(i),
                    at: parent.at,
                    message: format!(
                        "revision `{}` ({}:{}) names parent `{}`, which is not a revision of this folder; {}",
                        node.id,
                        name(node.file),
                        node.at_line(),
                        parent.value,
                        suggestion(&parent.value, &ids, &nodes, files, "fix the id, or add the missing revision")
                    ),
                }),
                None => {}
            }
        }
        for (i, dependency) in node.header.depends_on.iter().enumerate() {
            let target = known.get(dependency.value.as_str()).or_else(|| labels.get(dependency.value.as_str()));
            match target {
                Some(&d) => down[n].push((d, Target::DependsOn(i))),
                None if !unreadable => {
                    let mut names: Vec<&str> = ids.clone();
                    names.extend(labels.keys());
                    report.findings.push(Finding {
                        file: node.file,
                        revision: node.revision,
                        target: Target::DependsOn(i),
                        at: dependency.at,
                        message: format!(
                            "revision `{}` ({}:{}) depends on `{}`, which is neither a revision id nor a branch label of this folder; {}",
                            node.id,
                            name(node.file),
                            node.at_line(),
                            dependency.value,
                            suggestion(&dependency.value, &names, &nodes, files, "fix it, or remove it")
                        ),
                    });
                }
                None => {}
            }
        }
    }
    report.findings.extend(cycles(&nodes, &down, files));
    if report.findings.is_empty() && !unreadable {
        report.heads = nodes
            .iter()
            .zip(&has_child)
            .filter(|(_, child)| !**child)
            .map(|(n, _)| Head { id: n.id.to_string(), place: format!("{}:{}", name(n.file), n.at_line()) })
            .collect();
    }
    report.findings.sort_by_key(|f| (f.file, f.revision, f.at));
    report
}

/// Every cycle through parents and dependencies, reported at each edge on it.
fn cycles(nodes: &[Node<'_>], down: &[Vec<(usize, Target)>], files: &[SourceFile]) -> Vec<Finding> {
    const NEW: u8 = 0;
    const ON_STACK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; nodes.len()];
    let mut out = Vec::new();
    for start in 0..nodes.len() {
        if state[start] != NEW {
            continue;
        }
        // (node, next edge, the edge that led here)
        let mut stack: Vec<(usize, usize, Target)> = vec![(start, 0, Target::Anchor)];
        state[start] = ON_STACK;
        while let Some(&(node, pos, _)) = stack.last() {
            if let Some(&(next, via)) = down[node].get(pos) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match state[next] {
                    NEW => {
                        state[next] = ON_STACK;
                        stack.push((next, 0, via));
                    }
                    ON_STACK => {
                        let from = stack.iter().position(|&(i, _, _)| i == next).unwrap_or(0);
                        // Each member points at the next through the edge that follows it on the stack.
                        let members: Vec<(usize, Target)> = stack[from..]
                            .iter()
                            .enumerate()
                            .map(|(k, &(i, _, _))| (i, stack.get(from + k + 1).map_or(via, |s| s.2)))
                            .collect();
                        let mut text = String::new();
                        for &(i, _) in &members {
                            let _ = write!(
                                text,
                                "`{}` ({}:{}) → ",
                                nodes[i].id,
                                file_name(&files[nodes[i].file]),
                                nodes[i].at_line()
                            );
                        }
                        let _ = write!(text, "`{}`", nodes[next].id);
                        for &(i, edge) in &members {
                            let node = nodes[i];
                            let at = match edge {
                                Target::Parent(k) => node.header.parents.get(k).map(|p| p.at),
                                Target::DependsOn(k) => node.header.depends_on.get(k).map(|d| d.at),
                                _ => None,
                            };
                            out.push(Finding {
                                file: node.file,
                                revision: node.revision,
                                target: edge,
                                at: at.unwrap_or(node.header.anchor),
                                message: format!(
                                    "revisions form a cycle through their parents and dependencies: {text}; \
                                     a revision must follow only earlier ones: point one of them at an earlier revision"
                                ),
                            });
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = DONE;
                stack.pop();
            }
        }
    }
    out
}

/// "did you mean `x` (file:line)?" for a misspelt id, else `otherwise`; with the heads listed.
fn suggestion(wrong: &str, names: &[&str], nodes: &[Node<'_>], files: &[SourceFile], otherwise: &str) -> String {
    let close = crate::ops::dsl::closest(wrong, names);
    match close.first() {
        Some(best) => {
            let place = nodes
                .iter()
                .find(|n| n.id == *best)
                .map(|n| format!(" ({}:{})", file_name(&files[n.file]), n.at_line()))
                .unwrap_or_default();
            format!("did you mean `{best}`{place}?")
        }
        None => otherwise.to_string(),
    }
}

/// The file's name without its folder: every revision file of a chain is in the same folder.
pub fn file_name(file: &SourceFile) -> String {
    file.path.file_name().map_or_else(|| file.path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The revisions in an order where parents and dependencies come first, as `(file, revision)`
/// pairs; the order the schema model is folded in. `None` when the graph has a cycle.
pub fn topological(files: &[SourceFile]) -> Option<Vec<(usize, usize)>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut nodes: Vec<(usize, usize, &Header)> = Vec::new();
    for (f, file) in files.iter().enumerate() {
        for (r, header) in file.revisions.iter().enumerate() {
            if let Some(id) = &header.id {
                index.entry(&id.value).or_insert(nodes.len());
                nodes.push((f, r, header));
            }
        }
    }
    let mut pending: Vec<usize> = nodes
        .iter()
        .map(|(_, _, h)| h.parents.iter().chain(&h.depends_on).filter(|p| index.contains_key(p.value.as_str())).count())
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (n, (_, _, h)) in nodes.iter().enumerate() {
        for p in h.parents.iter().chain(&h.depends_on) {
            if let Some(&p) = index.get(p.value.as_str()) {
                children[p].push(n);
            }
        }
    }
    let mut ready: Vec<usize> = (0..nodes.len()).filter(|&n| pending[n] == 0).rev().collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(n) = ready.pop() {
        order.push((nodes[n].0, nodes[n].1));
        for &c in &children[n] {
            pending[c] -= 1;
            if pending[c] == 0 {
                ready.push(c);
            }
        }
    }
    (order.len() == nodes.len()).then_some(order)
}
