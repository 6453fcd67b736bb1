//! The safety rules of `crate::safety` as compile errors (and warnings), unless allowed with a reason.

use super::locate;
use crate::error::{msg, Errors, SpanRange};
use crate::eval::Evaluated;
use crate::ops::Op;
use crate::parse::{Allow, Migration, Stmt};
use crate::safety::{check_down, check_in, find_rule, Finding, Rule, Severity};
use retort_source::objects::Facts;
use retort_source::project::Project;

/// A finding of a warning rule, which the expansion turns into a compiler warning.
pub(crate) struct Warning {
    pub rule: &'static Rule,
    pub message: String,
    pub range: SpanRange,
}

/// `facts` is what the chain's model says about the revision (empty outside `migrations!()`);
/// `project` turns rules off, or all of them for a revision before its `start_after`.
pub(crate) fn check(
    m: &Migration,
    ev: &Evaluated,
    facts: &Facts,
    project: &Project,
    errors: &mut Errors,
) -> Vec<Warning> {
    let stmts: Vec<_> = m.up.iter().flat_map(|b| &b.stmts).collect();
    let down_allows = m.down.iter().flat_map(|b| b.stmts.iter().flat_map(|s| &s.allows));
    for allow in m.allows.iter().chain(stmts.iter().flat_map(|s| &s.allows)).chain(down_allows) {
        allow_wellformed(allow, errors);
    }
    // A malformed allow is reported already; the findings it meant to allow would only repeat it.
    let revision_ok = m.allows.iter().all(valid);
    // Findings index the evaluated ops; map them back to statements.
    let evaluated: Vec<usize> = ev.up.iter().enumerate().filter(|(_, op)| op.is_some()).map(|(i, _)| i).collect();
    let mut warnings = Vec::new();
    let checked = |finding: &Finding| !facts.adopted && project.checks(finding.rule);
    for finding in check_in(&ev.up_ops(), m.transaction_mode(), &facts.preexisting).into_iter().filter(checked) {
        let Some(stmt) = evaluated.get(finding.op_index).and_then(|&i| stmts.get(i)) else { continue };
        report(m, stmt, &finding, revision_ok, errors, &mut warnings);
    }
    // The downgrade, written or derived, is held to the upgrade's standard. A derived op is
    // reported at the `up` statement it undoes.
    let down: Vec<(Op, &Stmt)> = match &m.down {
        Some(block) => block
            .stmts
            .iter()
            .zip(ev.down.iter().flatten())
            .filter_map(|(stmt, op)| op.clone().map(|op| (op, stmt)))
            .collect(),
        None if m.irreversible.is_none() => stmts
            .iter()
            .zip(&ev.up)
            .rev()
            .filter_map(|(stmt, op)| match op.as_ref().map(Op::reverse) {
                Some(Ok(Some(inverse))) => Some((inverse, *stmt)),
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    };
    let down_ops: Vec<Op> = down.iter().map(|(op, _)| op.clone()).collect();
    for finding in check_down(&ev.up_ops(), &down_ops).into_iter().filter(checked) {
        let Some((_, stmt)) = down.get(finding.op_index) else { continue };
        report(m, stmt, &finding, revision_ok, errors, &mut warnings);
    }
    warnings
}

/// Reports a finding at its statement, unless the revision or the statement allows its rule.
fn report(
    m: &Migration,
    stmt: &Stmt,
    finding: &Finding,
    revision_ok: bool,
    errors: &mut Errors,
    warnings: &mut Vec<Warning>,
) {
    let Some(rule) = find_rule(finding.rule) else { return };
    // Rules that cannot be allowed have their own checks with their own messages.
    if !rule.allowable {
        return;
    }
    if !revision_ok || !stmt.allows.iter().all(valid) || allowed(&m.allows, rule) || allowed(&stmt.allows, rule) {
        return;
    }
    let column = finding.subject.as_deref().filter(|_| finding.focus == Some("column"));
    let range = column
        .and_then(|name| locate::column_type(&m.spans, &stmt.expr, name))
        .or_else(|| finding.focus.and_then(|word| locate::word(&m.spans, &stmt.expr, word)))
        .unwrap_or_else(|| locate::head(&m.spans, &stmt.expr));
    let message = msg::finding(rule, finding);
    match rule.severity {
        Severity::Error => errors.at(range, message),
        Severity::Warning => warnings.push(Warning { rule, message, range }),
    }
}

fn allowed(allows: &[Allow], rule: &Rule) -> bool {
    let name = rule.allow_name();
    allows
        .iter()
        .any(|a| a.reason.as_deref().is_some_and(|r| !r.trim().is_empty()) && a.rules.iter().any(|(r, _)| *r == name))
}

fn valid(allow: &Allow) -> bool {
    let rules_ok = allow.rules.iter().all(|(name, _)| find_rule(name).is_some_and(|r| r.allowable));
    !allow.rules.is_empty() && rules_ok && allow.reason.as_deref().is_some_and(|r| !r.trim().is_empty())
}

fn allow_wellformed(allow: &Allow, errors: &mut Errors) {
    let names: Vec<&str> = allow.rules.iter().map(|(r, _)| r.as_str()).collect();
    if names.is_empty() {
        errors.at(allow.span, "an allow names the rule it accepts: `#[allow(rule_id, reason = \"..\")]`");
    } else if allow.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        errors.at(allow.span, msg::allow_without_reason(&names.join(", ")));
    }
    for (name, span) in &allow.rules {
        match find_rule(name) {
            Some(rule) if !rule.allowable => errors.at(SpanRange::single(*span), msg::not_allowable(rule)),
            Some(_) => {}
            None => errors.at(SpanRange::single(*span), msg::unknown_rule(name)),
        }
    }
}
