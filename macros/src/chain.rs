//! `retort::migrations!()`: the revision folder as modules, and the graph rules over it.
//!
//! The folder is read with `retort-source` (the parser `migration!` runs, on proc-macro2's own
//! lexer so that lines are known), the rules run over the headers, and the modules are declared.
//! A finding is not reported here, at the `migrations!()` call, but by the offending file's own
//! `migration!`, at the very token (a parent literal, an op): rustc expands those invocations
//! only after this macro has declared their modules, in the same process, so a registry in this
//! crate's memory hands each file its findings. Stable Rust offers no other way to point at a
//! token of another file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use proc_macro2::{Span, TokenStream};
use retort_source::chain::{self, Report, Target};
use retort_source::folder::{self, SourceFile};
use retort_source::objects::{self, Facts};
use retort_source::project::Project;

use crate::error::{Errors, SpanRange};
use crate::expand_chain;
use crate::parse::{Migration, Parents};

/// A finding waiting for its file's `migration!`: the file (canonical), the revision id, the token, the message.
type Pending = (PathBuf, String, Target, String);

/// Findings of the last `migrations!()` expansion of each folder, taken by the files' own
/// `migration!` invocations.
static PENDING: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// What the model tells a revision's `migration!` (the file, canonical, and the revision id).
static FACTS: Mutex<Vec<(PathBuf, String, Facts)>> = Mutex::new(Vec::new());

/// The expansion of `migrations!()` / `migrations!("folder")`, invoked in `call_file`.
pub(crate) fn expand(input: TokenStream, call_file: Option<PathBuf>) -> TokenStream {
    let mut errors = Errors::new();
    let relative = match folder_argument(input) {
        Ok(r) => r,
        Err(e) => {
            errors.push(e);
            return expand_chain::errors(errors.finish());
        }
    };
    let base = match call_file.as_deref().and_then(Path::parent) {
        Some(dir) => dir.to_path_buf(),
        // The compiler knows no file for this call (a macro-generated call, some IDEs): the
        // folder is then taken from the package root.
        None => PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()),
    };
    // Without an argument the modules are declared as `mod name;`, which rustc looks up where
    // the calling module's children live: next to a `mod.rs`, `lib.rs` or `main.rs`, else in
    // the folder named after the calling file (`src/migrations.rs` → `src/migrations/`).
    let own_folder = || match call_file.as_deref() {
        Some(file) if !file.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs") => {
            file.file_stem().map_or_else(|| base.clone(), |stem| base.join(stem))
        }
        _ => base.clone(),
    };
    let dir = relative.as_ref().map_or_else(own_folder, |(r, _)| base.join(r));
    let files = match folder::read(&dir) {
        Ok(files) => files,
        Err(e) => {
            let at = relative.as_ref().map_or_else(Span::call_site, |(_, span)| *span);
            errors.at(SpanRange::single(at), e);
            return expand_chain::errors(errors.finish());
        }
    };
    let project = match Project::current() {
        Ok(project) => project,
        Err(e) => {
            errors.at(SpanRange::single(Span::call_site()), e);
            return expand_chain::errors(errors.finish());
        }
    };
    let mut report = chain::check(&files);
    let facts = if report.findings.is_empty() { check_objects(&files, &mut report, &project) } else { BTreeMap::new() };
    register(&dir, &files, &report, &facts);
    let mut modules = Vec::new();
    for file in &files {
        if is_identifier(&file.module) {
            // A folder argument is declared by absolute path: a relative `#[path]` would be read
            // below the enclosing inline modules' names, which the macro cannot see.
            let path = relative.as_ref().map(|_| {
                let absolute = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
                absolute.display().to_string()
            });
            modules.push((file.module.clone(), path));
        } else {
            errors.at(
                SpanRange::single(Span::call_site()),
                format!(
                    "revision file `{}` cannot be a module: its name is not a Rust identifier; rename it to \
                     letters, digits and `_`, not starting with a digit (e.g. `r12_add_nickname.rs`)",
                    chain::file_name(file)
                ),
            );
        }
    }
    expand_chain::modules(&modules, report.heads_warning().as_deref(), &project, errors.finish())
}

/// `()` or `("folder")`, relative to the directory of the file holding the call.
fn folder_argument(input: TokenStream) -> syn::Result<Option<(String, Span)>> {
    if input.is_empty() {
        return Ok(None);
    }
    let lit: syn::LitStr = syn::parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected nothing or a folder, relative to this file: `retort::migrations!()` or `retort::migrations!(\"migrations\")`",
        )
    })?;
    Ok(Some((lit.value(), lit.span())))
}

