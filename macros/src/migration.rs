//! The pipeline behind `migration!`, on `proc_macro2` tokens so that it runs (and is timed) outside the compiler.

use std::path::Path;

use proc_macro2::TokenStream;

use crate::error::{Errors, SpanRange};
use crate::eval::{self, Evaluated};
use crate::parse::{self, Migration};
use crate::validate::safety::Warning;
use crate::validate::{pairing, safety, transaction, wellformed};
use crate::{chain, expand, fallback};
use retort_source::objects::Facts;
use retort_source::project::Project;

/// parse → evaluate → validate → expand.
pub(crate) fn expand(input: TokenStream, file: Option<&Path>) -> TokenStream {
    let mut errors = Errors::new();
    let m = match parse::parse(input, &mut errors) {
        Ok(m) => m,
        Err(e) => {
            errors.push(e);
            return fallback::stub(None, errors.finish());
        }
    };
    chain::attach(file, &m, &mut errors);
    let facts = chain::facts(file, &m);
    let project = Project::current().unwrap_or_else(|e| {
        errors.at(SpanRange::single(m.anchor), e);
        Project::default()
    });
    match check(&m, &facts, &project, &mut errors) {
        Ok((ev, warnings)) => match errors.finish() {
            Ok(()) => expand::revision(&m, &ev, &warnings),
            Err(e) => fallback::stub(Some(&m), Err(e)),
        },
        Err(e) => {
            let _ = errors.finish();
            fallback::stub(Some(&m), Err(e))
        }
    }
}

/// Phases 2 and 3: every check runs and records its errors; the boundary reports them together.
fn check(
    m: &Migration,
    facts: &Facts,
    project: &Project,
    errors: &mut Errors,
) -> syn::Result<(Evaluated, Vec<Warning>)> {
    let ev = eval::evaluate(m, errors);
    wellformed::check(m, &ev, errors);
    transaction::check(m, &ev, errors);
    pairing::check(m, &ev, errors);
    let warnings = safety::check(m, &ev, facts, project, errors);
    errors.propagate()?;
    Ok((ev, warnings))
}
