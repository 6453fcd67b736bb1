//! Op statements: Rust-looking expressions read into `ops::dsl::Expr`, with a span per node.
//!
//! Only the DSL's shapes are accepted (literals, words, calls, lists, method chains), so that
//! anything else (a variable path, a macro call, an operator) is reported where it is written.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{bracketed, parenthesized, token, Ident, Lit, Token};

use super::Spans;
use crate::error::{msg, SpanRange};
use crate::ops::dsl::{Expr, ExprKind};

/// `primary ( . method ( args ) )*`
pub fn parse_expr(input: ParseStream<'_>, spans: &mut Spans) -> syn::Result<Expr> {
    let mut expr = primary(input, spans)?;
    while input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        let name = input.call(Ident::parse_any)?;
        if name == "where" {
            return Err(SpanRange::single(name.span()).error(msg::where_keyword()));
        }
        if !input.peek(token::Paren) {
            return Err(SpanRange::single(name.span()).error(msg::method_needs_parens(&name.to_string())));
        }
        let content;
        let paren = parenthesized!(content in input);
        let args = args(&content, spans)?;
        let name_span = spans.push(name.span(), name.span());
        let span = spans.push(spans.get(expr.span).start, paren.span.close());
        expr =
            Expr { kind: ExprKind::Method { receiver: Box::new(expr), name: name.to_string(), name_span, args }, span };
    }
    Ok(expr)
}

/// A comma-separated list, as in a call's arguments or `[..]`.
fn args(input: ParseStream<'_>, spans: &mut Spans) -> syn::Result<Vec<Expr>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        args.push(parse_expr(input, spans)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

fn primary(input: ParseStream<'_>, spans: &mut Spans) -> syn::Result<Expr> {
    if input.peek(Lit) {
        let lit: Lit = input.parse()?;
        let span = lit.span();
        let kind = literal(lit)?;
        return Ok(Expr { kind, span: spans.push(span, span) });
    }
    if input.peek(Token![-]) {
        let minus = input.parse::<Token![-]>()?;
        let lit: Lit = input.parse()?;
        let end = lit.span();
        let kind = match literal(lit)? {
            ExprKind::Int(i) => ExprKind::Int(-i),
            ExprKind::Float(x) => ExprKind::Float(-x),
            _ => return Err(SpanRange { start: minus.span, end }.error("`-` goes before a number only")),
        };
        return Ok(Expr { kind, span: spans.push(minus.span, end) });
    }
    if input.peek(token::Bracket) {
        let content;
        let bracket = bracketed!(content in input);
        let items = args(&content, spans)?;
        let span = spans.push(bracket.span.open(), bracket.span.close());
        return Ok(Expr { kind: ExprKind::Array(items), span });
    }
    if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        let start = name.span();
        if input.peek(token::Paren) {
            let content;
            let paren = parenthesized!(content in input);
            let args = args(&content, spans)?;
            let name_span = spans.push(start, start);
            let span = spans.push(start, paren.span.close());
            return Ok(Expr { kind: ExprKind::Call { name: name.to_string(), name_span, args }, span });
        }
        if input.peek(Token![!]) {
            return Err(SpanRange::single(start).error(msg::macro_call(&name.to_string())));
        }
        if input.peek(Token![::]) {
            return Err(SpanRange::single(start).error(msg::path_word()));
        }
        return Ok(Expr { kind: ExprKind::Ident(name.to_string()), span: spans.push(start, start) });
    }
    Err(input.error(msg::not_a_dsl_value()))
}

fn literal(lit: Lit) -> syn::Result<ExprKind> {
    Ok(match lit {
        Lit::Str(s) => ExprKind::Str(s.value()),
        Lit::Int(i) => ExprKind::Int(i.base10_parse()?),
        Lit::Float(f) => ExprKind::Float(f.base10_parse()?),
        Lit::Bool(b) => ExprKind::Bool(b.value),
        other => return Err(SpanRange::single(other.span()).error("expected a string, a number, `true` or `false`")),
    })
}
