//! The revisions on disk: `new` and `merge` read the migrations folder with the `migration!`
//! parser (`retort-source`), so that a revision written since the last build counts. Two `new`
//! in a row then chain, and a binary that links no revision yet does not write a second root.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use retort::Revision;
use retort_source::folder::{self, Header, SourceFile};

/// A revision file that cannot be read, so no parent can be chosen safely.
#[derive(Debug, thiserror::Error)]
#[error("cannot read revision file {}: {reason}; fix it (or move it out of the folder) and run the command again", path.display())]
pub struct UnreadableFile {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

/// The linked revisions, followed by every revision of `dir`'s files that is not linked (by id).
/// A folder that does not exist adds nothing (writing the file reports it).
pub fn with_files(dir: &Path, linked: &[&Revision]) -> Result<Vec<Revision>, UnreadableFile> {
    let mut out: Vec<Revision> = linked.iter().map(|r| (*r).clone()).collect();
    let Ok(files) = folder::read(dir) else { return Ok(out) };
    for file in &files {
        if let Some(reason) = &file.error {
            return Err(UnreadableFile { path: file.path.clone(), reason: reason.clone() });
        }
        for header in &file.revisions {
            let Some(id) = &header.id else {
                let reason = "a `migration!` without `revision: \"..\"`".to_string();
                return Err(UnreadableFile { path: file.path.clone(), reason });
            };
            if !out.iter().any(|r| r.id == id.value) {
                out.push(revision(file, header, &id.value));
            }
        }
    }
    Ok(out)
}

/// The graph's view of a revision read from its file; its ops stay unread.
fn revision(file: &SourceFile, header: &Header, id: &str) -> Revision {
    let owned = |items: &[folder::Named]| -> Cow<'static, [Cow<'static, str>]> {
        items.iter().map(|n| Cow::Owned(n.value.clone())).collect()
    };
    let line = header.id.as_ref().map_or(header.anchor.line, |i| i.at.line);
    Revision {
        id: Cow::Owned(id.to_string()),
        parents: owned(&header.parents),
        branch_labels: owned(&header.labels),
        depends_on: owned(&header.depends_on),
        message: Cow::Borrowed(""),
        transaction: Default::default(),
        // Not a serialized op list: the graph only reads ids, and nothing applies this revision.
        ops: Cow::Borrowed(""),
        irreversible: false,
        checksum: Cow::Borrowed(""),
        source: Cow::Owned(format!("{}:{line}", file.path.display())),
        allowed: Cow::Borrowed(&[]),
        lock_timeout_ms: None,
        statement_timeout_ms: None,
        lock_retries: None,
    }
}
