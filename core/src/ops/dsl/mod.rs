//! The `migration!` DSL's op expressions as a small tree, and their evaluation into [`Op`]s.
//!
//! The macro parses Rust tokens into [`Expr`] (keeping a span id on every node), and this module
//! turns them into ops through the very builder methods library users call. Evaluation lives
//! here, not in the macro, so there is one definition of what each DSL word means. Each op
//! family has its own file; `eval.rs` holds the table of op words and `cx.rs` the argument
//! readers that word every error the same way.
//!
//! [`Op`]: crate::ops::Op

mod column;
mod constraint;
mod cx;
mod data;
mod eval;
mod expr;
mod index;
mod objects;
mod partition;
mod table;
#[cfg(test)]
mod tests;
mod view;
mod words;

pub use cx::closest;
pub use eval::{eval_op, OP_WORDS};
pub use expr::{DslError, Expr, ExprKind, SpanId};
