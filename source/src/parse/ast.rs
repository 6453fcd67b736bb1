//! The typed AST of one `migration!` invocation.

use proc_macro2::Span;

use crate::error::SpanRange;
use crate::ops::dsl::Expr;
use crate::ops::TransactionMode;
use crate::parse::Spans;

/// A string literal's value and where it is.
#[derive(Debug, Clone)]
pub struct Lit {
    /// The value.
    pub value: String,
    /// Where it is written.
    pub span: Span,
}

/// `parent: "id"`, `parents: ["a", "b"]` or `parent: none`.
#[derive(Debug, Clone)]
pub enum Parents {
    /// `parent: none`.
    Root,
    /// `parent: "id"`.
    One(Lit),
    /// `parents: ["a", "b"]`, and the brackets' range.
    Many(Vec<Lit>, SpanRange),
}

/// A duration header value (`lock_timeout: "2s"`) in milliseconds, and where it is.
#[derive(Debug, Clone, Copy)]
pub struct DurationLit {
    pub ms: u32,
    /// Where it is written.
    pub span: Span,
}

/// `#[allow(rule_a, rule_b, reason = "..")]`.
#[derive(Debug, Clone)]
pub struct Allow {
    /// Rule ids as written (snake_case), with their spans.
    pub rules: Vec<(String, Span)>,
    /// The `reason = ".."`, if given.
    pub reason: Option<String>,
    /// The whole attribute.
    pub span: SpanRange,
}

/// One op statement and the allows written above it.
#[derive(Debug, Clone)]
pub struct Stmt {
    /// The allows written above the op.
    pub allows: Vec<Allow>,
    /// The op expression.
    pub expr: Expr,
}

/// `up { .. }` or `down { .. }`.
#[derive(Debug, Clone)]
pub struct Block {
    /// The `up` or `down` keyword.
    pub keyword: Span,
    /// The op statements (none after a header-only parse).
    pub stmts: Vec<Stmt>,
    /// Whether every statement parsed; a block with a syntax error is not checked for pairing.
    pub complete: bool,
    /// Statements counted but not parsed ([`crate::parse::parse_header`]); 0 after a full parse.
    pub unparsed: usize,
}

/// One `migration! { .. }`.
#[derive(Debug)]
pub struct Migration {
    /// The doc comment, one line per `///`.
    pub doc: Vec<String>,
    /// Allows before `revision:`, for the whole revision.
    pub allows: Vec<Allow>,
    /// `revision: ".."`.
    pub revision: Option<Lit>,
    /// `parent:` or `parents:`.
    pub parents: Option<Parents>,
    /// `branch_label:` / `branch_labels:`.
    pub branch_labels: Vec<Lit>,
    /// `depends_on:`.
    pub depends_on: Vec<Lit>,
    /// `transaction:`, and where.
    pub transaction: Option<(TransactionMode, Span)>,
    /// `lock_timeout: "2s"`: each attempt's lock wait for this revision.
    pub lock_timeout: Option<DurationLit>,
    /// `statement_timeout: "30s"`: the `statement_timeout` of this revision's lock-holding statements.
    pub statement_timeout: Option<DurationLit>,
    /// `lock_retries: 5`: the retries of the configured schedule this revision keeps.
    pub lock_retries: Option<(u16, Span)>,
    /// `up { .. }`.
    pub up: Option<Block>,
    /// `down { .. }`.
    pub down: Option<Block>,
    /// `irreversible`, if written.
    pub irreversible: Option<Span>,
    /// The first token, where errors about a missing part point.
    pub anchor: Span,
    /// The ranges behind the op expressions' span ids.
    pub spans: Spans,
}

impl Migration {
    /// The transaction mode, the default when not given.
    pub fn transaction_mode(&self) -> TransactionMode {
        self.transaction.map(|(mode, _)| mode).unwrap_or_default()
    }
}
