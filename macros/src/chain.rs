//! `retort::migrations!()`: the revision folder, the graph rules and the schema checks over it,
//! and each file either registered here or declared as a module.
//!
//! Every file is analysed as its own `migration!` would be (`analyze.rs`, cached by content in
//! `cache.rs`), the graph rules and the schema fold run over the folder, and then a file with
//! nothing to report and nothing but revisions in it is registered here, in one
//! `RevisionTable`; rustc reads it only as bytes, so that an edit rebuilds the crate. Any other
//! file is declared as a module, and a finding is reported not here, at the `migrations!()`
//! call, but by the file's own `migration!`, at the very token (a parent literal, an op): rustc
//! expands those invocations only after this macro has declared their modules, in the same
//! process, so a registry in this crate's memory hands each file its findings. Stable Rust
//! offers no other way to point at a token of another file.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use proc_macro2::{Span, TokenStream};
use retort_source::chain::{self, Report, Target};
use retort_source::folder::{self, SourceFile};
use retort_source::objects::{self, Facts};
use retort_source::project::Project;

use crate::analyze::{self, Analysis, Parsed};
use crate::cache::{self, Cache};
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

/// The expansion of `migrations!()` / `migrations!("folder")`, invoked in `call_file`, which
/// rustc names `call_display` (as `file!()` prints it).
pub(crate) fn expand(input: TokenStream, call_file: Option<PathBuf>, call_display: Option<String>) -> TokenStream {
    expand_in(input, call_file, call_display, std::env::var_os("OUT_DIR").map(PathBuf::from))
}

/// [`expand`], with the cache in `out_dir` (the crate's `OUT_DIR`; none without a build script).
pub(crate) fn expand_in(
    input: TokenStream,
    call_file: Option<PathBuf>,
    call_display: Option<String>,
    out_dir: Option<PathBuf>,
) -> TokenStream {
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
    let dir = relative.as_ref().map_or_else(|| children(call_file.as_deref(), &base), |(r, _)| base.join(r));
    let paths = match folder::paths(&dir) {
        Ok(paths) => paths,
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
    let cache = Cache::open(out_dir, &dir, &project);
    let mut folder = Folder::read(&paths, &cache);
    let mut report = chain::check(&folder.files);
    let facts =
        if report.findings.is_empty() { check_objects(&folder, &mut report, &project) } else { BTreeMap::new() };
    register(&dir, &folder.files, &report, &facts);
    // Where rustc would put each file's module, as `file!()` names it: what a registration
    // made here must say as its `source`, for it to be the one the file's own `migration!` makes.
    let source_dir = match (&relative, &call_display) {
        (Some(_), _) => None,
        (None, Some(display)) if call_file.is_some() => {
            Some(children(Some(Path::new(display)), Path::new(display).parent().unwrap_or(Path::new(""))))
        }
        (None, _) => None,
    };
    let flagged: HashSet<(usize, usize)> = report.findings.iter().map(|f| (f.file, f.revision)).collect();
    let mut out = Expansion::default();
    for f in 0..folder.files.len() {
        let (module, path) = (folder.files[f].module.clone(), folder.files[f].path.clone());
        if !is_identifier(&module) {
            errors.at(
                SpanRange::single(Span::call_site()),
                format!(
                    "revision file `{}` cannot be a module: its name is not a Rust identifier; rename it to \
                     letters, digits and `_`, not starting with a digit (e.g. `r12_add_nickname.rs`)",
                    chain::file_name(&folder.files[f])
                ),
            );
            continue;
        }
        let absolute = std::path::absolute(&path).unwrap_or(path).display().to_string();
        let source = match &source_dir {
            Some(dir) => Some(dir.join(format!("{module}.rs")).display().to_string()),
            None => relative.as_ref().map(|_| absolute.clone()),
        };
        let registered = source.and_then(|source| {
            let sound = (0..folder.analyses[f].revisions.len()).all(|r| !flagged.contains(&(f, r)));
            if !sound {
                return None;
            }
            folder.registrations(f, &facts, &project, &source)
        });
        match registered {
            Some(rows) => {
                out.table.extend(rows);
                out.tracked.push(absolute);
            }
            // A folder argument is declared by absolute path: a relative `#[path]` would be read
            // below the enclosing inline modules' names, which the macro cannot see.
            None => out.modules.push((module, relative.as_ref().map(|_| absolute))),
        }
    }
    folder.store(&cache);
    expand_chain::expansion(&out, report.heads_warning().as_deref(), &project, errors.finish())
}

/// Where rustc looks for the modules declared in `call_file`: next to a `mod.rs`, `lib.rs` or
/// `main.rs`, else in the folder named after the calling file (`src/migrations.rs` →
/// `src/migrations/`); `base` is the calling file's folder.
fn children(call_file: Option<&Path>, base: &Path) -> PathBuf {
    match call_file {
        Some(file) if !file.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs") => {
            file.file_stem().map_or_else(|| base.to_path_buf(), |stem| base.join(stem))
        }
        _ => base.to_path_buf(),
    }
}

