//! Transaction mode: an op that cannot run inside a transaction needs `transaction: none`.

use super::locate;
use crate::error::{msg, Errors};
use crate::eval::Evaluated;
use crate::ops::TransactionMode;
use crate::parse::Migration;

pub(crate) fn check(m: &Migration, ev: &Evaluated, errors: &mut Errors) {
    if m.transaction_mode() == TransactionMode::None {
        return;
    }
    let up = m.up.iter().flat_map(|b| &b.stmts).zip(&ev.up);
    let down = m.down.iter().flat_map(|b| &b.stmts).zip(ev.down.iter().flatten());
    for (stmt, op) in up.chain(down) {
        let Some(op) = op.as_ref().filter(|op| op.requires_no_transaction()) else { continue };
        let range =
            locate::word(&m.spans, &stmt.expr, "concurrently").unwrap_or_else(|| locate::head(&m.spans, &stmt.expr));
        errors.at(range, msg::needs_no_transaction(op.kind()));
    }
}
