//! The tidy checks: each test greps the workspace for one STYLE.md rule and lists every offence.
//!
//! The greps skip comment lines (`//`, `///`, `//!`): rules are about code, and doc examples may
//! legitimately show e.g. `Dialect::Postgres`. Code after the first `#[cfg(test)]` line of a file,
//! and files under a `tests/` or `benches/` folder, count as test code.

use std::fs;
use std::path::Path;

use crate::cmd::workspace_root;

/// Files over this many lines are reported (STYLE rule 3: "needs a reason or a split").
const LINES_REPORTED: usize = 800;
/// Files over this many lines fail the check.
const LINES_FAILED: usize = 1200;

/// A Rust source file, by its path relative to the workspace root (with `/` separators).
struct Source {
    path: String,
    text: String,
}

impl Source {
    /// `(line number, line)` of the lines that are neither blank nor comments.
    fn code_lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with("//")
        })
    }

    /// The code lines that are not test code.
    fn non_test_code_lines(&self) -> Vec<(usize, &str)> {
        if is_test_path(&self.path) {
            return Vec::new();
        }
        self.code_lines().take_while(|(_, l)| l.trim() != "#[cfg(test)]").collect()
    }

    fn under(&self, dir: &str) -> bool {
        self.path.starts_with(dir)
    }
}

/// Test-only files: under a `tests/` or `benches/` folder, or a `tests.rs` module (which its parent
/// mounts under `#[cfg(test)]`).
fn is_test_path(path: &str) -> bool {
    path.contains("/tests/") || path.contains("/benches/") || path.ends_with("/tests.rs")
}

/// Every `.rs` file of the workspace except build output, VCS data and the trybuild cases (which
/// are inputs to the compiler, not our code).
fn sources() -> Vec<Source> {
    let root = workspace_root();
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = relative(&root, &path);
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                let skipped = name.starts_with('.') || name == "target" || rel == "tests/ui" || rel == "vendor";
                if !skipped {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                let text = fs::read_to_string(&path).unwrap_or_default();
                files.push(Source { path: rel, text });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn read(rel: &str) -> String {
    fs::read_to_string(workspace_root().join(rel)).unwrap_or_default()
}

/// Fails listing every offence, one per line, so the fix needs no second run.
fn assert_none(rule: &str, offences: &[String]) {
    assert!(offences.is_empty(), "{rule}:\n  {}\n", offences.join("\n  "));
}

/// Occurrences of `needle` in `line` that start a token (the preceding character is not part of
/// an identifier), so `quote!` does not match `parse_quote!`.
fn token_starts(line: &str, needle: &str) -> Vec<usize> {
    line.match_indices(needle)
        .filter(|(at, _)| !line[..*at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| at)
        .collect()
}

/// The workspace members as `(folder, package name)`, from the root manifest.
fn members() -> Vec<(String, String)> {
    let root = read("Cargo.toml");
    let Some(start) = root.find("\nmembers") else { return Vec::new() };
    let list = &root[start..];
    let list = &list[..list.find(']').unwrap_or(list.len())];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(|dir| {
            let manifest = read(&format!("{dir}/Cargo.toml"));
            let name = toml_sections(&manifest)
                .into_iter()
                .filter(|(section, _)| section == "package")
                .flat_map(|(_, lines)| lines)
                .find_map(|(_, line)| {
                    key_value(&line).filter(|(k, _)| k == "name").map(|(_, v)| v.trim_matches('"').to_owned())
                })
                .unwrap_or_default();
            (dir.to_owned(), name)
        })
        .collect()
}

/// A manifest as `(section header, [(line number, line)])`, good enough for the flat manifests of
/// this workspace (xtask stays dependency-free, so no toml crate).
fn toml_sections(manifest: &str) -> Vec<(String, Vec<(usize, String)>)> {
    let mut sections = vec![(String::new(), Vec::new())];
    for (i, line) in manifest.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') && t.ends_with(']') {
            sections.push((t.trim_matches(['[', ']']).trim().to_owned(), Vec::new()));
        } else if !t.is_empty() && !t.starts_with('#') {
            if let Some(last) = sections.last_mut() {
                last.1.push((i + 1, t.to_owned()));
            }
        }
    }
    sections
}