/// What `migrations!()` expands to, besides its errors and warning.
#[derive(Debug, Default)]
pub(crate) struct Expansion {
    /// Files declared as modules (name, and the `#[path]` when a folder is given): those with
    /// something to report at their own tokens, or more than revisions in them.
    pub modules: Vec<(String, Option<String>)>,
    /// The other files (absolute paths), whose revisions are registered here: rustc reads them
    /// only so that editing one rebuilds the crate.
    pub tracked: Vec<String>,
    /// Their revisions, each `retort::RevisionTable`'s entry as a JSON object.
    pub table: Vec<String>,
}

/// One revision's entry of `retort::RevisionTable`: its registration (a JSON object) with the
/// `source` that the file's own expansion would give it (`file!():line!()`).
fn table_row(registration: &str, source: &str) -> Option<String> {
    let fields = registration.strip_prefix('{')?;
    let source = serde_json::to_string(source).ok()?;
    Some(format!("{{\"source\":{source},{fields}"))
}

/// A file's text, its digest, and its analysis when the cache holds it; or why it cannot be read.
type Read = Result<(String, String, Option<Analysis>), String>;

/// Reads every file and looks it up in the cache, on two threads: for a chain of a thousand
/// files, this and the schema fold are most of a rebuild's work. A file the cache lacks is
/// analysed afterwards, on the macro's own thread, the only one where proc-macro2 may lex.
fn read_all(paths: &[PathBuf], cache: &Cache) -> Vec<Read> {
    let read = |path: &PathBuf| -> Read {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let digest = cache::digest(text.as_bytes());
        let analysis = cache.get(&digest);
        Ok((text, digest, analysis))
    };
    let (first, second) = paths.split_at(paths.len() / 2);
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new().spawn_scoped(scope, || first.iter().map(read).collect::<Vec<_>>());
        let rest: Vec<Read> = second.iter().map(read).collect();
        let mut out = match other.map(|h| h.join()) {
            Ok(Ok(out)) => out,
            // No thread to be had: read here.
            _ => first.iter().map(read).collect(),
        };
        out.extend(rest);
        out
    })
}

/// The revision files, each analysed (from the cache when its text is known).
struct Folder {
    files: Vec<SourceFile>,
    analyses: Vec<Analysis>,
    /// The texts, for a file whose analysis must be redone.
    texts: Vec<Option<String>>,
    /// The content digests (none for a file that cannot be read).
    digests: Vec<Option<String>>,
    /// Parsed invocations of the files analysed in this expansion.
    parsed: Vec<Parsed>,
    /// Files whose analysis the cache does not hold yet.
    dirty: Vec<bool>,
}

