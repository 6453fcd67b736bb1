//! The command-line reference in `docs/cli.md` and its summary in `README.md`, generated from the
//! clap definitions so that neither can drift from `--help`: tests compare each file's generated
//! block with [`markdown`] / [`summary`], and `RETORT_BLESS=1 cargo test -p retort-cli reference`
//! rewrites the blocks.

use clap::CommandFactory;

use crate::args::Cli;

/// The line that opens the generated block in `docs/cli.md`.
pub const BEGIN: &str = "<!-- BEGIN GENERATED REFERENCE (RETORT_BLESS=1 cargo test -p retort-cli reference) -->";
/// The line that closes it.
pub const END: &str = "<!-- END GENERATED REFERENCE -->";

/// The line that opens the generated verb table in `README.md`.
pub const SUMMARY_BEGIN: &str = "<!-- BEGIN GENERATED SUMMARY (RETORT_BLESS=1 cargo test -p retort-cli reference) -->";
/// The line that closes it.
pub const SUMMARY_END: &str = "<!-- END GENERATED SUMMARY -->";

/// The heading the global options are listed under in each command's help.
const GLOBAL_HEADING: &str = "\nGlobal options:\n";

/// Width the reference is wrapped at, whatever the terminal of the person regenerating it.
const WIDTH: usize = 100;

/// The `--help` text of the program and of every command, as Markdown sections.
pub fn markdown() -> String {
    let mut cmd = Cli::command().term_width(WIDTH);
    cmd.build();
    let mut out = String::new();
    section(&mut out, "migrate", &cmd.render_long_help().to_string());
    out.push_str("Every command below also takes the global options above.\n\n");
    for sub in cmd.get_subcommands_mut().filter(|s| !is_help(s)) {
        let title = format!("migrate {}", sub.get_name());
        command_sections(&mut out, &title, sub);
    }
    out
}

/// clap's generated `help` command (and `partitions help`): the same text as `--help`, so the
/// reference leaves it out.
fn is_help(cmd: &clap::Command) -> bool {
    cmd.get_name() == "help"
}

/// The section of a command, then those of its own subcommands (`partitions ensure`).
fn command_sections(out: &mut String, title: &str, cmd: &mut clap::Command) {
    let help = cmd.render_long_help().to_string();
    // The global options close every command's help; they are listed once, above.
    let own = help.split_once(GLOBAL_HEADING).map_or(help.as_str(), |(own, _)| own);
    section(out, title, own);
    for sub in cmd.get_subcommands_mut().filter(|s| !is_help(s)) {
        let title = format!("{title} {}", sub.get_name());
        command_sections(out, &title, sub);
    }
}

/// One table row per command: its usage line and its one-line description.
pub fn summary() -> String {
    let mut cmd = Cli::command().term_width(WIDTH);
    cmd.build();
    let mut out = String::from("| command | what it does |\n|---|---|\n");
    for sub in cmd.get_subcommands_mut().filter(|s| !is_help(s)) {
        // A command made of subcommands (`partitions`) is listed as those.
        let leaves: Vec<&mut clap::Command> =
            if sub.has_subcommands() { sub.get_subcommands_mut().filter(|s| !is_help(s)).collect() } else { vec![sub] };
        for leaf in leaves {
            let usage = leaf.render_usage().to_string();
            let usage = usage.trim_start_matches("Usage:").trim().replace(" [OPTIONS]", "");
            let about = leaf.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.push_str(&format!("| `{}` | {} |\n", usage.replace('|', "\\|"), about.replace('|', "\\|")));
        }
    }
    out.push('\n');
    out
}

fn section(out: &mut String, title: &str, help: &str) {
    out.push_str(&format!("### `{title}`\n\n```text\n"));
    for line in help.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("```\n\n");
}

/// Replaces the generated block of `doc` with `generated`; `None` when the markers are missing.
pub fn splice(doc: &str, generated: &str) -> Option<String> {
    splice_between(doc, BEGIN, END, generated)
}

/// Replaces the text between the `begin` and `end` markers of `doc`.
pub fn splice_between(doc: &str, begin: &str, end: &str, generated: &str) -> Option<String> {
    let start = doc.find(begin)? + begin.len();
    let stop = doc[start..].find(end)? + start;
    Some(format!("{}\n\n{}{}", &doc[..start], generated, &doc[stop..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn cli_reference_in_docs_matches_help() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/cli.md");
        let doc = std::fs::read_to_string(&path).unwrap();
        let expected = splice(&doc, &markdown()).expect("docs/cli.md lacks the generated-reference markers");
        if std::env::var_os("RETORT_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        } else if doc != expected {
            pretty_assertions::assert_eq!(
                doc,
                expected,
                "docs/cli.md is out of date with --help; regenerate it with RETORT_BLESS=1 cargo test -p retort-cli reference"
            );
        }
    }

    #[test]
    fn cli_summary_in_readme_matches_help() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let doc = std::fs::read_to_string(&path).unwrap();
        let expected = splice_between(&doc, SUMMARY_BEGIN, SUMMARY_END, &summary())
            .expect("README.md lacks the generated-summary markers");
        if std::env::var_os("RETORT_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        } else if doc != expected {
            pretty_assertions::assert_eq!(
                doc,
                expected,
                "README.md's command table is out of date with --help; regenerate it with RETORT_BLESS=1 cargo test -p retort-cli reference"
            );
        }
    }

    #[test]
    fn every_command_has_a_section() {
        let text = markdown();
        for cmd in [
            "upgrade",
            "downgrade",
            "current",
            "history",
            "heads",
            "branches",
            "show",
            "stamp",
            "new",
            "merge",
            "check",
            "lint",
            "plan",
            "locks",
            "partitions ensure",
        ] {
            assert!(text.contains(&format!("### `migrate {cmd}`")), "{cmd} missing");
        }
    }
}
