//! The revision folder: every `*.rs` file next to the `mod.rs` that holds `retort::migrations!()`,
//! each read with the `migration!` parser into plain data (ids, parents, and where each is
//! written), so that the graph rules (`chain.rs`) and `migrate new` see the revisions without a
//! build.
//!
//! Positions come from `proc-macro2`'s own parser with `span-locations`: inside a proc macro the
//! compiler's parser would hand out call-site spans, which know no line. The compiler's spans of
//! the same tokens are reached later, through each file's own `migration!` (see `retort-macros`'
//! `chain.rs`).

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};

use crate::error::Errors;
use crate::parse::{self, Migration, Parents};

/// A 1-based line and 1-based column, as rustc prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    fn of(span: Span) -> Self {
        let start = span.start();
        Position { line: start.line, column: start.column + 1 }
    }
}

/// A string literal of the header and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The literal's value.
    pub value: String,
    /// Where the literal starts.
    pub at: Position,
}

/// The graph-relevant part of one `migration!`, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `revision: ".."`, if given.
    pub id: Option<Named>,
    /// Parents in declared order (empty for `parent: none`).
    pub parents: Vec<Named>,
    /// Whether the header says `parent: none` (or `parent` is missing).
    pub root: bool,
    /// Branch labels.
    pub labels: Vec<Named>,
    /// `depends_on` entries.
    pub depends_on: Vec<Named>,
    /// Where each `up` statement starts: op N of the revision is `ops[N]`.
    pub ops: Vec<Position>,
    /// The first token of the invocation, where errors about the revision as a whole point.
    pub anchor: Position,
    /// Whether the invocation parsed without errors (its own `migration!` reports those).
    pub clean: bool,
}

/// One revision file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's path as given (the folder joined with its name).
    pub path: PathBuf,
    /// The file stem, which `migrations!()` declares as the module.
    pub module: String,
    /// Every `migration!` in the file, in order (normally one).
    pub revisions: Vec<Header>,
    /// Why the file could not be read or parsed as Rust, if so.
    pub error: Option<String>,
}

/// A folder that cannot be listed.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the revision folder {}: {source}; check that it exists", path.display())]
pub struct FolderError {
    /// The folder.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

/// The revision files of `dir`: every `*.rs` file except `mod.rs`, `lib.rs` and `main.rs`, sorted
/// by name, each parsed. Call it with proc-macro2's fallback forced when inside a proc macro
/// ([`read_forced`]), so that positions are known.
pub fn read(dir: &Path) -> Result<Vec<SourceFile>, FolderError> {
    let entries = std::fs::read_dir(dir).map_err(|source| FolderError { path: dir.to_path_buf(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file())
        .filter(|p| !p.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs"))
        .collect();
    paths.sort();
    Ok(paths.into_iter().map(|p| read_file(&p)).collect())
}

/// [`read`] with proc-macro2's own parser, also inside a proc macro. The positions it records
/// are plain data; the spans behind them are released before returning.
pub fn read_forced(dir: &Path) -> Result<Vec<SourceFile>, FolderError> {
    proc_macro2::fallback::force();
    let files = read(dir);
    // The parser keeps every text it has read for the spans' sake; nothing refers to them any
    // more. (Allowed only while the fallback is forced.)
    proc_macro2::extra::invalidate_current_thread_spans();
    proc_macro2::fallback::unforce();
    files
}

/// One file: its `migration!` invocations as headers.
pub fn read_file(path: &Path) -> SourceFile {
    let module = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut file = SourceFile { path: path.to_path_buf(), module, revisions: Vec::new(), error: None };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            file.error = Some(format!("cannot read {}: {e}", path.display()));
            return file;
        }
    };
    match parse_text(&text) {
        Ok(revisions) => file.revisions = revisions,
        Err(e) => file.error = Some(e),
    }
    file
}

/// The `migration!` invocations of one file's text.
pub fn parse_text(text: &str) -> Result<Vec<Header>, String> {
    let ast = syn::parse_file(text).map_err(|e| {
        let at = Position::of(e.span());
        format!("{}:{}: {e}", at.line, at.column)
    })?;
    Ok(ast
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "migration") => {
                Some(header(m.mac.tokens.clone(), Position::of(m.mac.bang_token.span)))
            }
            _ => None,
        })
        .collect())
}

/// Parses one invocation's tokens with the macro's parser and keeps what the graph needs.
pub fn header(tokens: TokenStream, fallback_anchor: Position) -> Header {
    let mut errors = Errors::new();
    let parsed = parse::parse(tokens, &mut errors);
    let clean = parsed.is_ok() && errors.is_empty();
    // The invocation's own `migration!` reports these errors; here they only mark it unclean.
    let _ = errors.finish();
    match parsed {
        Ok(m) => of_migration(&m, clean),
        Err(_) => Header {
            id: None,
            parents: Vec::new(),
            root: false,
            labels: Vec::new(),
            depends_on: Vec::new(),
            ops: Vec::new(),
            anchor: fallback_anchor,
            clean: false,
        },
    }
}

/// The header of a parsed invocation.
pub fn of_migration(m: &Migration, clean: bool) -> Header {
    let named = |l: &parse::Lit| Named { value: l.value.clone(), at: Position::of(l.span) };
    let (parents, root) = match &m.parents {
        Some(Parents::One(p)) => (vec![named(p)], false),
        Some(Parents::Many(list, _)) => (list.iter().map(named).collect(), false),
        Some(Parents::Root) | None => (Vec::new(), true),
    };
    let ops = m.up.iter().flat_map(|b| &b.stmts).map(|s| Position::of(m.spans.get(s.expr.span).start)).collect();
    Header {
        id: m.revision.as_ref().map(named),
        parents,
        root,
        labels: m.branch_labels.iter().map(named).collect(),
        depends_on: m.depends_on.iter().map(named).collect(),
        ops,
        anchor: Position::of(m.anchor),
        clean,
    }
}