impl Folder {
    fn read(paths: &[PathBuf], cache: &Cache) -> Folder {
        let mut folder = Folder {
            files: Vec::new(),
            analyses: Vec::new(),
            texts: Vec::new(),
            digests: Vec::new(),
            parsed: Vec::new(),
            dirty: Vec::new(),
        };
        for (path, read) in paths.iter().zip(read_all(paths, cache)) {
            let module = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let (analysis, text, digest, parsed, dirty) = match read {
                Ok((text, digest, Some(analysis))) => (analysis, Some(text), Some(digest), Vec::new(), false),
                Ok((text, digest, None)) => {
                    let (analysis, parsed) = analyze::analyze(&text);
                    (analysis, Some(text), Some(digest), parsed, true)
                }
                Err(error) => (
                    Analysis { error: Some(error), plain: false, revisions: Vec::new() },
                    None,
                    None,
                    Vec::new(),
                    false,
                ),
            };
            folder.files.push(SourceFile {
                path: path.clone(),
                module,
                revisions: analysis.revisions.iter().map(|r| r.header.clone()).collect(),
                error: analysis.error.clone(),
            });
            folder.analyses.push(analysis);
            folder.texts.push(text);
            folder.digests.push(digest);
            folder.parsed.push(parsed);
            folder.dirty.push(dirty);
        }
        folder
    }

    /// The revisions of file `f` as table rows, when it can be registered here: nothing but
    /// revisions in it, no error of their own, and nothing for the safety rules to report under
    /// the chain's `facts` (the chain's own findings are checked by the caller).
    fn registrations(
        &mut self,
        f: usize,
        facts: &BTreeMap<(usize, usize), Facts>,
        project: &Project,
        source: &str,
    ) -> Option<Vec<String>> {
        let analysis = &self.analyses[f];
        if analysis.error.is_some() || !analysis.plain || analysis.revisions.iter().any(|r| r.registration.is_none()) {
            return None;
        }
        let mut rows = Vec::new();
        for r in 0..self.analyses[f].revisions.len() {
            let fact = facts.get(&(f, r)).cloned().unwrap_or_default();
            let known = match &self.analyses[f].revisions[r].safety {
                Some((checked, clean)) if *checked == fact => Some(*clean),
                _ => None,
            };
            let clean = match known {
                Some(clean) => clean,
                None => {
                    // Reached with other facts than the cached verdict's (or never): the
                    // revision is parsed again for its safety check alone.
                    if self.parsed[f].is_empty() {
                        self.parsed[f] = analyze::analyze(self.texts[f].as_deref().unwrap_or_default()).1;
                    }
                    let (m, ev) = self.parsed[f].get(r)?.as_ref()?;
                    let clean = analyze::safety_clean(m, ev, &fact, project);
                    self.analyses[f].revisions[r].safety = Some((fact, clean));
                    self.dirty[f] = true;
                    clean
                }
            };
            let analyzed = &self.analyses[f].revisions[r];
            let registration = analyzed.registration.as_deref().filter(|_| clean)?;
            rows.push(table_row(registration, &format!("{source}:{}", analyzed.line))?);
        }
        Some(rows)
    }

    /// Writes the analyses the cache lacks, and drops its entries no file has any more.
    fn store(&self, cache: &Cache) {
        for (f, analysis) in self.analyses.iter().enumerate() {
            if let (true, Some(digest)) = (self.dirty[f], &self.digests[f]) {
                cache.put(digest, analysis);
            }
        }
        let keep: Vec<String> = self.digests.iter().flatten().cloned().collect();
        cache.prune(&keep);
    }
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
fn check_objects(folder: &Folder, report: &mut Report, project: &Project) -> BTreeMap<(usize, usize), Facts> {
    let parsed: Vec<Vec<Option<folder::Revision>>> =
        folder.analyses.iter().map(|a| a.revisions.iter().map(|r| r.fold.clone()).collect()).collect();
    let checked = objects::check(&folder.files, &parsed, project);
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
