//! The revision folder: every `*.rs` file next to the `mod.rs` that holds `retort::migrations!()`,
//! each read with the `migration!` parser into plain data (ids, parents, and where each is
//! written), so that the graph rules (`chain.rs`) and `migrate new` see the revisions without a
//! build.
//!
//! Only the headers are parsed (`parse::parse_header`), and inside a proc macro with the
//! compiler's lexer: a folder of 1,000 revisions is read on every build. The compiler's spans of
//! the same tokens are reached later, through each file's own `migration!` (see `retort-macros`'
//! `chain.rs`); the positions kept here, found in the text, serve messages that name another file.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use serde::{Deserialize, Serialize};

use crate::error::Errors;
use crate::parse::{self, Parents};

/// A 1-based line and 1-based column, as rustc prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A string literal of the header and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The literal's value.
    pub value: String,
    /// Where the literal starts.
    pub at: Position,
}

/// The graph-relevant part of one `migration!`, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// How many statements `up` has (op N of the revision is its N-th statement).
    pub ops: usize,
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
/// by name, each read for its headers.
pub fn read(dir: &Path) -> Result<Vec<SourceFile>, FolderError> {
    Ok(paths(dir)?.into_iter().map(|p| read_file(&p)).collect())
}

/// The paths of the revision files of `dir` (see [`read`]), sorted by name.
pub fn paths(dir: &Path) -> Result<Vec<PathBuf>, FolderError> {
    let entries = std::fs::read_dir(dir).map_err(|source| FolderError { path: dir.to_path_buf(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file())
        .filter(|p| !p.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// One file: its `migration!` invocations as headers.
pub fn read_file(path: &Path) -> SourceFile {
    let module = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut file = SourceFile { path: path.to_path_buf(), module, revisions: Vec::new(), error: None };
    match std::fs::read_to_string(path) {
        Ok(text) => match parse_text(&text) {
            Ok(revisions) => file.revisions = revisions,
            Err(e) => file.error = Some(e),
        },
        Err(e) => file.error = Some(format!("cannot read {}: {e}", path.display())),
    }
    file
}

/// The `migration!` invocations of one file's text (those at the top level of the file).
///
/// The text is lexed by whichever lexer `proc-macro2` has: inside `migrations!()` the
/// compiler's, which is fast but gives spans without lines, elsewhere its own. So positions are
/// found in the text instead, the same way in both: each invocation from its `migration!`, each
/// literal as the first occurrence of its quoted value after that.
pub fn parse_text(text: &str) -> Result<Vec<Header>, String> {
    Ok(scan(text)?.invocations.into_iter().map(|i| i.header).collect())
}

/// One file lexed once: its invocations, and whether it holds nothing else.
#[derive(Debug)]
pub struct Scan {
    /// The `migration! { .. }` invocations at the top level, in order.
    pub invocations: Vec<Invocation>,
    /// Whether the file is only `//!` docs, `use retort::..;` lines and `retort::migration! { .. }`
    /// invocations whose positions in the text are certain: such a file means nothing but its
    /// revisions, so `migrations!()` may register them itself instead of declaring the module.
    pub plain: bool,
}

/// One `migration! { .. }` of a file.
#[derive(Debug)]
pub struct Invocation {
    /// The tokens between the braces.
    pub body: TokenStream,
    /// The header, parsed from `body`.
    pub header: Header,
    /// The line of the invocation's first token (its path: `retort::`), which is what
    /// `line!()` in its expansion gives.
    pub line: usize,
}

/// Lexes `text` once and reads its invocations (see [`parse_text`]).
pub fn scan(text: &str) -> Result<Scan, String> {
    let tokens: TokenStream = text.parse().map_err(|e: proc_macro2::LexError| format!("not valid Rust tokens: {e}"))?;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let starts = invocation_offsets(text);
    let bodies = invocations(trees.iter().cloned());
    let plain = starts.len() == bodies.len() && only_revisions(&trees);
    let invocations = bodies
        .into_iter()
        .enumerate()
        .map(|(n, body)| {
            let from = starts.get(n).copied().unwrap_or(0);
            let line = position(text, path_start(text, from)).line;
            Invocation { header: header(body.clone(), text, from), body, line }
        })
        .collect();
    Ok(Scan { invocations, plain })
}

/// Whether the top-level `trees` are only inner doc attributes, `use retort::..;` items and
/// `migration! { .. }` invocations named so that they resolve to retort's (`retort::migration!`,
/// `::retort::migration!`, or `migration!` after `use retort::migration;`).
fn only_revisions(trees: &[TokenTree]) -> bool {
    let punct = |t: Option<&TokenTree>, c: char| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c);
    let ident = |t: Option<&TokenTree>, name: &str| matches!(t, Some(TokenTree::Ident(i)) if i == name);
    let path_is = |path: &[TokenTree], names: &[&str]| {
        let mut at = 0;
        for (n, name) in names.iter().enumerate() {
            if n > 0 || punct(path.get(at), ':') {
                if !(punct(path.get(at), ':') && punct(path.get(at + 1), ':')) {
                    return false;
                }
                at += 2;
            }
            if !ident(path.get(at), name) {
                return false;
            }
            at += 1;
        }
        at == path.len()
    };
    let mut imported = false;
    let mut i = 0;
    while i < trees.len() {
        let doc = matches!(trees.get(i + 2), Some(TokenTree::Group(g))
            if g.delimiter() == Delimiter::Bracket && ident(g.stream().into_iter().next().as_ref(), "doc"));
        if punct(trees.get(i), '#') && punct(trees.get(i + 1), '!') && doc {
            i += 3;
            continue;
        }
        if ident(trees.get(i), "use") {
            let Some(end) = trees[i..].iter().position(|t| punct(Some(t), ';')).map(|e| i + e) else { return false };
            let path = &trees[i + 1..end];
            let from_retort =
                ident(path.first(), "retort") || (punct(path.first(), ':') && ident(path.get(2), "retort"));
            if !from_retort {
                return false;
            }
            imported |= path_is(path, &["retort", "migration"]);
            i = end + 1;
            continue;
        }
        // A path, `!`, and a brace group.
        let Some(bang) = trees[i..].iter().position(|t| punct(Some(t), '!')).map(|b| i + b) else { return false };
        let path = &trees[i..bang];
        let named = path_is(path, &["retort", "migration"]) || (imported && path_is(path, &["migration"]));
        let braced = matches!(trees.get(bang + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace);
        if !(named && braced) {
            return false;
        }
        i = bang + 2;
    }
    true
}

/// The start of the macro path that ends at byte `offset` of `text` (`retort::migration` from
/// its `migration`).
fn path_start(text: &str, offset: usize) -> usize {
    let mut start = offset.min(text.len());
    loop {
        let before = text[..start].trim_end();
        let Some(rest) = before.strip_suffix("::") else { return start };
        let rest = rest.trim_end();
        let ident = rest.len() - rest.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
        if ident == 0 {
            return before.len() - 2;
        }
        start = rest.len() - ident;
    }
}

/// The bodies of the `migration! { .. }` invocations at the top level of a file's tokens, in order.
fn invocations(tokens: impl IntoIterator<Item = TokenTree>) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut previous: Option<TokenTree> = None;
    let mut before_previous: Option<TokenTree> = None;
    for tree in tokens {
        if let TokenTree::Group(group) = &tree {
            let bang = matches!(&previous, Some(TokenTree::Punct(p)) if p.as_char() == '!');
            let named = matches!(&before_previous, Some(TokenTree::Ident(i)) if i == "migration");
            if bang && named && group.delimiter() == Delimiter::Brace {
                out.push(group.stream());
            }
        }
        before_previous = previous.replace(tree);
    }
    out
}

/// Byte offsets of `migration!` outside line comments, in order.
fn invocation_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.trim_start();
        if !code.starts_with("//") {
            let mut from = 0;
            while let Some(at) = line[from..].find("migration") {
                let after = line[from + at + "migration".len()..].trim_start();
                if after.starts_with('!') {
                    out.push(offset + from + at);
                }
                from += at + "migration".len();
            }
        }
        offset += line.len();
    }
    out
}

/// One `migration!` of a file, fully parsed and evaluated, for the schema checks, which need
/// the ops that the headers leave out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// The ops of `up`, one per statement; `None` where a statement does not evaluate.
    pub up: Vec<Option<crate::ops::Op>>,
    /// The ops of `down`, if it is written.
    pub down: Option<Vec<Option<crate::ops::Op>>>,
    /// The transaction mode it declares (or the default).
    pub transaction: crate::ops::TransactionMode,
    /// Whether every statement parsed and evaluated: the checks that compare whole revisions
    /// skip one that did not, since its own `migration!` reports why.
    pub complete: bool,
}

