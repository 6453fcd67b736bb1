//! Reading a revision folder and the graph rules over it, outside the compiler (as `migrate new`
//! reads it).

use std::path::Path;

use retort_source::chain::{self, Target};
use retort_source::folder::{self, Position};

fn revision(id: &str, parent: Option<&str>, extra: &str) -> String {
    let parent = parent.map_or("parent: none".to_string(), |p| format!("parent: \"{p}\""));
    format!(
        "//! A revision.\n\nretort::migration! {{\n    /// Revision {id}\n    revision: \"{id}\",\n    {parent},\n{extra}    up {{\n        create_table(\"t_{id}\", [column(\"id\", BigInt)]);\n    }}\n}}\n"
    )
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mod.rs"), "retort::migrations!();\n").unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn check(dir: &Path) -> chain::Report {
    chain::check(&folder::read(dir).unwrap())
}

#[test]
fn headers_are_read_with_their_lines_and_mod_rs_is_skipped() {
    let dir = folder(&[
        ("r1_base.rs", revision("base01", None, "")),
        ("r2_next.rs", revision("next01", Some("base01"), "    branch_label: \"feature\",\n")),
    ]);
    let files = folder::read(dir.path()).unwrap();
    let modules: Vec<&str> = files.iter().map(|f| f.module.as_str()).collect();
    assert_eq!(modules, ["r1_base", "r2_next"]);
    let next = &files[1].revisions[0];
    assert_eq!(next.id.as_ref().unwrap().value, "next01");
    assert_eq!(next.id.as_ref().unwrap().at, Position { line: 5, column: 15 });
    assert_eq!(next.parents[0].at, Position { line: 6, column: 13 });
    assert_eq!(next.labels[0].value, "feature");
    assert_eq!(next.ops, 1);
    assert!(next.clean);
}

#[test]
fn a_sound_chain_has_no_findings_and_one_head() {
    let dir =
        folder(&[("r1_base.rs", revision("base01", None, "")), ("r2_next.rs", revision("next01", Some("base01"), ""))]);
    let report = check(dir.path());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.heads.len(), 1);
    assert_eq!(report.heads[0].id, "next01");
    assert_eq!(report.heads_warning(), None);
}

#[test]
fn an_unknown_parent_is_found_at_its_literal_with_the_close_id() {
    let dir =
        folder(&[("r1_base.rs", revision("base01", None, "")), ("r2_next.rs", revision("next01", Some("base02"), ""))]);
    let report = check(dir.path());
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    let finding = &report.findings[0];
    assert_eq!((finding.file, finding.target), (1, Target::Parent(0)));
    assert!(finding.message.contains("did you mean `base01` (r1_base.rs:5)"), "{}", finding.message);
}

#[test]
fn a_cycle_is_found_at_every_edge_on_it() {
    let dir = folder(&[
        ("r1_a.rs", revision("aaaa01", Some("bbbb01"), "")),
        ("r2_b.rs", revision("bbbb01", Some("aaaa01"), "")),
    ]);
    let report = check(dir.path());
    let targets: Vec<(usize, Target)> = report.findings.iter().map(|f| (f.file, f.target)).collect();
    assert_eq!(targets, [(0, Target::Parent(0)), (1, Target::Parent(0))]);
    assert!(report.findings[0].message.contains("cycle"));
    assert!(report.heads.is_empty(), "no heads are named for a broken graph");
}

#[test]
fn duplicate_ids_and_labels_are_found_at_the_second() {
    let dir = folder(&[
        ("r1_base.rs", revision("base01", None, "")),
        ("r2_a.rs", revision("same01", Some("base01"), "    branch_label: \"x\",\n")),
        ("r3_b.rs", revision("same01", Some("base01"), "")),
        ("r4_c.rs", revision("cccc01", Some("base01"), "    branch_label: \"x\",\n")),
    ]);
    let report = check(dir.path());
    let targets: Vec<(usize, Target)> = report.findings.iter().map(|f| (f.file, f.target)).collect();
    assert_eq!(targets, [(2, Target::Id), (3, Target::Label(0))]);
}

