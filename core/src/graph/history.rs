//! The `history` view: revisions newest first, optionally within `-r FROM:TO`, with the
//! database's position marked.

use super::build::RevisionGraph;
use super::target::split_range;
use super::GraphError;
use crate::Revision;

/// Revisions newest first (children before parents), as `history` prints them.
#[derive(Debug, Clone)]
pub struct History<'a> {
    /// One entry per revision in the range.
    pub entries: Vec<HistoryEntry<'a>>,
}

/// One revision in a [`History`].
#[derive(Debug, Clone)]
pub struct HistoryEntry<'a> {
    /// The revision.
    pub revision: &'a Revision,
    /// Applied in the database (a version row, or below one).
    pub applied: bool,
    /// One of the version rows.
    pub current: bool,
    /// Nothing names it as a parent.
    pub head: bool,
    /// It has no parent.
    pub base: bool,
    /// Several revisions name it as their parent.
    pub branch_point: bool,
    /// It has several parents.
    pub merge_point: bool,
    /// The branch labels it belongs to: its own and those of the revisions it descends from.
    pub branch_labels: Vec<&'a str>,
}

impl<'a> RevisionGraph<'a> {
    /// The history of the graph, or of `range` (`FROM:TO`, either end optional: `:head`,
    /// `ae10:`, `base:current`, `-3:current`), for a database whose version table holds
    /// `current`. `TO` and what it builds on, down to `FROM` included.
    pub fn history(&self, range: Option<&str>, current: &[&str]) -> Result<History<'a>, GraphError> {
        let rows = self.rows_of(current)?;
        let applied = self.closure(&rows, &self.down);
        let selected = match range {
            None => self.closure(&self.heads, &self.down),
            Some(range) => {
                let (lower, upper) =
                    split_range(range).ok_or_else(|| GraphError::InvalidRange { range: range.to_owned() })?;
                let upper_revs = match upper {
                    "" => self.heads.clone(),
                    _ => self.resolve_set(&self.parse(upper)?, &rows, &applied)?,
                };
                let mut selected = self.closure(&upper_revs, &self.down);
                let lower_revs = match lower {
                    "" => Vec::new(),
                    _ => self.resolve_set(&self.parse(lower)?, &rows, &applied)?,
                };
                // An empty lower end is the base: no bound.
                if !lower_revs.is_empty() {
                    if let Some(&outside) = lower_revs.iter().find(|&&l| !selected.contains(l)) {
                        return Err(GraphError::RangeNotAncestor {
                            range: range.to_owned(),
                            lower: self.ids[outside].to_owned(),
                            upper: if upper.is_empty() { "heads".to_owned() } else { upper.to_owned() },
                        });
                    }
                    selected.intersect_with(&self.closure(&lower_revs, &self.children));
                }
                selected
            }
        };

        let mut labels: Vec<(&'a str, usize)> = self.labels.iter().map(|(l, &i)| (*l, i)).collect();
        labels.sort_unstable();
        let label_members: Vec<(&'a str, _)> =
            labels.into_iter().map(|(label, i)| (label, self.closure(&[i], &self.children))).collect();

        let entries = self
            .topo
            .iter()
            .rev()
            .copied()
            .filter(|&i| selected.contains(i))
            .map(|i| HistoryEntry {
                revision: self.revs[i],
                applied: applied.contains(i),
                current: rows.contains(&i),
                head: self.children.of(i).is_empty(),
                base: self.parents.of(i).is_empty(),
                branch_point: self.children.of(i).len() > 1,
                merge_point: self.parents.of(i).len() > 1,
                branch_labels: label_members.iter().filter(|(_, m)| m.contains(i)).map(|(l, _)| *l).collect(),
            })
            .collect();
        Ok(History { entries })
    }
}
