//! Everything that can be wrong with a revision graph or a target in it.

use super::plan::Direction;

/// A broken revision graph, or a target that does not resolve in it.
///
/// Every variant carries the ids involved so that callers can point at them; the message ends
/// with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// A revision id that targets could not name unambiguously.
    #[error("revision id `{id}` {reason}; give the revision another id")]
    InvalidId {
        /// The id.
        id: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A revision other than a merge has nothing to apply.
    #[error("revision {rev} ({place}) has an empty `up`, so applying it would change nothing yet record it as applied; write its ops, or delete it (only a merge may be empty)")]
    EmptyUp {
        /// The revision.
        rev: String,
        /// Where it is written (`file:line`).
        place: String,
    },
    /// Two revisions share an id.
    #[error("revision id {id} is defined twice; give one of the two revisions a new id")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A revision names a parent that does not exist.
    #[error(
        "revision {rev} names parent {parent}, which does not exist; fix its `parent:` or add the missing revision"
    )]
    UnknownParent {
        /// The revision naming the parent.
        rev: String,
        /// The missing parent.
        parent: String,
    },
    /// A revision depends on something that is neither a revision nor a branch label.
    #[error(
        "revision {rev} depends on {dependency}, which is neither a revision id nor a branch label; fix its `depends_on:`"
    )]
    UnknownDependency {
        /// The revision declaring the dependency.
        rev: String,
        /// The missing dependency.
        dependency: String,
    },
    /// Revisions reach themselves through their parents and dependencies.
    #[error("revisions form a cycle ({}); point one of them at an earlier revision", cycle_text(revisions))]
    Cycle {
        /// The revisions on the cycle, each followed by its parent or dependency on the cycle.
        revisions: Vec<String>,
    },
    /// Two revisions declare the same branch label.
    #[error("branch label `{label}` is declared by both {first} and {second}; rename one of them")]
    BranchLabelDuplicate {
        /// The label.
        label: String,
        /// The first revision declaring it.
        first: String,
        /// The second revision declaring it.
        second: String,
    },
    /// A branch label that targets could not name unambiguously.
    #[error("branch label `{label}` of revision {rev} {reason}; rename the label")]
    InvalidLabel {
        /// The label.
        label: String,
        /// The revision declaring it.
        rev: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A target that needs one revision matches several heads.
    #[error(
        "`{target}` matches several heads ({}); use `heads` for all of them, `<label>@head` or a revision id for one, or join them with `merge`",
        heads.join(", ")
    )]
    MultipleHeads {
        /// The heads matched.
        heads: Vec<String>,
        /// The target as written.
        target: String,
    },
    /// A prefix matches several revision ids.
    #[error("`{prefix}` is the start of several revision ids ({}); give more characters", candidates.join(", "))]
    AmbiguousPrefix {
        /// The prefix as written.
        prefix: String,
        /// The ids it matches.
        candidates: Vec<String>,
    },
    /// A prefix too short to look up.
    #[error("no revision is named `{prefix}`, and prefixes need at least 4 characters; give more characters")]
    PrefixTooShort {
        /// The prefix as written.
        prefix: String,
    },
    /// Nothing matches a target.
    #[error("no revision or branch label matches `{target}`; run `history` to list the revisions")]
    UnknownRevision {
        /// The target as written.
        target: String,
    },
    /// `label@...` with a label that is neither a branch label nor a revision.
    #[error("no branch label or revision matches `{label}`; run `branches` to list the branch labels")]
    UnknownBranch {
        /// The label as written.
        label: String,
    },
    /// `label@rev` where the revision is not on that branch.
    #[error("revision {rev} is not on branch `{label}`; name a revision of that branch or drop the `{label}@` prefix")]
    NotOnBranch {
        /// The revision.
        rev: String,
        /// The branch label.
        label: String,
    },
    /// A target that names a state (`base`, `current`, a bare `+N`) where a revision is needed.
    #[error("`{target}` does not name a single revision here; give a revision id, a prefix of one, or `<label>@head`")]
    NotARevision {
        /// The target as written.
        target: String,
    },
    /// The version table holds a revision the graph does not know.
    #[error(
        "the version table holds revision {id}, which this binary does not contain; link the migrations crate that defines it, or reset the table with `stamp`"
    )]
    UnknownVersionRow {
        /// The row.
        id: String,
    },
    /// A relative target walks off the end of the graph.
    #[error("`{target}` needs {steps} step(s) but only {available} exist in that direction; use a smaller number")]
    RelativeOutOfRange {
        /// The target as written.
        target: String,
        /// Steps asked for.
        steps: usize,
        /// Steps that exist.
        available: usize,
    },
    /// A relative target reaches a branch point or merge point where it cannot choose.
    #[error(
        "`{target}` cannot walk past {at}: it leads to several revisions ({}); name the revision to go to instead",
        candidates.join(", ")
    )]
    AmbiguousWalk {
        /// The target as written.
        target: String,
        /// Where the walk stopped (`base` before the first revision).
        at: String,
        /// The revisions it could go on to.
        candidates: Vec<String>,
    },
    /// A target relative to the current revision, with several current revisions.
    #[error(
        "`{target}` is relative to the current revision, but the database is at several ({}); use `<label>@{target}` or a revision id",
        current.join(", ")
    )]
    AmbiguousCurrent {
        /// The target as written.
        target: String,
        /// The current revisions it could start from.
        current: Vec<String>,
    },
    /// `upgrade -1` or `downgrade +1`.
    #[error("`{target}` cannot be a {direction} target; use `+N` to upgrade and `-N` to downgrade")]
    WrongDirection {
        /// The target as written.
        target: String,
        /// The direction asked for.
        direction: Direction,
    },
    /// A downgrade to a revision that is not applied.
    #[error("cannot downgrade to {rev} (`{target}`): it is not applied; run `current` to see where the database is")]
    NotApplied {
        /// The target as written.
        target: String,
        /// The revision it resolved to.
        rev: String,
    },
    /// A `FROM:TO` range where a single target is expected.
    #[error("`{target}` is a range, which only offline plans (`--sql`) and `history -r` accept; give a single target")]
    RangeNotAllowed {
        /// The target as written.
        target: String,
    },
    /// A malformed `FROM:TO` range.
    #[error("`{range}` is not a range; write it as `FROM:TO`, e.g. `base:head` or `ae10:current`")]
    InvalidRange {
        /// The range as written.
        range: String,
    },
    /// A range whose lower end is not below its upper end.
    #[error("in `{range}`, {lower} is not an ancestor of {upper}; swap the two ends or pick revisions of one branch")]
    RangeNotAncestor {
        /// The range as written.
        range: String,
        /// The lower end's revision.
        lower: String,
        /// The upper end.
        upper: String,
    },
}

fn cycle_text(revisions: &[String]) -> String {
    let mut text = revisions.join(" -> ");
    if let Some(first) = revisions.first() {
        text.push_str(" -> ");
        text.push_str(first);
    }
    text
}
