//! The invocation's structure: header options, `up`, `down`, `irreversible`.
//!
//! Each header value and each op statement is parsed from its own token slice, so that a
//! mistake in one is recorded and parsing goes on with the next: one invocation reports every
//! mistake, not the first.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Attribute, Ident, LitInt, LitStr, Token};

use super::ast::{Block, DurationLit, Lit, Migration, Parents, Stmt};
use super::attr::classify;
use super::{kw, parse_expr, Spans};
use crate::error::{msg, Errors, SpanRange};
use crate::ops::TransactionMode;

/// Parses one invocation. Recoverable mistakes are recorded in `errors`; `Err` means the input
/// is too broken to go on.
pub fn parse(input: TokenStream, errors: &mut Errors) -> syn::Result<Migration> {
    let anchor = input.clone().into_iter().next().map_or_else(Span::call_site, |t| t.span());
    (|stream: ParseStream<'_>| migration(stream, anchor, Depth::Full, errors)).parse2(input)
}

/// [`parse`] of the header alone: the statements of `up` and `down` are split at their `;` and
/// counted ([`Block::unparsed`]) but not parsed, which is what reading a whole folder of
/// revisions for its graph needs, at a fraction of the cost.
pub fn parse_header(input: TokenStream, errors: &mut Errors) -> syn::Result<Migration> {
    let anchor = input.clone().into_iter().next().map_or_else(Span::call_site, |t| t.span());
    (|stream: ParseStream<'_>| migration(stream, anchor, Depth::Header, errors)).parse2(input)
}

/// How much of an invocation to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    Full,
    Header,
}

fn migration(input: ParseStream<'_>, anchor: Span, depth: Depth, errors: &mut Errors) -> syn::Result<Migration> {
    let mut m = Migration {
        doc: Vec::new(),
        allows: Vec::new(),
        revision: None,
        parents: None,
        branch_labels: Vec::new(),
        depends_on: Vec::new(),
        transaction: None,
        lock_timeout: None,
        statement_timeout: None,
        lock_retries: None,
        up: None,
        down: None,
        irreversible: None,
        anchor,
        spans: Spans::default(),
    };
    let mut seen: Vec<String> = Vec::new();
    loop {
        let (doc, allows) = classify(input.call(Attribute::parse_outer)?, errors);
        m.doc.extend(doc);
        m.allows.extend(allows);
        if input.is_empty() {
            return Ok(m);
        }
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::up) || lookahead.peek(kw::down) || lookahead.peek(kw::irreversible) {
            body(input, &mut m, depth, errors)?;
            return Ok(m);
        }
        let known = [
            lookahead.peek(kw::revision),
            lookahead.peek(kw::parent),
            lookahead.peek(kw::parents),
            lookahead.peek(kw::branch_label),
            lookahead.peek(kw::branch_labels),
            lookahead.peek(kw::depends_on),
            lookahead.peek(kw::transaction),
            lookahead.peek(kw::lock_timeout),
            lookahead.peek(kw::statement_timeout),
            lookahead.peek(kw::lock_retries),
        ];
        if !input.peek(Ident::peek_any) {
            return Err(lookahead.error());
        }
        let key = input.call(Ident::parse_any)?;
        let name = key.to_string();
        input.parse::<Token![:]>()?;
        let value = until_comma(input, errors)?;
        if !known.contains(&true) {
            errors.at(SpanRange::single(key.span()), msg::unknown_option(&name));
            continue;
        }
        let canonical = if name == "parents" { "parent" } else { name.as_str() };
        if seen.iter().any(|s| s == canonical) {
            errors.at(SpanRange::single(key.span()), msg::duplicate_option(&name));
            continue;
        }
        seen.push(canonical.to_string());
        if let Err(e) = field(&name, value, &mut m) {
            errors.push(e);
        }
    }
}

