//! The evaluation context: argument readers and the wording of every evaluation error.
//!
//! Every reader takes `what` (the role of the argument, e.g. "the table name") so that an error
//! says which argument is wrong and what to write instead.

use super::expr::{DslError, Expr, ExprKind, SpanId};

/// A call or method call, seen the same way: a name and its arguments.
#[derive(Debug, Clone, Copy)]
pub(super) struct Call<'a> {
    pub name: &'a str,
    pub name_span: SpanId,
    pub args: &'a [Expr],
    /// The whole call, receiver included for a method.
    pub span: SpanId,
}

/// `head(..).m1(..).m2(..)` flattened: the head call and its methods in written order.
#[derive(Debug, Clone)]
pub(super) struct Chain<'a> {
    pub head: Call<'a>,
    pub methods: Vec<Call<'a>>,
}

impl<'a> Chain<'a> {
    /// Flattens a method chain; `None` when its root is not a call (a literal, a list, a word).
    pub fn of(expr: &'a Expr) -> Option<Self> {
        let mut methods = Vec::new();
        let mut node = expr;
        loop {
            match &node.kind {
                ExprKind::Method { receiver, name, name_span, args } => {
                    methods.push(Call { name, name_span: *name_span, args, span: node.span });
                    node = receiver;
                }
                ExprKind::Call { name, name_span, args } => {
                    methods.reverse();
                    let head = Call { name, name_span: *name_span, args, span: node.span };
                    return Some(Chain { head, methods });
                }
                _ => return None,
            }
        }
    }
}

/// Collects errors while an op is evaluated.
pub(super) struct Cx<'e> {
    pub errors: &'e mut Vec<DslError>,
}

