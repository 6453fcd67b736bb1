//! The typed AST of one `migration!` invocation.

use proc_macro2::Span;

use crate::error::SpanRange;
use crate::ops::dsl::Expr;
use crate::ops::TransactionMode;
use crate::parse::Spans;

/// A string literal's value and where it is.
#[derive(Debug, Clone)]
pub struct Lit {
    pub value: String,
    pub span: Span,
}

/// `parent: "id"`, `parents: ["a", "b"]` or `parent: none`.
#[derive(Debug, Clone)]
pub enum Parents {
    Root,
    One(Lit),
    Many(Vec<Lit>, SpanRange),
}

/// A duration header value (`lock_timeout: "2s"`) in milliseconds, and where it is.
#[derive(Debug, Clone, Copy)]
pub struct DurationLit {
    pub ms: u32,
    pub span: Span,
}

/// `#[allow(rule_a, rule_b, reason = "..")]`.
#[derive(Debug, Clone)]
pub struct Allow {
    /// Rule ids as written (snake_case), with their spans.
    pub rules: Vec<(String, Span)>,
    pub reason: Option<String>,
    /// The whole attribute.
    pub span: SpanRange,
}

/// One op statement and the allows written above it.
#[derive(Debug, Clone)]
pub struct Stmt {
    pub allows: Vec<Allow>,
    pub expr: Expr,
}

/// `up { .. }` or `down { .. }`.
#[derive(Debug, Clone)]
pub struct Block {
    pub keyword: Span,
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
    pub revision: Option<Lit>,
    pub parents: Option<Parents>,
    pub branch_labels: Vec<Lit>,
    pub depends_on: Vec<Lit>,
    pub transaction: Option<(TransactionMode, Span)>,
    /// `lock_timeout: "2s"`: each attempt's lock wait for this revision.
    pub lock_timeout: Option<DurationLit>,
    /// `statement_timeout: "30s"`: the `statement_timeout` of this revision's lock-holding statements.
    pub statement_timeout: Option<DurationLit>,
    /// `lock_retries: 5`: the retries of the configured schedule this revision keeps.
    pub lock_retries: Option<(u16, Span)>,
    pub up: Option<Block>,
    pub down: Option<Block>,
    pub irreversible: Option<Span>,
    /// The first token, where errors about a missing part point.
    pub anchor: Span,
    pub spans: Spans,
}

impl Migration {
    pub fn transaction_mode(&self) -> TransactionMode {
        self.transaction.map(|(mode, _)| mode).unwrap_or_default()
    }
}
