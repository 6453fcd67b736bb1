//! The pipeline outside the compiler: what a revision expands to, and how long that takes.

use std::time::Instant;

use proc_macro2::TokenStream;

use crate::migration::expand;

/// The expansion of an invocation that no file holds, as the timing loop runs it.
fn expand_here(input: TokenStream) -> TokenStream {
    expand(input, None)
}

/// Tokens from source text, as the compiler hands them to the macro.
fn tokens(source: &str) -> TokenStream {
    source.parse().unwrap()
}

fn typical() -> TokenStream {
    tokens(
        r#"
        /// Add user roles
        revision: "9c2b3f1a4e5d",
        parent: "8f1a2b3c4d5e",
        up {
            create_table("user_roles", [
                column("id", BigInt).primary_key().identity(),
                column("user_id", BigInt).not_null().references("users", "id").on_delete(Cascade),
                column("role", Text).not_null().default("member"),
            ]);
            create_index("ix_user_roles_user_id").on("user_roles", ["user_id"]);
        }
        "#,
    )
}

#[test]
fn a_valid_revision_expands_to_its_registration_only() {
    let out = expand_here(typical()).to_string();
    assert!(out.contains(":: retort :: __private :: submit !"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("\"Add user roles\""), "{out}");
}

#[test]
fn an_invalid_revision_expands_to_its_errors_and_a_stub() {
    let out = expand_here(tokens(r#"revision: "a", parent: none, up { create_tabel("t", []); }"#)).to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("did you mean `create_table`"), "{out}");
    assert!(out.contains(":: retort :: __private :: submit !"), "{out}");
}

/// The `checksum: .. ("<hex>")` of an expansion.
fn checksum_of(out: &str) -> String {
    let at = out.find("checksum :").unwrap();
    out[at..].split('"').nth(1).unwrap().to_string()
}

#[test]
fn lock_settings_are_expanded_and_stay_out_of_the_checksum() {
    let plain = expand_here(typical()).to_string();
    assert!(plain.contains("lock_timeout_ms : :: core :: option :: Option :: None"), "{plain}");
    let source = typical().to_string().replacen(
        "up {",
        r#"lock_timeout: "2s", statement_timeout: "1min", lock_retries: 5, up {"#,
        1,
    );
    let tuned = expand_here(tokens(&source)).to_string();
    assert!(!tuned.contains("compile_error"), "{tuned}");
    assert!(tuned.contains("lock_timeout_ms : :: core :: option :: Option :: Some (2000u32)"), "{tuned}");
    assert!(tuned.contains("statement_timeout_ms : :: core :: option :: Option :: Some (60000u32)"), "{tuned}");
    assert!(tuned.contains("lock_retries : :: core :: option :: Option :: Some (5u16)"), "{tuned}");
    // Operational settings: editing them on an applied revision is no checksum mismatch.
    assert_eq!(checksum_of(&tuned), checksum_of(&plain));
}

#[test]
fn a_malformed_or_zero_lock_setting_is_an_error_saying_how_to_write_it() {
    let with = |header: &str| {
        expand_here(tokens(&format!(
            r#"revision: "a", parent: none, {header} up {{ create_table("t", [column("id", BigInt)]); }}"#
        )))
        .to_string()
    };
    let out = with(r#"lock_timeout: "2 seconds","#);
    assert!(out.contains("is not a duration; write a whole number with a unit"), "{out}");
    let out = with(r#"statement_timeout: "1.5s","#);
    assert!(out.contains("is not a duration"), "{out}");
    let out = with(r#"lock_timeout: "0","#);
    assert!(out.contains("without limit"), "{out}");
    let out = with(r#"statement_timeout: "0", lock_timeout: "600000min","#);
    assert!(out.contains("longer than PostgreSQL accepts"), "{out}");
    let out = with("lock_retries: 1001,");
    assert!(out.contains("from 0 (no retry) to 999"), "{out}");
    let out = with(r#"lock_timeout: "1s", lock_timeout: "2s","#);
    assert!(out.contains("`lock_timeout` is given twice; keep one"), "{out}");
}

#[test]
fn expansion_names_only_retort_private_paths() {
    let out = expand_here(typical()).to_string();
    for forbidden in ["inventory ::", "sea_query ::", "diesel ::"] {
        assert!(!out.contains(forbidden), "{forbidden} in {out}");
    }
}

/// The budget is 1 ms per invocation (DESIGN.md). Run `cargo test -p retort-macros --release
/// expansion_time -- --nocapture` for the figure; debug builds are several times slower, so
/// only release builds assert the budget. The best of several batches is taken, so that other
/// processes on the machine do not count.
#[test]
fn expansion_time_per_invocation_is_within_budget() {
    let input = typical();
    let (batches, runs) = (5, 200);
    let per = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..runs {
                std::hint::black_box(expand_here(input.clone()));
            }
            start.elapsed() / runs
        })
        .min()
        .unwrap();
    println!("migration! expansion: {per:?} per invocation (best of {batches} batches of {runs})");
    if !cfg!(debug_assertions) {
        assert!(per.as_micros() < 1000, "{per:?}");
    }
}

#[test]
fn a_chain_finding_about_an_op_is_reported_at_that_op() {
    // This very file stands for the revision file; the finding is queued as `migrations!()` does.
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tests.rs");
    let source = r#"revision: "op_target_1", parent: none, up {
        create_table("a", [column("id", BigInt)]);
        create_index("ix_a_missing").on("a", ["missing"]);
    }"#;
    crate::chain::queue(&file, "op_target_1", retort_source::chain::Target::Op(1), "column `missing` does not exist");
    let out = expand(tokens(source), Some(&file)).to_string();
    assert!(out.contains("column `missing` does not exist"), "{out}");
    assert!(out.contains(":: retort :: __private :: submit !"), "still registers a stub: {out}");
    // Elsewhere (another file, or no file known), the finding does not apply.
    assert!(!expand_here(tokens(source)).to_string().contains("does not exist"));
}

/// A revision file's text; `op` is its one `up` statement.
fn revision_file(id: &str, parent: Option<&str>, op: &str) -> String {
    let parent = parent.map_or("none".to_string(), |p| format!("\"{p}\""));
    format!(
        "//! Revision {id}.\n\nretort::migration! {{\n    /// Revision {id}\n    revision: \"{id}\",\n    parent: {parent},\n    up {{\n        {op}\n    }}\n}}\n"
    )
}

/// The files of a cache folder.
fn cache_entries(out: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut entries = Vec::new();
    for folder in std::fs::read_dir(out.join("retort-migrations")).unwrap() {
        for key in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            entries.extend(std::fs::read_dir(key.unwrap().path()).unwrap().map(|e| e.unwrap().path()));
        }
    }
    entries
}

#[test]
fn migrations_registers_clean_files_itself_and_declares_the_others_as_modules() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("mod.rs", "retort::migrations!();\n");
    write("r1_base.rs", &revision_file("base01", None, r#"create_table("t1", [column("id", BigInt)]);"#));
    write("r2_next.rs", &revision_file("next01", Some("base01"), r#"create_table("t2", [column("id", BigInt)]);"#));
    let helper = revision_file("help01", Some("next01"), r#"create_table("t3", [column("id", BigInt)]);"#);
    write("r3_helper.rs", &format!("{helper}\nfn helper() {{}}\n"));
    write("r4_typo.rs", &revision_file("typo01", Some("help01"), r#"create_tabel("t4", []);"#));
    write("r5_unsafe.rs", &revision_file("warn01", Some("typo01"), r#"drop_column("t1", "id");"#));
    let expand = || {
        crate::chain::expand_in(
            TokenStream::new(),
            Some(dir.path().join("mod.rs")),
            Some("src/migrations/mod.rs".to_string()),
            Some(out.path().to_path_buf()),
        )
        .to_string()
    };
    let first = expand();
    for declared in ["mod r3_helper", "mod r4_typo", "mod r5_unsafe"] {
        assert!(first.contains(declared), "{declared} in {first}");
    }
    for registered in ["r1_base", "r2_next"] {
        assert!(!first.contains(&format!("mod {registered}")), "{first}");
        assert!(first.contains(&format!("src/migrations/{registered}.rs:3")), "{first}");
        assert!(first.contains(&format!("{registered}.rs\")")), "read with include_bytes!: {first}");
    }
    assert!(first.contains("RevisionTable"), "{first}");
    assert_eq!(cache_entries(out.path()).len(), 5, "one entry per file");

    // From the cache, the same expansion; an entry that does not read back is computed again.
    assert_eq!(expand(), first);
    for entry in cache_entries(out.path()) {
        std::fs::write(entry, "{ not json").unwrap();
    }
    assert_eq!(expand(), first);

    // An edit is seen, and leaves the other entries as they were.
    write(
        "r1_base.rs",
        &revision_file("base01", None, r#"create_table("t1", [column("id", BigInt), column("n", Text)]);"#),
    );
    let edited = expand();
    assert_ne!(edited, first);
    assert!(edited.contains(r#"\\\"name\\\":\\\"n\\\""#), "the new column: {edited}");
    assert_eq!(cache_entries(out.path()).len(), 6);
    // Without a cache, the same expansion.
    let uncached = crate::chain::expand_in(
        TokenStream::new(),
        Some(dir.path().join("mod.rs")),
        Some("src/migrations/mod.rs".to_string()),
        None,
    );
    assert_eq!(uncached.to_string(), edited);
}
