//! The revision graph drawn for a terminal, as `git log --graph` draws commits: one revision per
//! line marked `*`, its branches as columns of `|`, and `/` and `\` where they join or split.
//!
//! The layout keeps one column per line of descent still open. Going down (newest first), a
//! revision takes the column that waits for it (the leftmost, when branches join there); its
//! first parent then takes its column over and further parents (a merge) open columns to its
//! right. Lines between revisions move each column at most one place per line, as git does.

use std::collections::HashSet;
use std::io::{self, Write};

/// One revision to draw.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its parents, first parent first. Parents that are not drawn are left out of the picture.
    pub parents: Vec<&'a str>,
}

/// One line of the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The graph part: `* |`, `|\`, `| |/`.
    pub graph: String,
    /// The index of the node this line shows, or `None` for a line of edges only.
    pub node: Option<usize>,
}

/// Lays out `nodes`, which must come children first (every revision before its parents, as
/// `history` lists them): one line per node plus the lines of edges between them.
pub fn draw(nodes: &[Node<'_>]) -> Vec<Line> {
    let drawn: HashSet<&str> = nodes.iter().map(|n| n.id).collect();
    let mut lines = Vec::new();
    // What each open column waits for: the id of the next revision on that line of descent.
    let mut columns: Vec<&str> = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        let waiting: Vec<usize> = (0..columns.len()).filter(|&i| columns[i] == node.id).collect();
        let at = match waiting.first() {
            Some(&first) => {
                if waiting.len() > 1 {
                    // Branches meet here (a branch point): the columns to the right fold into the
                    // leftmost, and those past them close up.
                    let mut moves = Vec::new();
                    let mut kept = 0;
                    for i in 0..columns.len() {
                        if waiting[1..].contains(&i) {
                            moves.push((i, first));
                        } else {
                            moves.push((i, kept));
                            kept += 1;
                        }
                    }
                    lines.extend(edges(&moves));
                    columns = columns
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !waiting[1..].contains(i))
                        .map(|(_, c)| *c)
                        .collect();
                }
                first
            }
            // Nothing waits for it: a head, in a new column on the right.
            None => {
                columns.push(node.id);
                columns.len() - 1
            }
        };
        let graph: Vec<&str> = (0..columns.len()).map(|i| if i == at { "*" } else { "|" }).collect();
        lines.push(Line { graph: graph.join(" "), node: Some(index) });

        let parents: Vec<&str> = node.parents.iter().copied().filter(|p| drawn.contains(p)).collect();
        let mut moves = Vec::new();
        for i in 0..columns.len() {
            match i.cmp(&at) {
                std::cmp::Ordering::Less => moves.push((i, i)),
                std::cmp::Ordering::Equal => moves.extend((0..parents.len()).map(|p| (i, i + p))),
                // A base closes its column; a merge opens one per further parent.
                std::cmp::Ordering::Greater => moves.push((i, (i + parents.len()).saturating_sub(1))),
            }
        }
        if index + 1 < nodes.len() {
            lines.extend(edges(&moves));
        }
        columns.splice(at..=at, parents);
    }
    lines
}

/// The lines that take each column from its old place to its new one, `(from, to)`, one place
/// per line; none when nothing moves.
fn edges(moves: &[(usize, usize)]) -> Vec<Line> {
    let rows = moves.iter().map(|&(from, to)| from.abs_diff(to)).max().unwrap_or(0);
    (0..rows)
        .map(|row| {
            let mut cells: Vec<char> = Vec::new();
            let mut put = |pos: usize, c: char| {
                if cells.len() <= pos {
                    cells.resize(pos + 1, ' ');
                }
                cells[pos] = c;
            };
            for &(from, to) in moves {
                let step = row.min(from.abs_diff(to));
                match from.cmp(&to) {
                    std::cmp::Ordering::Less if from + step < to => put(2 * (from + step) + 1, '\\'),
                    std::cmp::Ordering::Greater if from - step > to => put(2 * (from - step) - 1, '/'),
                    _ => put(2 * to, '|'),
                }
            }
            Line { graph: cells.into_iter().collect::<String>().trim_end().to_string(), node: None }
        })
        .collect()
}

/// One revision of a Graphviz graph.
#[derive(Debug, Clone)]
pub struct DotNode<'a> {
    /// The drawn revision and its parents.
    pub node: Node<'a>,
    /// Its dependencies that are not parents (dashed edges).
    pub depends_on: Vec<&'a str>,
    /// The lines of its label (the id first).
    pub label: Vec<String>,
    /// Applied in the database (filled); `None` when no database was read.
    pub applied: Option<bool>,
    /// One of the database's version rows (a thick border).
    pub current: bool,
}