#[test]
fn several_heads_are_named_with_the_merge_command() {
    let dir = folder(&[
        ("r1_base.rs", revision("base01", None, "")),
        ("r2_a.rs", revision("left01", Some("base01"), "")),
        ("r3_b.rs", revision("right01", Some("base01"), "")),
    ]);
    let warning = check(dir.path()).heads_warning().unwrap();
    assert!(warning.contains("`left01` (r2_a.rs:5), `right01` (r3_b.rs:5)"), "{warning}");
    assert!(warning.contains("merge left01 right01"), "{warning}");
}

#[test]
fn topological_order_puts_parents_and_dependencies_first() {
    let dir = folder(&[
        ("r1_late.rs", revision("late01", Some("mid01"), "    depends_on: [\"side01\"],\n")),
        ("r2_base.rs", revision("base01", None, "")),
        ("r3_mid.rs", revision("mid01", Some("base01"), "")),
        ("r4_side.rs", revision("side01", Some("base01"), "")),
    ]);
    let files = folder::read(dir.path()).unwrap();
    let order = chain::topological(&files).unwrap();
    let position = |file: usize| order.iter().position(|&(f, _)| f == file).unwrap();
    assert!(position(1) < position(2) && position(2) < position(0) && position(3) < position(0), "{order:?}");
}

#[test]
fn an_unreadable_file_is_reported_and_silences_unknown_parents() {
    let dir = folder(&[
        ("r1_broken.rs", "retort::migration! {".to_string()),
        ("r2_next.rs", revision("next01", Some("gone01"), "")),
    ]);
    let files = folder::read(dir.path()).unwrap();
    assert!(files[0].error.is_some());
    assert!(chain::check(&files).findings.is_empty(), "its id may be the missing parent");
}

/// What `migrations!()` adds to every build of a 1,000-revision crate, measured outside the
/// compiler (where proc-macro2 lexes on its own, more slowly than rustc's lexer does inside it):
/// printed for docs/performance.md, with a budget that catches a return to full parsing.
#[test]
fn reading_a_thousand_revision_headers_stays_within_budget() {
    let files: Vec<(String, String)> = (1..=1000)
        .map(|i| {
            let parent = (i > 1).then(|| format!("rev{:05}", i - 1));
            (format!("r{i:05}.rs"), revision(&format!("rev{i:05}"), parent.as_deref(), ""))
        })
        .collect();
    let refs: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = folder(&refs);
    let mut best = std::time::Duration::MAX;
    for _ in 0..3 {
        let start = std::time::Instant::now();
        let report = check(dir.path());
        best = best.min(start.elapsed());
        assert!(report.findings.is_empty());
        assert_eq!(report.heads.len(), 1);
    }
    println!("migrations!() folder read + graph rules, 1,000 revisions: {best:?}");
    assert!(best < std::time::Duration::from_secs(3), "{best:?}");
}

#[test]
fn a_scan_tells_a_file_of_revisions_alone_and_where_each_invocation_starts() {
    let plain = |text: &str| folder::scan(text).unwrap().plain;
    let one = revision("base01", None, "");
    let scan = folder::scan(&one).unwrap();
    assert!(scan.plain);
    assert_eq!(scan.invocations.len(), 1);
    assert_eq!(scan.invocations[0].line, 3, "the line of `retort::`, as `line!()` gives it");
    assert_eq!(scan.invocations[0].header.id.as_ref().unwrap().value, "base01");
    let split =
        "//! Doc.\n\nretort\n    ::migration! { revision: \"a\", parent: none, up { create_table(\"t\", []); } }\n";
    assert_eq!(folder::scan(split).unwrap().invocations[0].line, 3);
    assert!(plain(&format!("use retort::migration;\n\n{}", one.replace("retort::migration!", "migration!"))));
    assert!(plain(&one.replace("retort::migration!", "::retort::migration!")));
    assert!(plain(&format!("{one}\n{}", revision("next01", Some("base01"), ""))));
    // `migration!` that may not be retort's, and anything besides revisions, keep the file a module.
    assert!(!plain(&one.replace("retort::migration!", "migration!")));
    assert!(!plain(&one.replace("retort::migration!", "other::migration!")));
    assert!(!plain(&format!("use std::fmt;\n{one}")));
    assert!(!plain(&format!("{one}\nfn helper() {{}}\n")));
    assert!(!plain(&format!("{one};\n")));
    assert!(!plain(&format!("#[cfg(test)]\n{one}")));
    // A `migration!` in a string would make the text positions unreliable.
    assert!(!plain(&format!("{one}\nconst S: &str = \"migration! {{\";\n")));
}
