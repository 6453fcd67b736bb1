//! Attributes inside `migration!`: doc comments (the revision message) and safety allows.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, Expr, ExprLit, Ident, LitStr, Meta, Token};

use super::ast::Allow;
use super::kw;
use crate::error::{msg, Errors, SpanRange};

/// Splits attributes into doc lines and allows; anything else is an error.
pub(super) fn classify(attrs: Vec<Attribute>, errors: &mut Errors) -> (Vec<String>, Vec<Allow>) {
    let mut doc = Vec::new();
    let mut allows = Vec::new();
    for attr in attrs {
        let span = SpanRange { start: attr.pound_token.span, end: attr.bracket_token.span.close() };
        match &attr.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => {
                if let Expr::Lit(ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                    doc.push(s.value());
                }
            }
            Meta::List(list) if list.path.is_ident("allow") => {
                match attr.parse_args_with(|input: ParseStream<'_>| allow_args(input, span)) {
                    Ok(allow) => allows.push(allow),
                    Err(e) => errors.push(e),
                }
            }
            _ => errors.at(span, msg::not_an_allow()),
        }
    }
    (doc, allows)
}

/// `rule_a, rule_b, reason = ".."`.
fn allow_args(input: ParseStream<'_>, span: SpanRange) -> syn::Result<Allow> {
    let mut allow = Allow { rules: Vec::new(), reason: None, span };
    while !input.is_empty() {
        if input.peek(kw::reason) && input.peek2(Token![=]) {
            input.parse::<kw::reason>()?;
            input.parse::<Token![=]>()?;
            allow.reason = Some(input.parse::<LitStr>()?.value());
        } else {
            let rule = input.call(Ident::parse_any)?;
            allow.rules.push((rule.to_string(), rule.span()));
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(allow)
}
