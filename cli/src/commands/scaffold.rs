//! `new` and `merge`: write a revision file into the migrations folder, and register its module
//! unless `retort::migrations!()` declares the folder.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use retort::config::{slug, Config, FileNameParts, FileTemplate};
use retort::graph::{GraphError, RevisionGraph};
use retort::Revision;
use serde::Serialize;

use crate::args::{MergeArgs, NewArgs};
use crate::output::style::{DIM, ID, OK};
use crate::output::{Verbosity, View};

/// The `--head` value that starts a new root revision.
const BASE: &str = "base";
/// The `merge` argument that stands for every head.
const HEADS: &str = "heads";

/// A revision file could not be planned or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScaffoldError {
    /// Several heads and no `--head`.
    #[error("there are {} heads ({}); pass --head REV to choose the parent, or join them first with `merge heads -m MESSAGE`", heads.len(), heads.join(", "))]
    MultipleHeads {
        /// The heads.
        heads: Vec<String>,
    },
    /// A revision given on the command line is not in the graph.
    #[error("{arg} {rev:?} does not name a revision")]
    Resolve {
        /// Which argument.
        arg: &'static str,
        /// The value given.
        rev: String,
        /// Why not.
        source: GraphError,
    },
    /// The revision graph could not be built.
    #[error("the revision graph is broken, so no parent can be chosen")]
    Graph(#[source] GraphError),
    /// A revision was named before any exists.
    #[error(
        "{arg} {rev:?} names a revision but none is linked into this binary; leave it out to write the first revision"
    )]
    NoRevisions {
        /// Which argument.
        arg: &'static str,
        /// The value given.
        rev: String,
    },
    /// `merge` needs two distinct revisions.
    #[error("merge needs at least two distinct revisions, got {}; name two heads, or `heads`", revs.join(", "))]
    MergeNeedsTwo {
        /// The distinct revisions given.
        revs: Vec<String>,
    },
    /// A merged revision is an ancestor of another one.
    #[error("{ancestor} is an ancestor of {descendant}, so merging them changes nothing; merge heads, see `heads`")]
    MergeAncestor {
        /// The ancestor.
        ancestor: String,
        /// Its descendant.
        descendant: String,
    },
    /// A branch label is taken.
    #[error("branch label {label:?} is already used by revision {rev}; choose another label")]
    LabelTaken {
        /// The label.
        label: String,
        /// The revision that has it.
        rev: String,
    },
    /// The migrations folder does not exist.
    #[error("the migrations folder {} does not exist; create it with a mod.rs declared from your crate, or set migrations_dir in retort.toml", dir.display())]
    NoMigrationsDir {
        /// The folder.
        dir: PathBuf,
    },
    /// No module file declares the folder's modules.
    #[error("neither {}/mod.rs nor {}.rs exists, so the new module cannot be registered; create the one your crate declares", dir.display(), dir.display())]
    NoModFile {
        /// The folder.
        dir: PathBuf,
    },
    /// `--rev-id` cannot be the new revision's id.
    #[error("--rev-id {id:?} cannot be used: it {reason}; use letters, digits and `_`, as an id no revision has yet")]
    RevId {
        /// The id given.
        id: String,
        /// Why not.
        reason: String,
    },
    /// The file name is taken.
    #[error("{} already exists; run the command again for a fresh id, or change file_template", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("could not write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A revision file of the folder cannot be read.
    #[error(transparent)]
    Unreadable(#[from] super::folder::UnreadableFile),
    /// No randomness for the id.
    #[error("could not draw a random revision id ({0}); check the system's random source")]
    Random(getrandom::Error),
}

/// A revision about to be written: what the file declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewRevision {
    /// Fresh id: 12 lowercase hex digits.
    pub revision: String,
    /// Parent ids: none for a root, two or more for a merge.
    pub parents: Vec<String>,
    /// Branch labels.
    pub branch_labels: Vec<String>,
    /// Dependencies that are not parents.
    pub depends_on: Vec<String>,
    /// The message (the doc comment).
    pub message: String,
}

/// What `new` / `merge` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// The revision.
    #[serde(flatten)]
    pub revision: NewRevision,
    /// The revision file.
    pub path: PathBuf,
    /// The module name registered.
    pub module: String,
    /// The file that declares the folder's modules.
    pub mod_file: PathBuf,
    /// Whether `mod <module>;` was appended to it: not when it calls `retort::migrations!()`,
    /// which declares every file of the folder itself.
    pub registered: bool,
}

