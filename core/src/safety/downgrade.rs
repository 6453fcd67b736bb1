//! `careless-downgrade`: a downgrade is held to its upgrade's standard. When the upgrade treated
//! a table as busy (built or dropped an index on it concurrently, added a constraint `NOT VALID`
//! or from an index built beforehand), the downgrade, written or derived, must not build or drop
//! an index on that table under its lock.

use std::collections::BTreeSet;

use super::catalogue::CARELESS_DOWNGRADE;
use super::check::{unwrap, Finding};
use crate::ops::{ConstraintKind, Op};

/// The findings of the downgrade ops `down` (written, or derived: the inverses of `up`, last
/// first) of a revision whose upgrade is `up`. `op_index` indexes `down`.
pub fn check_down(up: &[Op], down: &[Op]) -> Vec<Finding> {
    let busy = busy_tables(up);
    let mut findings = Vec::new();
    for (i, op) in down.iter().enumerate() {
        let what = match unwrap(op) {
            Op::CreateIndex(ix) if !ix.concurrently && busy.contains(ix.table.as_str()) => format!(
                "the downgrade builds `{}` on `{}` without `.concurrently()`, a table the upgrade took care not to block",
                ix.name, ix.table
            ),
            Op::DropIndex(ix) if !ix.concurrently && ix.table.as_deref().is_some_and(|t| busy.contains(t)) => format!(
                "the downgrade drops `{}` without `.concurrently()`, on a table the upgrade took care not to block",
                ix.name
            ),
            Op::DropConstraint(d) if busy.contains(d.table.as_str()) => match d.definition.as_ref().map(|c| &c.kind) {
                Some(
                    ConstraintKind::Unique { using_index: Some(ix), .. }
                    | ConstraintKind::PrimaryKey { using_index: Some(ix), .. },
                ) => format!(
                    "the downgrade drops `{}` and rebuilds its index `{ix}` on `{}` under the table's lock \
                     (the inverse of `using_index(..)`)",
                    d.name, d.table
                ),
                _ => continue,
            },
            _ => continue,
        };
        findings.push(Finding::new(&CARELESS_DOWNGRADE, i, what));
    }
    findings
}

/// The tables `up` takes care not to block.
fn busy_tables(up: &[Op]) -> BTreeSet<&str> {
    let mut busy = BTreeSet::new();
    for op in up {
        match unwrap(op) {
            Op::CreateIndex(ix) if ix.concurrently => {
                busy.insert(ix.table.as_str());
            }
            Op::DropIndex(ix) if ix.concurrently => busy.extend(ix.table.as_deref()),
            Op::AddConstraint(a) => {
                let careful = a.not_valid
                    || matches!(
                        a.constraint.kind,
                        ConstraintKind::Unique { using_index: Some(_), .. }
                            | ConstraintKind::PrimaryKey { using_index: Some(_), .. }
                    );
                if careful {
                    busy.insert(a.table.as_str());
                }
            }
            Op::ValidateConstraint(v) => {
                busy.insert(v.table.as_str());
            }
            Op::DetachPartition(p) if p.concurrently => {
                busy.insert(p.parent.as_str());
            }
            _ => {}
        }
    }
    busy
}