/// The tokens of one header value, up to its `,`. A missing comma is reported where the next
/// option starts, so that the next option is still read.
fn until_comma(input: ParseStream<'_>, errors: &mut Errors) -> syn::Result<TokenStream> {
    let mut value = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        let next_option = input.peek(Ident::peek_any) && input.peek2(Token![:]);
        let next_block = input.peek(kw::up) || input.peek(kw::down) || input.peek(kw::irreversible);
        if !value.is_empty() && (next_option || next_block) {
            errors.at(SpanRange::single(input.span()), "expected `,` before this");
            return Ok(value);
        }
        value.extend([input.parse::<TokenTree>()?]);
    }
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    }
    Ok(value)
}

fn field(name: &str, value: TokenStream, m: &mut Migration) -> syn::Result<()> {
    match name {
        "revision" => m.revision = Some(lit.parse2(value)?),
        "parent" => {
            let parent = |input: ParseStream<'_>| {
                if input.peek(kw::none) {
                    input.parse::<kw::none>()?;
                    Ok(Parents::Root)
                } else {
                    Ok(Parents::One(lit(input)?))
                }
            };
            m.parents = Some(parent.parse2(value)?);
        }
        "parents" => {
            let (list, range) = lit_list.parse2(value)?;
            m.parents = Some(Parents::Many(list, range));
        }
        "branch_label" => m.branch_labels.push(lit.parse2(value)?),
        "branch_labels" => m.branch_labels.extend(lit_list.parse2(value)?.0),
        "depends_on" => {
            let ids = |input: ParseStream<'_>| {
                if input.peek(LitStr) {
                    Ok(vec![lit(input)?])
                } else {
                    Ok(lit_list(input)?.0)
                }
            };
            m.depends_on.extend(ids.parse2(value)?);
        }
        "lock_timeout" => m.lock_timeout = Some(duration(name).parse2(value)?),
        "statement_timeout" => m.statement_timeout = Some(duration(name).parse2(value)?),
        "lock_retries" => {
            let n: LitInt = syn::parse2(value)?;
            let retries = n.base10_parse::<u16>().ok().filter(|r| *r <= MAX_LOCK_RETRIES);
            match retries {
                Some(r) => m.lock_retries = Some((r, n.span())),
                None => return Err(syn::Error::new(n.span(), msg::bad_lock_retries(MAX_LOCK_RETRIES))),
            }
        }
        _ => {
            let mode = |input: ParseStream<'_>| {
                let lookahead = input.lookahead1();
                if lookahead.peek(kw::none) {
                    Ok((TransactionMode::None, input.parse::<kw::none>()?.span))
                } else if lookahead.peek(kw::per_migration) {
                    Ok((TransactionMode::PerMigration, input.parse::<kw::per_migration>()?.span))
                } else {
                    Err(lookahead.error())
                }
            };
            m.transaction = Some(mode.parse2(value)?);
        }
    }
    Ok(())
}

/// At most this many retries (the runner accepts schedules of up to 1000 attempts).
const MAX_LOCK_RETRIES: u16 = 999;

/// PostgreSQL's limit for `lock_timeout` and `statement_timeout` (`INT_MAX` milliseconds).
const MAX_DURATION_MS: u64 = i32::MAX as u64;