/// Plans `new`: the parent is `--head`, else the single head; no graph means a first revision.
pub fn plan_new(graph: Option<&RevisionGraph<'_>>, args: &NewArgs) -> Result<NewRevision, ScaffoldError> {
    let parents = match (graph, args.head.as_deref()) {
        (_, Some(BASE)) => Vec::new(),
        (Some(graph), Some(head)) => vec![resolve(graph, "--head", head)?],
        (None, Some(head)) => return Err(ScaffoldError::NoRevisions { arg: "--head", rev: head.to_string() }),
        (None, None) => Vec::new(),
        (Some(graph), None) => {
            let heads = graph.heads();
            match heads.as_slice() {
                [head] => vec![head.id.to_string()],
                heads => {
                    return Err(ScaffoldError::MultipleHeads {
                        heads: heads.iter().map(|h| h.id.to_string()).collect(),
                    })
                }
            }
        }
    };
    let depends_on = match graph {
        Some(graph) => args.depends_on.iter().map(|d| resolve(graph, "--depends-on", d)).collect::<Result<_, _>>()?,
        None => match args.depends_on.first() {
            Some(d) => return Err(ScaffoldError::NoRevisions { arg: "--depends-on", rev: d.clone() }),
            None => Vec::new(),
        },
    };
    let revisions: Vec<&Revision> = graph.map(|g| g.topological()).unwrap_or_default();
    check_labels(&revisions, &args.branch_label)?;
    let revision = match &args.rev_id {
        Some(id) => given_id(&revisions, id)?,
        None => fresh_id(&revisions)?,
    };
    Ok(NewRevision {
        revision,
        parents,
        branch_labels: args.branch_label.clone(),
        depends_on,
        message: args.message.clone(),
    })
}

/// Plans `merge`: a revision whose parents are the given revisions (`heads` = every head).
pub fn plan_merge(graph: &RevisionGraph<'_>, args: &MergeArgs) -> Result<NewRevision, ScaffoldError> {
    let mut parents: Vec<String> = Vec::new();
    for rev in &args.revs {
        let ids = if rev == HEADS {
            graph.heads().iter().map(|h| h.id.to_string()).collect()
        } else {
            vec![resolve(graph, "merge", rev)?]
        };
        for id in ids {
            if !parents.contains(&id) {
                parents.push(id);
            }
        }
    }
    if parents.len() < 2 {
        return Err(ScaffoldError::MergeNeedsTwo { revs: parents });
    }
    for a in &parents {
        for b in &parents {
            if a != b && is_ancestor(graph, a, b) {
                return Err(ScaffoldError::MergeAncestor { ancestor: a.clone(), descendant: b.clone() });
            }
        }
    }
    let revisions = graph.topological();
    check_labels(&revisions, &args.branch_label)?;
    Ok(NewRevision {
        revision: fresh_id(&revisions)?,
        parents,
        branch_labels: args.branch_label.clone(),
        depends_on: Vec::new(),
        message: args.message.clone(),
    })
}

fn resolve(graph: &RevisionGraph<'_>, arg: &'static str, rev: &str) -> Result<String, ScaffoldError> {
    graph.resolve(rev).map(|r| r.id.to_string()).map_err(|source| ScaffoldError::Resolve {
        arg,
        rev: rev.to_string(),
        source,
    })
}

/// Whether `ancestor` is an ancestor of `descendant`.
fn is_ancestor(graph: &RevisionGraph<'_>, ancestor: &str, descendant: &str) -> bool {
    graph.ancestors(descendant).is_ok_and(|ancestors| ancestors.iter().any(|r| r.id == ancestor))
}

fn check_labels(revisions: &[&Revision], labels: &[String]) -> Result<(), ScaffoldError> {
    for label in labels {
        if let Some(rev) = revisions.iter().find(|r| r.branch_labels.iter().any(|l| l == label)) {
            return Err(ScaffoldError::LabelTaken { label: label.clone(), rev: rev.id.to_string() });
        }
    }
    Ok(())
}

/// `--rev-id`, checked as the graph will check it once the file is built, so that a bad id is
/// refused before a file exists: well formed, and neither an id nor a branch label already.
fn given_id(revisions: &[&Revision], id: &str) -> Result<String, ScaffoldError> {
    let refuse = |reason: String| Err(ScaffoldError::RevId { id: id.to_string(), reason });
    match retort::graph::check_id(id) {
        Ok(()) => {}
        Err(GraphError::InvalidId { reason, .. }) => return refuse(reason.to_string()),
        Err(other) => return refuse(other.to_string()),
    }
    if let Some(rev) = revisions.iter().find(|r| r.id == id) {
        return refuse(format!("is already the id of the revision in {}", rev.source));
    }
    if let Some(rev) = revisions.iter().find(|r| r.branch_labels.iter().any(|l| l == id)) {
        return refuse(format!("is the branch label of revision {}", rev.id));
    }
    Ok(id.to_string())
}