fn key_value(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once('=')?;
    Some((k.trim().to_owned(), v.trim().to_owned()))
}

fn is_dependency_table(section: &str) -> bool {
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .any(|kind| section == *kind || section.ends_with(&format!(".{kind}")))
}

#[test]
fn every_rust_file_starts_with_a_module_doc_comment() {
    let offences: Vec<String> = sources()
        .iter()
        .filter(|s| !s.text.starts_with("//!"))
        .map(|s| format!("{}:1: {}", s.path, s.text.lines().next().unwrap_or("(empty file)")))
        .collect();
    assert_none("every .rs file starts with a `//!` line saying what it is (STYLE 23)", &offences);
}

#[test]
fn no_dbg_or_todo_in_non_test_code() {
    // Spelled in two halves so that this file does not match itself.
    let needles = [concat!("dbg", "!("), concat!("todo", "!(")];
    let mut offences = Vec::new();
    for source in sources() {
        for (n, line) in source.non_test_code_lines() {
            if needles.iter().any(|needle| !token_starts(line, needle).is_empty()) {
                offences.push(format!("{}:{n}: {}", source.path, line.trim()));
            }
        }
    }
    assert_none("no dbg or todo macro outside tests (STYLE 22)", &offences);
}

#[test]
fn member_manifests_take_versions_from_the_workspace() {
    let mut offences = Vec::new();
    for (dir, _) in members() {
        let path = format!("{dir}/Cargo.toml");
        for (section, lines) in toml_sections(&read(&path)) {
            if is_dependency_table(&section) {
                for (n, line) in lines {
                    let inherits = line.replace(' ', "");
                    if !(inherits.contains(".workspace=true") || inherits.contains("workspace=true")) {
                        offences.push(format!("{path}:{n}: [{section}] {line}"));
                    }
                }
            } else if let Some(dep) = ["dependencies.", "dev-dependencies.", "build-dependencies."]
                .iter()
                .find_map(|prefix| section.split_once(prefix).map(|(_, dep)| dep))
            {
                // `[dependencies.foo]` table form
                if !lines.iter().any(|(_, l)| l.replace(' ', "") == "workspace=true") {
                    offences.push(format!("{path}: [{section}] lacks `workspace = true` for {dep}"));
                }
            }
        }
    }
    assert_none(
        "member dependencies name no version: write `dep.workspace = true` and put the version in the root \
         [workspace.dependencies] (STYLE 1)",
        &offences,
    );
}

#[test]
fn members_inherit_the_workspace_lints() {
    let offences: Vec<String> = members()
        .into_iter()
        .filter(|(dir, _)| {
            let sections = toml_sections(&read(&format!("{dir}/Cargo.toml")));
            !sections.iter().any(|(section, lines)| {
                (section == "lints" && lines.iter().any(|(_, l)| l.replace(' ', "") == "workspace=true"))
                    || lines.iter().any(|(_, l)| l.replace(' ', "") == "lints.workspace=true")
            })
        })
        .map(|(dir, _)| format!("{dir}/Cargo.toml: no `[lints] workspace = true`"))
        .collect();
    assert_none("every member inherits [workspace.lints] (STYLE 1)", &offences);
}

#[test]
fn every_member_is_named_in_architecture_md() {
    let architecture = read("ARCHITECTURE.md");
    let headings: Vec<&str> = architecture.lines().filter(|l| l.starts_with('#')).collect();
    let offences: Vec<String> = members()
        .into_iter()
        .filter(|(dir, name)| {
            !headings.iter().any(|h| h.contains(dir.as_str()) || (!name.is_empty() && h.contains(name.as_str())))
        })
        .map(|(dir, name)| format!("`{dir}/` (crate `{name}`) has no heading in ARCHITECTURE.md's code map"))
        .collect();
    assert_none("ARCHITECTURE.md has a heading per workspace member (STYLE 4)", &offences);
}