/// Every `migration!` of the file at `path`, in order, fully parsed and evaluated (`None` for
/// an invocation that does not parse: its own `migration!` reports it).
pub fn revisions(path: &Path) -> Result<Vec<Option<Revision>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let tokens: TokenStream = text.parse().map_err(|e: proc_macro2::LexError| format!("not valid Rust tokens: {e}"))?;
    let revisions = invocations(tokens).into_iter().map(|body| {
        let mut errors = Errors::new();
        let revision = parse::parse(body, &mut errors).ok().map(|m| {
            let ev = crate::eval::evaluate(&m, &mut errors);
            let complete = ev.complete(&m);
            Revision { transaction: m.transaction_mode(), complete, up: ev.up, down: ev.down }
        });
        // The revision's own `migration!` reports its errors.
        let clean = errors.is_empty();
        let _ = errors.finish();
        revision.map(|r| Revision { complete: r.complete && clean, ..r })
    });
    Ok(revisions.collect())
}

/// The position of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// Parses one invocation's header with the macro's parser and keeps what the graph needs;
/// `from` is the invocation's offset in `text`.
fn header(tokens: TokenStream, text: &str, from: usize) -> Header {
    let mut errors = Errors::new();
    let parsed = parse::parse_header(tokens, &mut errors);
    let clean = parsed.is_ok() && errors.is_empty();
    // The invocation's own `migration!` reports these errors; here they only mark it unclean.
    let _ = errors.finish();
    let anchor = position(text, from);
    let Ok(m) = parsed else {
        return Header {
            id: None,
            parents: Vec::new(),
            root: false,
            labels: Vec::new(),
            depends_on: Vec::new(),
            ops: 0,
            anchor,
            clean: false,
        };
    };
    let named = |l: &parse::Lit| {
        let quoted = format!("{:?}", l.value);
        let at = text.get(from..).and_then(|rest| rest.find(&quoted)).map_or(anchor, |i| position(text, from + i));
        Named { value: l.value.clone(), at }
    };
    let (parents, root) = match &m.parents {
        Some(Parents::One(p)) => (vec![named(p)], false),
        Some(Parents::Many(list, _)) => (list.iter().map(named).collect(), false),
        Some(Parents::Root) | None => (Vec::new(), true),
    };
    Header {
        id: m.revision.as_ref().map(named),
        parents,
        root,
        labels: m.branch_labels.iter().map(named).collect(),
        depends_on: m.depends_on.iter().map(named).collect(),
        ops: m.up.as_ref().map_or(0, |b| b.unparsed + b.stmts.len()),
        anchor,
        clean,
    }
}