/// A duration header value: a string literal such as `"500ms"`, `"2s"`, `"1min"` or `"0"`.
fn duration(key: &str) -> impl FnOnce(ParseStream<'_>) -> syn::Result<DurationLit> + '_ {
    move |input| {
        let s: LitStr = input.parse()?;
        match parse_duration_ms(&s.value()) {
            Some(ms) if ms <= MAX_DURATION_MS => {
                Ok(DurationLit { ms: u32::try_from(ms).unwrap_or(u32::MAX), span: s.span() })
            }
            Some(_) => Err(syn::Error::new(s.span(), msg::duration_too_long(key, &s.value()))),
            None => Err(syn::Error::new(s.span(), msg::bad_duration(key, &s.value()))),
        }
    }
}

/// Whole milliseconds of `"<digits><unit>"` (units `ms`, `s`, `min`), or of `"0"` alone.
fn parse_duration_ms(text: &str) -> Option<u64> {
    if text == "0" {
        return Some(0);
    }
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(digits);
    let factor = match unit {
        "ms" => 1,
        "s" => 1_000,
        "min" => 60_000,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(factor)
}

fn lit(input: ParseStream<'_>) -> syn::Result<Lit> {
    let s: LitStr = input.parse()?;
    Ok(Lit { value: s.value(), span: s.span() })
}

fn lit_list(input: ParseStream<'_>) -> syn::Result<(Vec<Lit>, SpanRange)> {
    let content;
    let bracket = bracketed!(content in input);
    let items = content.parse_terminated(lit, Token![,])?;
    Ok((items.into_iter().collect(), SpanRange { start: bracket.span.open(), end: bracket.span.close() }))
}

/// `up { .. }`, then `down { .. }` or `irreversible`, in any order, commas optional.
fn body(input: ParseStream<'_>, m: &mut Migration, depth: Depth, errors: &mut Errors) -> syn::Result<()> {
    while !input.is_empty() {
        let lookahead = input.lookahead1();
        if lookahead.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        } else if lookahead.peek(kw::up) || lookahead.peek(kw::down) {
            let keyword = input.call(Ident::parse_any)?;
            if input.peek(Token![:]) {
                let colon = input.parse::<Token![:]>()?;
                errors.at(SpanRange::single(colon.span), format!("write `{keyword} {{ .. }}` without `:`"));
            }
            let block = block(input, keyword.span(), &mut m.spans, depth, errors)?;
            let slot = if keyword == "up" { &mut m.up } else { &mut m.down };
            if slot.is_some() {
                errors.at(SpanRange::single(keyword.span()), msg::duplicate_option(&keyword.to_string()));
            }
            *slot = Some(block);
        } else if lookahead.peek(kw::irreversible) {
            let keyword = input.parse::<kw::irreversible>()?;
            m.irreversible = Some(keyword.span);
        } else if input.peek(Ident::peek_any) && input.peek2(Token![:]) {
            return Err(input.error("options go before `up { .. }`"));
        } else {
            return Err(input.error(msg::trailing_tokens()));
        }
    }
    Ok(())
}

fn block(
    input: ParseStream<'_>,
    keyword: Span,
    spans: &mut Spans,
    depth: Depth,
    errors: &mut Errors,
) -> syn::Result<Block> {
    if depth == Depth::Header {
        // Statements are only counted: walking the group's tokens directly is several times
        // cheaper than parsing them one by one, which matters over a whole folder.
        let group: proc_macro2::Group = input.parse()?;
        if group.delimiter() != proc_macro2::Delimiter::Brace {
            return Err(syn::Error::new(group.span(), "expected `{`"));
        }
        let mut unparsed = 0;
        let mut open = false;
        for tree in group.stream() {
            match tree {
                TokenTree::Punct(p) if p.as_char() == ';' => {
                    unparsed += usize::from(open);
                    open = false;
                }
                _ => open = true,
            }
        }
        unparsed += usize::from(open);
        return Ok(Block { keyword, stmts: Vec::new(), complete: true, unparsed });
    }
    let content;
    braced!(content in input);
    let mut block = Block { keyword, stmts: Vec::new(), complete: true, unparsed: 0 };
    while !content.is_empty() {
        let mut tokens = TokenStream::new();
        while !content.is_empty() && !content.peek(Token![;]) {
            tokens.extend([content.parse::<TokenTree>()?]);
        }
        if content.peek(Token![;]) {
            content.parse::<Token![;]>()?;
        }
        if tokens.is_empty() {
            continue;
        }
        let stmt = |s: ParseStream<'_>| -> syn::Result<Stmt> {
            let (_doc, allows) = classify(s.call(Attribute::parse_outer)?, errors);
            let expr = parse_expr(s, spans)?;
            if !s.is_empty() {
                return Err(s.error(msg::missing_semicolon()));
            }
            Ok(Stmt { allows, expr })
        };
        match stmt.parse2(tokens) {
            Ok(stmt) => block.stmts.push(stmt),
            Err(e) => {
                errors.push(e);
                block.complete = false;
            }
        }
    }
    Ok(block)
}