/// Writes `nodes` as a Graphviz digraph: bases at the bottom, an edge from each parent to its
/// child (dashed from a dependency), applied revisions filled.
pub fn dot(w: &mut dyn Write, nodes: &[DotNode<'_>]) -> io::Result<()> {
    let drawn: HashSet<&str> = nodes.iter().map(|n| n.node.id).collect();
    writeln!(w, "digraph revisions {{")?;
    writeln!(w, "  rankdir=BT;")?;
    writeln!(w, "  node [shape=box, fontname=\"monospace\"];")?;
    for n in nodes {
        let label: Vec<String> = n.label.iter().map(|l| escape(l)).collect();
        let mut attrs = vec![format!("label=\"{}\"", label.join("\\n"))];
        if n.applied == Some(true) {
            attrs.push("style=filled, fillcolor=\"#c8e6c9\"".into());
        }
        if n.current {
            attrs.push("penwidth=3".into());
        }
        writeln!(w, "  \"{}\" [{}];", escape(n.node.id), attrs.join(", "))?;
    }
    for n in nodes {
        for parent in n.node.parents.iter().filter(|p| drawn.contains(*p)) {
            writeln!(w, "  \"{}\" -> \"{}\";", escape(parent), escape(n.node.id))?;
        }
        for dependency in n.depends_on.iter().filter(|d| drawn.contains(*d)) {
            writeln!(
                w,
                "  \"{}\" -> \"{}\" [style=dashed, label=\"depends_on\"];",
                escape(dependency),
                escape(n.node.id)
            )?;
        }
    }
    writeln!(w, "}}")
}

/// The text of a double-quoted Graphviz string.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node<'a>(id: &'a str, parents: &[&'a str]) -> Node<'a> {
        Node { id, parents: parents.to_vec() }
    }

    /// The drawing with each node line followed by its id.
    fn picture(nodes: &[Node<'_>]) -> String {
        draw(nodes)
            .iter()
            .map(|line| match line.node {
                Some(i) => format!("{} {}", line.graph, nodes[i].id),
                None => line.graph.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_straight_chain_is_one_column() {
        let nodes = [node("c", &["b"]), node("b", &["a"]), node("a", &[])];
        assert_eq!(picture(&nodes), "* c\n* b\n* a");
    }

    #[test]
    fn a_branch_and_its_merge_split_and_join_as_in_git() {
        let nodes = [
            node("m", &["a2", "b2"]),
            node("b2", &["b1"]),
            node("b1", &["base"]),
            node("a2", &["a1"]),
            node("a1", &["base"]),
            node("base", &[]),
        ];
        let expected = "\
* m
|\\
| * b2
| * b1
* | a2
* | a1
|/
* base";
        assert_eq!(picture(&nodes), expected);
    }

    #[test]
    fn two_heads_stand_side_by_side_until_their_branch_point() {
        let nodes = [node("h1", &["x"]), node("h2", &["base"]), node("x", &["base"]), node("base", &[])];
        let expected = "\
* h1
| * h2
* | x
|/
* base";
        assert_eq!(picture(&nodes), expected);
    }

    #[test]
    fn a_column_folding_past_another_moves_one_place_per_line() {
        // h1 and h3 both descend from base; h2's line (root r) stands between them.
        let nodes =
            [node("h1", &["base"]), node("h2", &["r"]), node("h3", &["base"]), node("base", &[]), node("r", &[])];
        let expected = "\
* h1
| * h2
| | * h3
| |/
|/|
* | base
 /
* r";
        assert_eq!(picture(&nodes), expected);
    }

    #[test]
    fn three_lines_ending_at_one_revision_fold_in_one_place_a_line() {
        let nodes = [node("h", &["y"]), node("m", &["a", "b"]), node("y", &["a"]), node("b", &["a"]), node("a", &[])];
        // y, m's first parent and b all end at a: they fold in from the right, one place a line.
        let expected = "\
* h
| * m
| |\\
* | | y
| | * b
|/ /
|/
* a";
        assert_eq!(picture(&nodes), expected);
    }

    #[test]
    fn a_merge_beside_an_open_column_shifts_it_right() {
        let nodes = [
            node("h1", &["m"]),
            node("h2", &["base"]),
            node("m", &["a", "b"]),
            node("a", &["base"]),
            node("b", &["base"]),
            node("base", &[]),
        ];
        let expected = "\
* h1
| * h2
* | m
|\\ \\
* | | a
| * | b
|/ /
|/
* base";
        assert_eq!(picture(&nodes), expected);
    }

    #[test]
    fn parents_outside_the_drawing_open_no_column() {
        // `history -r b:` draws b and c only; b's parent a is not drawn.
        let nodes = [node("c", &["b"]), node("b", &["a"])];
        assert_eq!(picture(&nodes), "* c\n* b");
    }

    #[test]
    fn dot_draws_parent_to_child_edges_and_fills_the_applied_revisions() {
        let node = |id, parents: &[&'static str], applied| DotNode {
            node: Node { id, parents: parents.to_vec() },
            depends_on: Vec::new(),
            label: vec![id.to_string(), format!("say \"{id}\"")],
            applied,
            current: false,
        };
        let mut merge = node("m", &["a", "b"], Some(false));
        merge.depends_on.push("x");
        let nodes =
            [merge, node("b", &["base"], Some(false)), node("a", &["base"], Some(true)), node("base", &[], Some(true))];
        let mut out = Vec::new();
        dot(&mut out, &nodes).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("digraph revisions {\n  rankdir=BT;"), "{text}");
        assert!(text.contains("  \"a\" -> \"m\";\n  \"b\" -> \"m\";"), "{text}");
        assert!(text.contains("  \"base\" -> \"a\";"), "{text}");
        assert!(!text.contains("\"x\""), "a dependency that is not drawn has no edge: {text}");
        assert!(text.contains("\"a\" [label=\"a\\nsay \\\"a\\\"\", style=filled"), "{text}");
        assert!(!text.contains("\"b\" [label=\"b\\nsay \\\"b\\\"\", style"), "{text}");
        assert!(text.trim_end().ends_with('}'), "{text}");
    }
}