/// The schema checks (`retort_source::objects`): every revision's ops folded into the chain's
/// model, per dialect. Only for a sound graph: the fold needs its order.
fn check_objects(files: &[SourceFile], report: &mut Report, project: &Project) -> BTreeMap<(usize, usize), Facts> {
    let parsed: Vec<Vec<Option<folder::Revision>>> =
        files.iter().map(|f| folder::revisions(&f.path).unwrap_or_default()).collect();
    let checked = objects::check(files, &parsed, project);
    report.findings.extend(checked.findings);
    checked.facts
}

/// Replaces the pending findings of `dir` with this expansion's.
fn register(dir: &Path, files: &[SourceFile], report: &Report, facts: &BTreeMap<(usize, usize), Facts>) {
    let canonical_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let canonical = |file: &SourceFile| std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
    if let Ok(mut known) = FACTS.lock() {
        known.retain(|(file, ..)| file.parent() != Some(canonical_dir.as_path()));
        for ((f, r), fact) in facts {
            let Some(id) = files[*f].revisions.get(*r).and_then(|h| h.id.as_ref()) else { continue };
            known.push((canonical(&files[*f]), id.value.clone(), fact.clone()));
        }
    }
    let Ok(mut pending) = PENDING.lock() else { return };
    pending.retain(|(file, ..)| file.parent() != Some(canonical_dir.as_path()));
    for finding in &report.findings {
        let file = &files[finding.file];
        let Some(id) = file.revisions.get(finding.revision).and_then(|h| h.id.as_ref()) else { continue };
        let path = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
        pending.push((path, id.value.clone(), finding.target, finding.message.clone()));
    }
}

/// Queues one finding for revision `id` of `file` (which must exist), as `migrations!()` does.
#[cfg(test)]
pub(crate) fn queue(file: &Path, id: &str, target: Target, message: &str) {
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    if let Ok(mut pending) = PENDING.lock() {
        pending.push((path, id.to_string(), target, message.to_string()));
    }
}

/// What the chain's model tells `m`, written in `file` (nothing outside `migrations!()`).
pub(crate) fn facts(file: Option<&Path>, m: &Migration) -> Facts {
    let (Some(id), Some(file)) = (&m.revision, file.and_then(|f| std::fs::canonicalize(f).ok())) else {
        return Facts::default();
    };
    let Ok(known) = FACTS.lock() else { return Facts::default() };
    known.iter().find(|(f, r, _)| *f == file && *r == id.value).map(|(.., facts)| facts.clone()).unwrap_or_default()
}

/// Reports the chain's findings about `m`, written in `file`, at their tokens.
pub(crate) fn attach(file: Option<&Path>, m: &Migration, errors: &mut Errors) {
    let Some(id) = &m.revision else { return };
    let Ok(pending) = PENDING.lock() else { return };
    if pending.is_empty() {
        return;
    }
    let Some(file) = file.and_then(|f| std::fs::canonicalize(f).ok()) else { return };
    for (_, _, target, message) in pending.iter().filter(|(f, r, ..)| *f == file && *r == id.value) {
        errors.at(span_of(m, *target), message);
    }
}

/// The token of `m` that `target` names.
fn span_of(m: &Migration, target: Target) -> SpanRange {
    let anchor = SpanRange::single(m.anchor);
    let lit = |l: Option<&crate::parse::Lit>| l.map_or(anchor, |l| SpanRange::single(l.span));
    match target {
        Target::Id => lit(m.revision.as_ref()),
        Target::Parent(i) => match &m.parents {
            Some(Parents::One(p)) => lit(Some(p)),
            Some(Parents::Many(list, _)) => lit(list.get(i)),
            _ => anchor,
        },
        Target::DependsOn(i) => lit(m.depends_on.get(i)),
        Target::Label(i) => lit(m.branch_labels.get(i)),
        Target::Op(i) => m.up.as_ref().and_then(|b| b.stmts.get(i)).map_or(anchor, |s| m.spans.get(s.expr.span)),
        Target::Down => m.down.as_ref().map_or(anchor, |b| SpanRange::single(b.keyword)),
        Target::DownOp(i) => m.down.as_ref().and_then(|b| b.stmts.get(i)).map_or(anchor, |s| m.spans.get(s.expr.span)),
        Target::Anchor => anchor,
    }
}

/// Whether a file stem can be declared as `mod <stem>;`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && syn::parse_str::<syn::Ident>(name).is_ok()
}
