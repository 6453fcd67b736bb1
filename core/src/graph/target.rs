//! Targets: parsing `label@rev+N` and friends, and resolving them against the graph.
//!
//! Grammar (Alembic's): `[LABEL@](head | heads | base | current | REV | [SYMBOL](+|-)N)`, where
//! REV is a full id, a unique prefix of at least 4 characters or a branch label, and LABEL is a
//! branch label or a revision standing for its branch. A target spelled exactly like an id or a
//! label always means that id or label, so a label such as `feature-2` is never read as
//! `feature` minus two.

use super::bitset::BitSet;
use super::build::RevisionGraph;
use super::plan::Direction;
use super::GraphError;

/// Splits an offline range `FROM:TO` into its ends (either may be empty).
pub fn split_range(spec: &str) -> Option<(&str, &str)> {
    spec.split_once(':')
}

/// A parsed target.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec<'s> {
    /// The target as written, for messages.
    pub(super) text: &'s str,
    /// The `LABEL@` part.
    pub(super) branch: Option<Branch<'s>>,
    /// The rest.
    pub(super) kind: Kind<'s>,
}

/// The branch a target is restricted to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Branch<'s> {
    /// The label as written.
    pub(super) name: &'s str,
    /// The revision declaring the label (or named instead of one): the branch is it and
    /// everything above it.
    pub(super) rev: usize,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Kind<'s> {
    Head,
    Heads,
    Base,
    Current,
    Rev(&'s str),
    /// `[SYMBOL]+N` (`up`) or `[SYMBOL]-N`; without a symbol, relative to the database.
    Relative {
        symbol: Option<&'s str>,
        up: bool,
        steps: usize,
    },
}

/// What a downgrade keeps and where it starts removing.
#[derive(Debug)]
pub(super) struct DowngradeTarget {
    /// The revision the database ends at; `None` for a base.
    pub(super) keep: Option<usize>,
    /// The lowest revisions to remove: they and everything applied above them go.
    pub(super) roots: Vec<usize>,
}

