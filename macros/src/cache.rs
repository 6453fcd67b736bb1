//! `migrations!()`'s cache: each revision file's [`Analysis`], keyed by the SHA-256 of its text,
//! under the crate's `OUT_DIR` (a crate without a build script has none, and no cache), so that
//! after an edit only the edited file is parsed and evaluated again.
//!
//! One small file per entry, in a folder per revision folder and per everything else the
//! analysis depends on (the macro's build id, the project's settings): a new key starts a new
//! folder and the revision folder's old ones are removed. Entries are written to a temporary file and renamed into place, so that a
//! reader (another rustc on the same crate) never sees half of one; an entry that does not read
//! back is recomputed, never an error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::analyze::Analysis;
use retort_source::project::Project;

/// Bumped when [`Analysis`] changes shape without the macro's sources changing (never, in
/// practice: the build id covers the sources).
const FORMAT: u32 = 1;

/// The cache folder of this build of the macro and this project, if the crate has an `OUT_DIR`.
pub(crate) struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// The cache of the revision folder `folder` for `project` in `out_dir` (the crate's
    /// `OUT_DIR`), or none without one.
    pub(crate) fn open(out_dir: Option<PathBuf>, folder: &Path, project: &Project) -> Cache {
        let Some(out) = out_dir else { return Cache { dir: None } };
        let key = format!("{FORMAT} {} {} {project:?}", env!("CARGO_PKG_VERSION"), env!("RETORT_MACROS_BUILD"));
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let root = out.join("retort-migrations").join(&digest(folder.as_os_str().as_encoded_bytes())[..16]);
        let dir = root.join(&digest(key.as_bytes())[..16]);
        if !dir.is_dir() {
            // Another key's entries are of no more use.
            if let Ok(old) = std::fs::read_dir(&root) {
                for entry in old.filter_map(Result::ok) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
            if std::fs::create_dir_all(&dir).is_err() {
                return Cache { dir: None };
            }
        }
        Cache { dir: Some(dir) }
    }

    /// The analysis of a text whose digest is `digest`, if one was stored and reads back.
    pub(crate) fn get(&self, digest: &str) -> Option<Analysis> {
        let text = std::fs::read_to_string(self.dir.as_ref()?.join(digest)).ok()?;
        let mut lines = text.split('\n');
        let mut analysis: Analysis = serde_json::from_str(lines.next()?).ok()?;
        for revision in &mut analysis.revisions {
            let line = lines.next()?;
            revision.registration = (!line.is_empty()).then(|| line.to_string());
        }
        // A truncated entry lacks the last line's newline.
        (lines.next() == Some("")).then_some(analysis)
    }

    /// Stores `analysis` for `digest`; a failure leaves the entry out, which costs only time.
    ///
    /// The analysis is one line of JSON, followed by each revision's registration on its own
    /// line (JSON has no raw newline), kept as text so that reading it back parses nothing.
    pub(crate) fn put(&self, digest: &str, analysis: &Analysis) {
        let Some(dir) = &self.dir else { return };
        let Ok(mut text) = serde_json::to_string(analysis) else { return };
        text.push('\n');
        for revision in &analysis.revisions {
            text.push_str(revision.registration.as_deref().unwrap_or_default());
            text.push('\n');
        }
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let temp = dir.join(format!(".{digest}.{}.{nanos}.tmp", std::process::id()));
        if std::fs::write(&temp, text).is_err() || std::fs::rename(&temp, dir.join(digest)).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Removes the entries that no file of `keep` has any more, once they outnumber the files:
    /// edits leave one behind each, and a folder of them costs only disk.
    pub(crate) fn prune(&self, keep: &[String]) {
        let Some(dir) = &self.dir else { return };
        let keep: HashSet<&str> = keep.iter().map(String::as_str).collect();
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        if entries.len() <= 2 * keep.len() + 16 {
            return;
        }
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !keep.contains(name.as_str()) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// The hex SHA-256 of `bytes`.
pub(crate) fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