impl Cx<'_> {
    pub fn err(&mut self, span: SpanId, message: impl Into<String>) {
        self.errors.push(DslError { span, message: message.into() });
    }

    /// The number of errors so far, to tell whether evaluating one op added any.
    pub fn mark(&self) -> usize {
        self.errors.len()
    }

    /// The call's arguments when there are exactly `N`; otherwise an error quoting `usage`.
    pub fn args<'a, const N: usize>(&mut self, call: &Call<'a>, usage: &str) -> Option<&'a [Expr; N]> {
        match <&[Expr; N]>::try_from(call.args) {
            Ok(args) => Some(args),
            Err(_) => {
                let found = match call.args.len() {
                    0 => "no arguments".to_string(),
                    1 => "1 argument".to_string(),
                    n => format!("{n} arguments"),
                };
                self.err(call.span, format!("`{}` takes {}; write `{usage}` (found {found})", call.name, count(N)));
                None
            }
        }
    }

    /// A method without arguments, like `.not_null()`; false (and an error) when given some.
    pub fn flag(&mut self, call: &Call<'_>) -> bool {
        self.args::<0>(call, &format!(".{}()", call.name)).is_some()
    }

    /// A method with one string argument, like `.comment("..")`.
    pub fn arg_string(&mut self, m: &Call<'_>, usage: &str, what: &str) -> Option<String> {
        let [e] = self.args(m, usage)?;
        self.string(e, what)
    }

    /// A method with one list-of-strings argument, like `.include(["a"])`.
    pub fn arg_strings(&mut self, m: &Call<'_>, usage: &str, what: &str) -> Option<Vec<String>> {
        let [e] = self.args(m, usage)?;
        self.strings(e, what)
    }

    /// A method with one integer argument, like `.start(1)`.
    pub fn arg_int(&mut self, m: &Call<'_>, usage: &str, what: &str) -> Option<i64> {
        let [e] = self.args(m, usage)?;
        self.int(e, what)
    }

    /// A method with one non-negative integer argument, like `.batch_size(1000)`.
    pub fn arg_u32(&mut self, m: &Call<'_>, usage: &str, what: &str) -> Option<u32> {
        let [e] = self.args(m, usage)?;
        self.u32(e, what)
    }

    pub fn string(&mut self, e: &Expr, what: &str) -> Option<String> {
        match &e.kind {
            ExprKind::Str(s) => Some(s.clone()),
            ExprKind::Ident(name) => {
                self.err(
                    e.span,
                    format!(
                        "expected a string literal for {what}, found `{name}`; `migration!` evaluates its ops at compile time, so write the text itself, e.g. `\"{name}\"`"
                    ),
                );
                None
            }
            _ => {
                self.err(e.span, format!("expected a string literal for {what}, found {}", e.describe()));
                None
            }
        }
    }

    pub fn strings(&mut self, e: &Expr, what: &str) -> Option<Vec<String>> {
        self.list(e, what, |cx, item| cx.string(item, what))
    }

    /// `[a, b, ..]`, each item read by `item`; `None` if the list or any item is wrong.
    pub fn list<T>(
        &mut self,
        e: &Expr,
        what: &str,
        mut item: impl FnMut(&mut Self, &Expr) -> Option<T>,
    ) -> Option<Vec<T>> {
        let ExprKind::Array(items) = &e.kind else {
            self.err(e.span, format!("expected a list `[..]` for {what}, found {}", e.describe()));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for i in items {
            match item(self, i) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    pub fn int(&mut self, e: &Expr, what: &str) -> Option<i64> {
        match &e.kind {
            ExprKind::Int(i) => Some(*i),
            _ => {
                self.err(e.span, format!("expected an integer literal for {what}, found {}", e.describe()));
                None
            }
        }
    }

    pub fn u32(&mut self, e: &Expr, what: &str) -> Option<u32> {
        let i = self.int(e, what)?;
        match u32::try_from(i) {
            Ok(v) => Some(v),
            Err(_) => {
                self.err(e.span, format!("{what} must be between 0 and {}, found {i}", u32::MAX));
                None
            }
        }
    }

    /// One of a fixed set of bare words (`Cascade`, `Gin`, `Range`), with suggestions.
    pub fn word<T: Copy>(&mut self, e: &Expr, what: &str, words: &[(&str, T)]) -> Option<T> {
        let names: Vec<&str> = words.iter().map(|(n, _)| *n).collect();
        match &e.kind {
            ExprKind::Ident(name) => match words.iter().find(|(n, _)| n == name) {
                Some((_, v)) => Some(*v),
                None => {
                    self.unknown(e.span, what, name, &names);
                    None
                }
            },
            _ => {
                self.err(e.span, format!("expected {what}, one of {}; found {}", list_names(&names), e.describe()));
                None
            }
        }
    }

    /// `unknown {what} `name``, naming the closest valid words (or all of them when none is close).
    pub fn unknown(&mut self, span: SpanId, what: &str, name: &str, candidates: &[&str]) {
        self.err(span, unknown_message(what, name, "", candidates, ""));
    }

    /// An unknown method of op (or builder) `of`.
    pub fn unknown_method(&mut self, m: &Call<'_>, of: &str, methods: &[&str]) {
        self.err(m.name_span, unknown_message("method", m.name, &format!(" of `{of}`"), methods, "."));
    }
}

/// The message for an unknown word: `unknown {what} `name`{of}; did you mean ..`, where
/// `prefix` is printed before each name (`.` for methods).
fn unknown_message(what: &str, name: &str, of: &str, candidates: &[&str], prefix: &str) -> String {
    let close = closest(name, candidates);
    if close.is_empty() {
        let all: Vec<String> = candidates.iter().map(|c| format!("`{prefix}{c}`")).collect();
        format!("unknown {what} `{prefix}{name}`{of}; expected one of {}", all.join(", "))
    } else {
        let close: Vec<String> = close.iter().map(|c| format!("`{prefix}{c}`")).collect();
        format!("unknown {what} `{prefix}{name}`{of}; did you mean {}?", close.join(" or "))
    }
}

fn count(n: usize) -> String {
    match n {
        0 => "no arguments".into(),
        1 => "1 argument".into(),
        n => format!("{n} arguments"),
    }
}

fn list_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The candidates closest to `name` by edit distance (at most three, best first), counting only
/// those within a third of the name's length, so that a typo finds its word and nonsense finds none.
pub fn closest<'c>(name: &str, candidates: &[&'c str]) -> Vec<&'c str> {
    let lower = name.to_ascii_lowercase();
    let limit = (name.len() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    if let Some(&(best, _)) = scored.first() {
        scored.retain(|(d, _)| *d == best || *d <= 1);
    }
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Levenshtein distance over bytes (DSL words are ASCII).
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