/// A random 12-hex-digit id that no existing revision has and that no existing id starts with.
fn fresh_id(revisions: &[&Revision]) -> Result<String, ScaffoldError> {
    loop {
        let mut bytes = [0u8; 6];
        getrandom::fill(&mut bytes).map_err(ScaffoldError::Random)?;
        let id = bytes.iter().fold(String::with_capacity(12), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
        if !revisions.iter().any(|r| r.id.starts_with(&id) || id.starts_with(r.id.as_ref())) {
            return Ok(id);
        }
    }
}

impl NewRevision {
    /// The revision file's text.
    pub fn source(&self) -> String {
        let mut s = String::new();
        let title = self.message.lines().find(|l| !l.trim().is_empty()).unwrap_or("revision").trim();
        let _ = writeln!(s, "//! {title}\n");
        s.push_str("retort::migration! {\n");
        for line in self.message.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                s.push_str("    ///\n");
            } else {
                let _ = writeln!(s, "    /// {line}");
            }
        }
        if self.message.trim().is_empty() {
            s.push_str("    ///\n");
        }
        let _ = writeln!(s, "    revision: {:?},", self.revision);
        match self.parents.as_slice() {
            [] => s.push_str("    parent: none,\n"),
            [parent] => {
                let _ = writeln!(s, "    parent: {parent:?},");
            }
            parents => {
                let _ = writeln!(s, "    parents: [{}],", quoted(parents));
            }
        }
        match self.branch_labels.as_slice() {
            [] => {}
            [label] => {
                let _ = writeln!(s, "    branch_label: {label:?},");
            }
            labels => {
                let _ = writeln!(s, "    branch_labels: [{}],", quoted(labels));
            }
        }
        if !self.depends_on.is_empty() {
            let _ = writeln!(s, "    depends_on: [{}],", quoted(&self.depends_on));
        }
        if self.parents.len() > 1 {
            s.push_str("    up {}\n");
        } else {
            s.push_str(
                "    up {\n        // e.g. add_column(\"users\", column(\"nickname\", Text).nullable());\n    }\n",
            );
        }
        s.push_str("}\n");
        s
    }

    /// The file name the template gives this revision at `now`.
    pub fn file_name(&self, template: &FileTemplate, now: chrono::DateTime<chrono::Utc>) -> String {
        let (date, time) = (now.format("%Y%m%d").to_string(), now.format("%H%M%S").to_string());
        let slug = slug(&self.message);
        // The file stem is a module name, which rustc wants in snake case; the id in the file
        // keeps its case.
        let rev = self.revision.to_ascii_lowercase();
        template.render(&FileNameParts { date: &date, time: &time, rev: &rev, slug: &slug })
    }

    /// Writes the file into the migrations folder and registers its module.
    pub fn write(self, config: &Config) -> Result<Written, ScaffoldError> {
        let dir = &config.migrations_dir;
        if !dir.is_dir() {
            return Err(ScaffoldError::NoMigrationsDir { dir: dir.clone() });
        }
        let mod_file = mod_file(dir)?;
        let file_name = self.file_name(&config.file_template, chrono::Utc::now());
        let module = file_name.trim_end_matches(".rs").to_string();
        let path = dir.join(&file_name);
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ScaffoldError::Write { path, source }
        };

        let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(ScaffoldError::Exists { path }),
            Err(e) => return Err(write_err(&path)(e)),
        };
        file.write_all(self.source().as_bytes()).map_err(write_err(&path))?;
        drop(file);
        let registered = match register(&mod_file, &module) {
            Ok(registered) => registered,
            Err(e) => {
                // Without its registration the file would be dead code; leave no half-done change.
                let _ = std::fs::remove_file(&path);
                return Err(write_err(&mod_file)(e));
            }
        };
        Ok(Written { revision: self, path, module, mod_file, registered })
    }
}

impl View for Written {
    fn text(&self, w: &mut dyn io::Write, _: Verbosity) -> io::Result<()> {
        let rev = &self.revision;
        let parents = match rev.parents.as_slice() {
            [] => "no parent: a new root".to_string(),
            [parent] => format!("parent {ID}{parent}{ID:#}"),
            parents => {
                format!("merging {}", parents.iter().map(|p| format!("{ID}{p}{ID:#}")).collect::<Vec<_>>().join(", "))
            }
        };
        writeln!(w, "{OK}created{OK:#} {} ({ID}{}{ID:#}, {parents})", relative(&self.path).display(), rev.revision)?;
        if self.registered {
            writeln!(w, "  registered as `mod {};` in {}", self.module, relative(&self.mod_file).display())?;
        } else {
            writeln!(w, "  declared by `retort::migrations!()` in {}", relative(&self.mod_file).display())?;
        }
        writeln!(w, "{DIM}  rebuild the binary to pick it up{DIM:#}")
    }
}

