//! Allowed findings: the author's `#[allow(rule, reason = "..")]`, as a revision records them.

use super::check::Finding;

/// One allow, as stored in [`Revision::allowed`](crate::Revision): `rule-id: reason` for the
/// whole revision, `rule-id@N: reason` for its up op number `N` (counting from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The rule id, kebab-case.
    pub rule: String,
    /// The op it applies to (0-based index into the up ops); `None` for the whole revision.
    pub op_index: Option<usize>,
    /// Why the author accepts the risk.
    pub reason: String,
}

impl Allow {
    /// Parses the stored form; `None` when it is not one.
    pub fn parse(entry: &str) -> Option<Allow> {
        let (head, reason) = entry.split_once(": ")?;
        let (rule, op_index) = match head.split_once('@') {
            Some((rule, n)) => (rule, Some(n.parse::<usize>().ok()?.checked_sub(1)?)),
            None => (head, None),
        };
        Some(Allow { rule: rule.to_string(), op_index, reason: reason.to_string() })
    }

    /// Whether this allow covers `finding`.
    pub fn covers(&self, finding: &Finding) -> bool {
        self.rule == finding.rule && self.op_index.is_none_or(|i| i == finding.op_index)
    }
}

impl std::fmt::Display for Allow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.op_index {
            Some(i) => write!(f, "{}@{}: {}", self.rule, i + 1, self.reason),
            None => write!(f, "{}: {}", self.rule, self.reason),
        }
    }
}

/// The findings no allow covers.
pub fn unallowed(findings: Vec<Finding>, allows: &[Allow]) -> Vec<Finding> {
    findings.into_iter().filter(|f| !allows.iter().any(|a| a.covers(f))).collect()
}