#[test]
fn only_expansion_code_calls_quote() {
    let mut offences = Vec::new();
    for source in sources().iter().filter(|s| s.under("macros/src/")) {
        let inner = &source.path["macros/src/".len()..];
        let allowed = inner.starts_with("expand") || inner.ends_with("fallback.rs");
        if allowed {
            continue;
        }
        // Tests may quote their input tokens.
        for (n, line) in source.non_test_code_lines() {
            if ["quote!", "quote_spanned!"].iter().any(|m| !token_starts(line, m).is_empty()) {
                offences.push(format!("{}:{n}: {}", source.path, line.trim()));
            }
        }
    }
    assert_none("only macros/src/expand* and fallback.rs call `quote!` (STYLE 5)", &offences);
}

#[test]
fn expansion_names_only_retort_private() {
    let mut offences = Vec::new();
    for source in sources().iter().filter(|s| s.under("macros/src/expand")) {
        for (n, line) in source.code_lines() {
            for krate in ["inventory::", "sea_query::", "diesel::"] {
                // `::retort::__private::inventory::submit!` is the sanctioned route; any other path
                // to these crates breaks users who do not depend on them directly.
                if token_starts(line, krate).into_iter().any(|at| !line[..at].ends_with("__private::")) {
                    offences.push(format!("{}:{n}: {}", source.path, line.trim()));
                    break;
                }
            }
        }
    }
    assert_none(
        "expanded code names `::retort::__private::…`, never `::inventory`, `::sea_query` or `::diesel` (STYLE 2)",
        &offences,
    );
}

