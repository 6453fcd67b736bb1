//! Phase 1: tokens → a typed AST ([`Migration`]) that keeps a span for every node.
//!
//! The header and blocks are read by `migration.rs`, attributes by `attr.rs`, and op statements
//! by `expr.rs` into `ops::dsl::Expr` trees whose span ids index [`Spans`].

mod ast;
mod attr;
mod expr;
mod kw;
mod migration;
mod spans;

pub use ast::{Allow, Block, Lit, Migration, Parents, Stmt};
pub use expr::parse_expr;
pub use migration::{parse, parse_header};
pub use spans::Spans;