/// `path` relative to the working directory when it is below it, for shorter messages.
fn relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", ")
}

/// The file that declares the folder's modules: `dir/mod.rs`, else the sibling `dir.rs`.
fn mod_file(dir: &Path) -> Result<PathBuf, ScaffoldError> {
    let inner = dir.join("mod.rs");
    if inner.is_file() {
        return Ok(inner);
    }
    let sibling = dir.with_extension("rs");
    if sibling.is_file() {
        return Ok(sibling);
    }
    Err(ScaffoldError::NoModFile { dir: dir.to_path_buf() })
}

/// Appends `mod <module>;` (or `pub mod` when the file declares only public modules), unless the
/// file calls `migrations!()`, which declares every file of the folder. Whether it appended.
fn register(mod_file: &Path, module: &str) -> std::io::Result<bool> {
    let text = std::fs::read_to_string(mod_file)?;
    if text.lines().any(|l| {
        let code = l.trim_start();
        !code.starts_with("//") && code.contains("migrations!(")
    }) {
        return Ok(false);
    }
    let declares = |prefix: &str| text.lines().any(|l| l.trim_start().starts_with(prefix));
    let visibility = if declares("pub mod ") && !declares("mod ") { "pub " } else { "" };
    let separator = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    let mut file = std::fs::OpenOptions::new().append(true).open(mod_file)?;
    writeln!(file, "{separator}{visibility}mod {module};")?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;
    use std::borrow::Cow;

    fn rev(id: &'static str, parents: &'static [Cow<'static, str>]) -> Revision {
        Revision {
            id: Cow::Borrowed(id),
            parents: Cow::Borrowed(parents),
            branch_labels: Cow::Borrowed(&[]),
            depends_on: Cow::Borrowed(&[]),
            message: Cow::Borrowed("m"),
            transaction: Default::default(),
            ops: Cow::Borrowed(r#"{"up":[{"op":"placeholder"}],"down":null}"#),
            irreversible: false,
            checksum: Cow::Borrowed(""),
            source: Cow::Borrowed("test"),
            allowed: Cow::Borrowed(&[]),
            lock_timeout_ms: None,
            statement_timeout_ms: None,
            lock_retries: None,
        }
    }

    /// base ← a ← {b1, b2}: two heads.
    fn forked() -> Vec<Revision> {
        vec![
            rev("000000000001", &[]),
            rev("0000000000a1", &[Cow::Borrowed("000000000001")]),
            rev("0000000000b1", &[Cow::Borrowed("0000000000a1")]),
            rev("0000000000b2", &[Cow::Borrowed("0000000000a1")]),
        ]
    }

    fn to_revision(new: &NewRevision) -> Revision {
        let leak =
            |v: &[String]| -> Cow<'static, [Cow<'static, str>]> { v.iter().map(|s| Cow::Owned(s.clone())).collect() };
        Revision {
            id: Cow::Owned(new.revision.clone()),
            parents: leak(&new.parents),
            branch_labels: leak(&new.branch_labels),
            depends_on: leak(&new.depends_on),
            ..rev("x", &[])
        }
    }

    fn new_args(message: &str) -> NewArgs {
        NewArgs { message: message.into(), head: None, branch_label: vec![], depends_on: vec![], rev_id: None }
    }

    #[test]
    fn merge_of_two_heads_produces_a_single_head() {
        let revs = forked();
        let graph = RevisionGraph::build(&revs).unwrap();
        assert_eq!(graph.heads().len(), 2);
        let merge =
            plan_merge(&graph, &MergeArgs { revs: vec!["heads".into()], message: "join".into(), branch_label: vec![] })
                .unwrap();
        assert_eq!(merge.parents, ["0000000000b1", "0000000000b2"]);

        let mut revs = revs;
        revs.push(to_revision(&merge));
        let graph = RevisionGraph::build(&revs).unwrap();
        let heads: Vec<_> = graph.heads().iter().map(|h| h.id.to_string()).collect();
        assert_eq!(heads, [merge.revision]);
    }

    #[test]
    fn new_with_several_heads_and_no_head_names_the_heads() {
        let revs = forked();
        let graph = RevisionGraph::build(&revs).unwrap();
        let err = plan_new(Some(&graph), &new_args("x")).unwrap_err();
        assert!(matches!(err, ScaffoldError::MultipleHeads { ref heads } if heads.len() == 2), "{err:?}");
        assert!(err.to_string().contains("0000000000b1, 0000000000b2"));
    }

    #[test]
    fn new_parent_is_the_single_head_or_the_given_one() {
        let revs = forked();
        let graph = RevisionGraph::build(&revs[..3]).unwrap();
        assert_eq!(plan_new(Some(&graph), &new_args("x")).unwrap().parents, ["0000000000b1"]);
        let graph = RevisionGraph::build(&revs).unwrap();
        let args = NewArgs { head: Some("0000000000b2".into()), ..new_args("x") };
        assert_eq!(plan_new(Some(&graph), &args).unwrap().parents, ["0000000000b2"]);
        let args = NewArgs { head: Some("base".into()), ..new_args("x") };
        assert!(plan_new(Some(&graph), &args).unwrap().parents.is_empty());
    }

    #[test]
    fn rev_id_is_used_when_well_formed_and_new() {
        let revs = forked();
        let graph = RevisionGraph::build(&revs).unwrap();
        let args = |id: &str| NewArgs { head: Some("0000000000b1".into()), rev_id: Some(id.into()), ..new_args("x") };
        assert_eq!(plan_new(Some(&graph), &args("Add_users_2")).unwrap().revision, "Add_users_2");
        for (bad, why) in [
            ("head", "reserved word"),
            ("base", "reserved word"),
            ("a-b", "`-`"),
            ("a b", "whitespace"),
            ("café", "other than a letter"),
            ("", "empty"),
            ("0000000000a1", "already the id of the revision in test"),
        ] {
            let err = plan_new(Some(&graph), &args(bad)).unwrap_err();
            assert!(matches!(err, ScaffoldError::RevId { .. }), "{bad}: {err:?}");
            assert!(err.to_string().contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn first_revision_has_no_parent() {
        let new = plan_new(None, &new_args("Initial schema")).unwrap();
        assert!(new.parents.is_empty());
        assert_eq!(new.revision.len(), 12);
        assert!(new.revision.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn merge_of_a_revision_with_its_ancestor_is_refused() {
        let revs = forked();
        let graph = RevisionGraph::build(&revs).unwrap();
        let args = MergeArgs {
            revs: vec!["0000000000a1".into(), "0000000000b1".into()],
            message: "m".into(),
            branch_label: vec![],
        };
        assert!(matches!(plan_merge(&graph, &args), Err(ScaffoldError::MergeAncestor { .. })));
    }

    #[test]
    fn revision_file_declares_parent_doc_and_empty_up() {
        let new = NewRevision {
            revision: "9c2b3f1a4e5d".into(),
            parents: vec!["8f1a2b3c4d5e".into()],
            branch_labels: vec!["auth".into()],
            depends_on: vec!["1a2b3c4d5e6f".into()],
            message: "Add user roles\n\nWith a \"quoted\" word".into(),
        };
        assert_eq!(
            new.source(),
            "//! Add user roles\n\nretort::migration! {\n    /// Add user roles\n    ///\n    /// With a \"quoted\" word\n    \
             revision: \"9c2b3f1a4e5d\",\n    parent: \"8f1a2b3c4d5e\",\n    branch_label: \"auth\",\n    \
             depends_on: [\"1a2b3c4d5e6f\"],\n    up {\n        // e.g. add_column(\"users\", column(\"nickname\", Text).nullable());\n    }\n}\n"
        );
        let merge =
            NewRevision { parents: vec!["a".into(), "b".into()], branch_labels: vec![], depends_on: vec![], ..new };
        assert!(merge.source().contains("    parents: [\"a\", \"b\"],\n    up {}\n"));
    }

    #[test]
    fn writing_registers_the_module_after_existing_ones() {
        let dir = std::env::temp_dir().join(format!("retort-scaffold-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mod.rs"), "//! Revisions.\nmod r1;").unwrap();
        let mut sources = retort::config::Sources::new("app", &dir, &dir).migrations_dir(&dir);
        sources.database_url_flag = Some("sqlite://x".into());
        let config = Config::resolve(&sources).unwrap();
        let written = plan_new(None, &new_args("Add users")).unwrap().write(&config).unwrap();
        assert!(
            written.module.starts_with('r')
                && written.module.ends_with(&format!("{}_add_users", written.revision.revision))
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("mod.rs")).unwrap(),
            format!("//! Revisions.\nmod r1;\nmod {};\n", written.module)
        );
        assert_eq!(std::fs::read_to_string(&written.path).unwrap(), written.revision.source());
    }
}
