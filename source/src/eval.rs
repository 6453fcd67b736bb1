//! Phase 2: op statements → ops, through `ops::dsl`, the same evaluator `core` compiles.

use crate::error::Errors;
use crate::ops::dsl::eval_op;
use crate::ops::Op;
use crate::parse::{Block, Migration};

/// The ops of `up` and `down`, aligned with their statements; `None` where a statement did not evaluate.
pub struct Evaluated {
    /// The ops of `up`, one per statement.
    pub up: Vec<Option<Op>>,
    /// The ops of `down`, if written.
    pub down: Option<Vec<Option<Op>>>,
}

impl Evaluated {
    /// Whether every statement of `up` (and `down`) parsed and evaluated, which the checks that
    /// compare ops by position (pairing) need to avoid reporting a consequence of another error.
    pub fn complete(&self, m: &Migration) -> bool {
        let block_ok = |b: &Option<Block>| b.as_ref().is_none_or(|b| b.complete);
        block_ok(&m.up) && block_ok(&m.down) && self.up.iter().chain(self.down.iter().flatten()).all(Option::is_some)
    }

    /// The up ops that evaluated.
    pub fn up_ops(&self) -> Vec<Op> {
        self.up.iter().flatten().cloned().collect()
    }
}

/// Evaluates every statement of `up` and `down`, recording errors at their tokens.
pub fn evaluate(m: &Migration, errors: &mut Errors) -> Evaluated {
    let mut block = |b: &Block| -> Vec<Option<Op>> {
        b.stmts
            .iter()
            .map(|stmt| {
                let mut dsl_errors = Vec::new();
                let op = eval_op(&stmt.expr, &mut dsl_errors);
                for e in &dsl_errors {
                    errors.at(m.spans.get(e.span), &e.message);
                }
                op.filter(|_| dsl_errors.is_empty())
            })
            .collect()
    };
    let up = m.up.as_ref().map(&mut block).unwrap_or_default();
    let down = m.down.as_ref().map(&mut block);
    Evaluated { up, down }
}