impl<'a> RevisionGraph<'a> {
    pub(super) fn parse<'s>(&self, text: &'s str) -> Result<Spec<'s>, GraphError> {
        if text.contains(':') {
            return Err(GraphError::RangeNotAllowed { target: text.to_owned() });
        }
        if self.index.contains_key(text) || self.labels.contains_key(text) {
            return Ok(Spec { text, branch: None, kind: Kind::Rev(text) });
        }
        let (branch, rest) = match text.split_once('@') {
            Some((name, rest)) => (Some(self.branch(name)?), rest),
            None => (None, text),
        };
        let kind = match rest {
            "head" => Kind::Head,
            "heads" => Kind::Heads,
            "base" => Kind::Base,
            "current" => Kind::Current,
            "" => return Err(GraphError::UnknownRevision { target: text.to_owned() }),
            _ => relative(rest).unwrap_or(Kind::Rev(rest)),
        };
        Ok(Spec { text, branch, kind })
    }

    fn branch<'s>(&self, name: &'s str) -> Result<Branch<'s>, GraphError> {
        if let Some(&rev) = self.labels.get(name) {
            return Ok(Branch { name, rev });
        }
        match self.lookup(name) {
            Ok(rev) => Ok(Branch { name, rev }),
            Err(GraphError::UnknownRevision { .. } | GraphError::PrefixTooShort { .. }) => {
                Err(GraphError::UnknownBranch { label: name.to_owned() })
            }
            Err(other) => Err(other),
        }
    }

    /// Checks a target as far as it can be checked without the database's state: its syntax,
    /// the revisions, labels and symbols it names, and its direction. `+N` and `-N` without a
    /// symbol count from the database, so only their direction is checked; everything else
    /// fails here exactly as it would when planning.
    pub fn check_target(&self, text: &str, direction: Direction) -> Result<(), GraphError> {
        let spec = self.parse(text)?;
        let nothing = BitSet::new(self.len());
        match (spec.kind, direction) {
            (Kind::Relative { symbol: None, up, .. }, _) if up != (direction == Direction::Upgrade) => {
                Err(GraphError::WrongDirection { target: text.to_owned(), direction })
            }
            (Kind::Relative { symbol: None, .. } | Kind::Current, _) => Ok(()),
            (_, Direction::Upgrade) => self.resolve_set(&spec, &[], &nothing).map(drop),
            (_, Direction::Downgrade) => self.downgrade_target(text, &[], &nothing).map(drop),
        }
    }

    /// One revision for `resolve`: no database state to be relative to.
    pub(super) fn resolve_single(&self, text: &str) -> Result<usize, GraphError> {
        let spec = self.parse(text)?;
        let unknown = || GraphError::UnknownRevision { target: text.to_owned() };
        let not_a_revision = || GraphError::NotARevision { target: text.to_owned() };
        match spec.kind {
            Kind::Head => self.one_head(&spec)?.ok_or_else(unknown),
            Kind::Heads => match self.heads_on(spec.branch).as_slice() {
                [] => Err(unknown()),
                [only] => Ok(*only),
                many => Err(GraphError::MultipleHeads { heads: self.ids(many), target: text.to_owned() }),
            },
            Kind::Base | Kind::Current | Kind::Relative { symbol: None, .. } => Err(not_a_revision()),
            Kind::Rev(rev) => self.lookup_on(rev, spec.branch),
            Kind::Relative { symbol: Some(symbol), up, steps } => {
                let start = self.symbol_start(&spec, symbol)?;
                self.walk(&spec, start, up, steps)?.ok_or_else(not_a_revision)
            }
        }
    }

    /// The revisions an upgrade to `text` must reach (empty for `base`).
    pub(super) fn upgrade_targets(
        &self,
        text: &str,
        rows: &[usize],
        applied: &BitSet,
    ) -> Result<Vec<usize>, GraphError> {
        let spec = self.parse(text)?;
        if let Kind::Relative { symbol: None, up: false, .. } = spec.kind {
            return Err(GraphError::WrongDirection { target: text.to_owned(), direction: Direction::Upgrade });
        }
        self.resolve_set(&spec, rows, applied)
    }

    /// The revisions a target names, relative targets counting from the database state.
    pub(super) fn resolve_set(
        &self,
        spec: &Spec<'_>,
        rows: &[usize],
        applied: &BitSet,
    ) -> Result<Vec<usize>, GraphError> {
        Ok(match spec.kind {
            Kind::Head => self.one_head(spec)?.into_iter().collect(),
            Kind::Heads => self.heads_on(spec.branch),
            Kind::Base => Vec::new(),
            Kind::Current => rows.to_vec(),
            Kind::Rev(rev) => vec![self.lookup_on(rev, spec.branch)?],
            Kind::Relative { symbol, up, steps } => {
                let start = match symbol {
                    Some(symbol) => self.symbol_start(spec, symbol)?,
                    None => self.relative_start(spec, up, steps, rows, applied)?,
                };
                self.walk(spec, start, up, steps)?.into_iter().collect()
            }
        })
    }

    /// What a downgrade to `text` keeps and removes.
    pub(super) fn downgrade_target(
        &self,
        text: &str,
        rows: &[usize],
        applied: &BitSet,
    ) -> Result<DowngradeTarget, GraphError> {
        let spec = self.parse(text)?;
        let branch_anchor = spec.branch.map(|b| b.rev);
        let (keep, anchor) = match spec.kind {
            Kind::Head => (self.one_head(&spec)?, branch_anchor),
            Kind::Heads => match self.heads_on(spec.branch).as_slice() {
                [] => (None, branch_anchor),
                [only] => (Some(*only), branch_anchor),
                many => return Err(GraphError::MultipleHeads { heads: self.ids(many), target: text.to_owned() }),
            },
            // `label@base` removes the branch itself: its first revision and all above it.
            Kind::Base => match spec.branch {
                Some(b) => return Ok(DowngradeTarget { keep: None, roots: vec![b.rev] }),
                None => (None, None),
            },
            Kind::Current => return Ok(DowngradeTarget { keep: None, roots: Vec::new() }),
            Kind::Rev(rev) => (Some(self.lookup_on(rev, spec.branch)?), branch_anchor),
            Kind::Relative { symbol: None, up: true, .. } => {
                return Err(GraphError::WrongDirection { target: text.to_owned(), direction: Direction::Downgrade })
            }
            Kind::Relative { symbol: None, up: false, steps } => {
                let start = self.relative_start(&spec, false, steps, rows, applied)?;
                // Like Alembic, `-N` only winds back the line it starts from.
                (self.walk(&spec, start, false, steps)?, branch_anchor.or(start))
            }
            Kind::Relative { symbol: Some(symbol), up, steps } => {
                let start = self.symbol_start(&spec, symbol)?;
                (self.walk(&spec, start, up, steps)?, branch_anchor)
            }
        };
        let mut roots = match keep {
            Some(k) => self.children.of(k).to_vec(),
            None => self.bases.clone(),
        };
        // Below a branch point, a branch-restricted target leaves the other branches alone.
        if let (Some(anchor), true) = (anchor, roots.len() > 1) {
            let lineage = self.lineage(anchor);
            let kept: Vec<usize> = roots.iter().copied().filter(|&r| lineage.contains(r)).collect();
            if !kept.is_empty() {
                roots = kept;
            }
        }
        Ok(DowngradeTarget { keep, roots })
    }

    /// `label@head` / `head`: the single head, `None` in an empty graph.
    fn one_head(&self, spec: &Spec<'_>) -> Result<Option<usize>, GraphError> {
        match self.heads_on(spec.branch).as_slice() {
            [] => Ok(None),
            [only] => Ok(Some(*only)),
            many => Err(GraphError::MultipleHeads { heads: self.ids(many), target: spec.text.to_owned() }),
        }
    }

    /// The heads, or those of one branch.
    fn heads_on(&self, branch: Option<Branch<'_>>) -> Vec<usize> {
        match branch {
            None => self.heads.clone(),
            Some(b) => {
                let above = self.closure(&[b.rev], &self.children);
                self.heads.iter().copied().filter(|&h| above.contains(h)).collect()
            }
        }
    }

    /// `anchor`, its ancestors and its descendants over parent links: what shares its lineage.
    pub(super) fn lineage(&self, anchor: usize) -> BitSet {
        let mut set = self.closure(&[anchor], &self.children);
        set.union_with(&self.closure(&[anchor], &self.parents));
        set
    }

    /// A revision named inside a target, checked against the target's branch. An ambiguous
    /// prefix is narrowed to the branch before giving up.
    fn lookup_on(&self, rev: &str, branch: Option<Branch<'_>>) -> Result<usize, GraphError> {
        let found = match (self.lookup(rev), branch) {
            (Err(GraphError::AmbiguousPrefix { prefix, candidates }), Some(b)) => {
                let lineage = self.lineage(b.rev);
                let on_branch: Vec<usize> =
                    self.prefix_matches(rev)?.into_iter().filter(|&i| lineage.contains(i)).collect();
                match on_branch.as_slice() {
                    [only] => *only,
                    _ => return Err(GraphError::AmbiguousPrefix { prefix, candidates }),
                }
            }
            (found, _) => found?,
        };
        if let Some(b) = branch {
            if !self.lineage(b.rev).contains(found) {
                return Err(GraphError::NotOnBranch { rev: self.ids[found].to_owned(), label: b.name.to_owned() });
            }
        }
        Ok(found)
    }

    /// Where `SYMBOL+N` starts: `None` for `base`.
    fn symbol_start(&self, spec: &Spec<'_>, symbol: &str) -> Result<Option<usize>, GraphError> {
        match symbol {
            "base" => Ok(None),
            "head" => self
                .one_head(spec)?
                .map(Some)
                .ok_or_else(|| GraphError::UnknownRevision { target: spec.text.to_owned() }),
            "heads" | "current" => Err(GraphError::NotARevision { target: spec.text.to_owned() }),
            rev => self.lookup_on(rev, spec.branch).map(Some),
        }
    }

    /// Where a bare `+N`/`-N` starts: the single current revision (of the branch, with a label);
    /// `None` (before the first revision) when nothing is applied and the walk goes up.
    fn relative_start(
        &self,
        spec: &Spec<'_>,
        up: bool,
        steps: usize,
        rows: &[usize],
        applied: &BitSet,
    ) -> Result<Option<usize>, GraphError> {
        let candidates = match spec.branch {
            None => rows.to_vec(),
            Some(b) => {
                // Going up, the branch may not be started yet: its applied ancestors count.
                // Going down, only the branch's own revisions do.
                let mut set = if up { self.lineage(b.rev) } else { self.closure(&[b.rev], &self.children) };
                set.intersect_with(applied);
                self.tips(&set)
            }
        };
        match candidates.as_slice() {
            [] if up => Ok(None),
            [] => Err(GraphError::RelativeOutOfRange { target: spec.text.to_owned(), steps, available: 0 }),
            [only] => Ok(Some(*only)),
            many => Err(GraphError::AmbiguousCurrent { target: spec.text.to_owned(), current: self.ids(many) }),
        }
    }

    /// Walks `steps` revisions up (children; within the target's branch if it has one) or down
    /// (parents; one step past a root reaches `None`, the base).
    fn walk(&self, spec: &Spec<'_>, start: Option<usize>, up: bool, steps: usize) -> Result<Option<usize>, GraphError> {
        let lineage = if up { spec.branch.map(|b| self.lineage(b.rev)) } else { None };
        let mut at = start;
        for taken in 0..steps {
            let out_of_range =
                || GraphError::RelativeOutOfRange { target: spec.text.to_owned(), steps, available: taken };
            let next: &[usize] = match (up, at) {
                (true, Some(i)) => self.children.of(i),
                (true, None) => &self.bases,
                (false, Some(i)) => self.parents.of(i),
                (false, None) => return Err(out_of_range()),
            };
            let next: Vec<usize> =
                next.iter().copied().filter(|&c| lineage.as_ref().is_none_or(|l| l.contains(c))).collect();
            at = match next.as_slice() {
                [] if up => return Err(out_of_range()),
                [] => None,
                [only] => Some(*only),
                many => {
                    return Err(GraphError::AmbiguousWalk {
                        target: spec.text.to_owned(),
                        at: at.map_or_else(|| "base".to_owned(), |i| self.ids[i].to_owned()),
                        candidates: self.ids(many),
                    })
                }
            };
        }
        Ok(at)
    }
}

/// `[SYMBOL](+|-)N`, or `None` when `text` does not end in a signed number.
fn relative(text: &str) -> Option<Kind<'_>> {
    let sign = text.rfind(['+', '-'])?;
    let (symbol, number) = (&text[..sign], &text[sign + 1..]);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let steps = number.parse().ok()?;
    let up = text.as_bytes()[sign] == b'+';
    Some(Kind::Relative { symbol: (!symbol.is_empty()).then_some(symbol), up, steps })
}