#[test]
fn revision_graph_does_no_database_io() {
    let offences: Vec<String> = sources()
        .iter()
        .filter(|s| s.under("core/src/graph"))
        .flat_map(|s| {
            s.code_lines()
                .filter(|(_, l)| l.contains("use diesel") || !token_starts(l, "diesel::").is_empty())
                .map(|(n, l)| format!("{}:{n}: {}", s.path, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_none("core/src/graph is pure: no diesel (STYLE 15)", &offences);
}

#[test]
fn only_backend_matches_on_dialect() {
    let offences: Vec<String> = sources()
        .iter()
        .filter(|s| s.under("core/src/") && !s.under("core/src/backend/"))
        .flat_map(|s| {
            s.code_lines()
                .filter(|(_, l)| !token_starts(l, "Dialect::").is_empty())
                .map(|(n, l)| format!("{}:{n}: {}", s.path, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_none(
        "`Dialect::` appears in core/src only under core/src/backend/: put the difference in a backend method or \
         a capability (STYLE 12)",
        &offences,
    );
}

#[test]
fn files_stay_under_the_line_limit() {
    let mut long: Vec<(usize, String)> = sources()
        .into_iter()
        .map(|s| (s.text.lines().count(), s.path))
        .filter(|(lines, _)| *lines > LINES_REPORTED)
        .collect();
    long.sort_by(|a, b| b.cmp(a));
    for (lines, path) in &long {
        println!("tidy: {path} has {lines} lines (over {LINES_REPORTED}: give a reason or split it by family)");
    }
    let offences: Vec<String> = long
        .iter()
        .filter(|(lines, _)| *lines > LINES_FAILED)
        .map(|(lines, path)| format!("{path}: {lines} lines"))
        .collect();
    assert_none(&format!("no file over {LINES_FAILED} lines (STYLE 3)"), &offences);
}

#[test]
fn binaries_are_thin() {
    let offences: Vec<String> = sources()
        .iter()
        .filter(|s| s.path.ends_with("src/main.rs") || s.path.contains("/src/bin/"))
        .filter_map(|s| {
            // `mod` and `use` lines are declarations, not logic
            let logic = s
                .code_lines()
                .filter(|(_, l)| {
                    let t = l.trim_start();
                    !(t.starts_with("mod ") || t.starts_with("use ") || t.starts_with("#!["))
                })
                .count();
            (logic > 10).then(|| format!("{}: {logic} lines of code (move them into the library)", s.path))
        })
        .collect();
    assert_none("binaries are 10 lines of code or fewer (STYLE 20)", &offences);
}

/// The test names of a file, with their line numbers.
fn test_names(source: &Source) -> Vec<(usize, &str)> {
    let lines: Vec<(usize, &str)> = source.code_lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| l.trim() == "#[test]")
        .filter_map(|(i, (n, _))| {
            let name = lines[i + 1..].iter().find_map(|(_, l)| {
                let l = l.trim_start();
                l.strip_prefix("fn ").or_else(|| l.strip_prefix("async fn "))
            })?;
            Some((*n, name.split('(').next().unwrap_or_default()))
        })
        .collect()
}

/// `create_1` → `Some("create")`; names that do not end in `_<digits>` → `None`.
fn numbered_stem(name: &str) -> Option<&str> {
    let (stem, last) = name.rsplit_once('_')?;
    (!last.is_empty() && last.chars().all(|c| c.is_ascii_digit())).then_some(stem)
}

#[test]
fn tests_are_never_ignored_and_never_expect_panics() {
    let mut offences = Vec::new();
    for source in sources() {
        for (n, line) in source.code_lines() {
            let t = line.trim();
            if t.starts_with(concat!("#[", "ignore")) || t.starts_with(concat!("#[", "should_panic")) {
                offences.push(format!("{}:{n}: {t}", source.path));
            }
        }
        // A number says nothing about the behaviour when the rest of the name is one or two words
        // (`create_1`, `drop_table_2`) or when it tells apart a series (`upgrade_1`, `upgrade_2`);
        // `missing_argument_exits_2` names the behaviour, number included.
        let names = test_names(&source);
        for (n, name) in &names {
            let Some(stem) = numbered_stem(name) else { continue };
            let series = names.iter().any(|(_, other)| other != name && numbered_stem(other) == Some(stem));
            if stem.split('_').count() <= 2 || series {
                offences.push(format!("{}:{n}: test `{name}` is numbered; name it after the behaviour", source.path));
            }
        }
    }
    assert_none("no #[ignore], no #[should_panic], no numbered test names (STYLE 24)", &offences);
}

#[test]
fn numbered_names_are_told_from_behaviour_with_a_number() {
    assert_eq!(numbered_stem("create_1"), Some("create"));
    assert_eq!(numbered_stem("closed_stdout_exits_0"), Some("closed_stdout_exits"));
    assert_eq!(numbered_stem("drop_table_if_exists"), None);
}

#[test]
fn library_crates_refuse_unwrap() {
    let mut offences = Vec::new();
    for (dir, _) in members() {
        let path = format!("{dir}/src/lib.rs");
        let lib = read(&path);
        if lib.is_empty() {
            continue;
        }
        let flat = lib.replace([' ', '\n'], "");
        // The macro crate and its front end (`source`, which runs inside the macro) deny panics.
        let required: &[&str] = if dir == "macros" || dir == "source" {
            &["#![deny(", "clippy::unwrap_used", "clippy::expect_used", "clippy::panic"]
        } else {
            &["#![warn(clippy::unwrap_used,clippy::expect_used)]"]
        };
        if !required.iter().all(|r| flat.contains(r)) {
            offences.push(format!("{path}: lacks {}", required.join(" ")));
        }
    }
    assert_none("library crates lint unwrap/expect; the macro crate denies panics too (STYLE 10, 18)", &offences);
}

#[test]
fn core_api_has_no_anyhow() {
    let offences: Vec<String> = read("core/Cargo.toml")
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("anyhow"))
        .map(|(i, l)| format!("core/Cargo.toml:{}: {l}", i + 1))
        .collect();
    assert_none("core's errors are typed thiserror enums, no anyhow (STYLE 17)", &offences);
}

#[test]
fn token_starts_ignores_longer_identifiers() {
    assert_eq!(token_starts("parse_quote!(x); quote!(y)", "quote!"), vec![17]);
    assert!(token_starts("mydiesel::x", "diesel::").is_empty());
    assert_eq!(token_starts("::diesel::x", "diesel::"), vec![2]);
    assert_eq!(token_starts("use diesel::x", "diesel::"), vec![4]);
}
