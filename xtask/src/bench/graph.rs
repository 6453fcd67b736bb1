//! `cargo xtask bench graph`: the planning benchmark (`core/benches/graph.rs`, criterion),
//! summarized as a table against the budget.

use std::process::{ExitCode, Stdio};

use super::json::Json;
use super::options::{self, Flag, Options};
use super::report::{self, bench_dir, verdict, Table};
use super::stats::human;
use crate::cmd;

/// Building the graph and planning base → heads over 10,000 revisions (DESIGN.md).
const PLAN_TARGET_S: f64 = 0.010;
/// The criterion benchmark the target applies to.
const PLAN_TARGET_BENCH: &str = "graph/build_and_plan_upgrade_base_to_heads/10000";
/// Folding a 10,000-revision chain's ops into its schema model: at most 20 ms.
const FOLD_TARGET_S: f64 = 0.020;
/// The benchmark the fold target is judged on.
const FOLD_TARGET_BENCH: &str = "graph/fold_chain_postgres/10000";

/// One criterion result: `[low estimate high]` of the mean time per iteration, in seconds.
#[derive(Debug, Clone, PartialEq)]
struct Estimate {
    name: String,
    low: f64,
    mid: f64,
    high: f64,
}

/// Runs the benchmark; arguments after `--` go to criterion (e.g. `-- --measurement-time 2`).
pub fn run(args: &[String]) -> ExitCode {
    let options = match options::parse(args, &[Flag::Rest], Options::default()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n\nusage: cargo xtask bench graph [-- CRITERION ARGS..]");
            return ExitCode::from(2);
        }
    };
    match bench(&options.rest) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask bench graph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(rest: &[String]) -> Result<(), String> {
    let mut command = cmd::cargo(["bench", "-p", "retort", "--bench", "graph"]);
    if !rest.is_empty() {
        command.arg("--").args(rest);
    }
    // criterion's progress and cargo's build go to stderr (shown); the results to stdout (read).
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!("$ {}", super::proc::describe(&command));
    let output = command.output().map_err(|e| format!("cannot run cargo bench: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let raw = bench_dir().join("graph.txt");
    super::sql::write(&raw, &text)?;
    if !output.status.success() {
        return Err(format!(
            "`cargo bench -p retort --bench graph` failed ({}); its output is in {}",
            output.status,
            raw.display()
        ));
    }
    let estimates = parse(&text);
    if estimates.is_empty() {
        return Err(format!(
            "no criterion results in the output ({}); did the benchmark's names change?",
            raw.display()
        ));
    }

    let mut table = Table::new(["benchmark (criterion, mean per iteration)", "estimate", "low", "high"]);
    for e in &estimates {
        table.row([e.name.clone(), human(e.mid), human(e.low), human(e.high)]);
    }
    println!("\ngraph: planning over generated revision graphs with branches, merges, labels and dependencies");
    print!("{}", table.render());
    let target = estimates.iter().find(|e| e.name == PLAN_TARGET_BENCH);
    let pass = target.is_some_and(|e| e.mid <= PLAN_TARGET_S);
    match target {
        Some(e) => println!("\ntarget: build + plan 10,000 revisions ≤ 10 ms: {}  {}", human(e.mid), verdict(pass)),
        None => println!("\ntarget: build + plan 10,000 revisions ≤ 10 ms: not measured ({PLAN_TARGET_BENCH} missing)"),
    }
    let fold = estimates.iter().find(|e| e.name == FOLD_TARGET_BENCH);
    let fold_pass = fold.is_some_and(|e| e.mid <= FOLD_TARGET_S);
    match fold {
        Some(e) => println!(
            "target: fold 10,000 revisions into the schema model ≤ 20 ms: {}  {}",
            human(e.mid),
            verdict(fold_pass)
        ),
        None => println!("target: fold 10,000 revisions ≤ 20 ms: not measured ({FOLD_TARGET_BENCH} missing)"),
    }

    let doc = Json::object([
        ("bench", Json::str("graph")),
        (
            "results",
            Json::Arr(
                estimates
                    .iter()
                    .map(|e| {
                        Json::object([
                            ("name", Json::str(e.name.clone())),
                            ("estimate_s", Json::Num(e.mid)),
                            ("low_s", Json::Num(e.low)),
                            ("high_s", Json::Num(e.high)),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "targets",
            Json::Arr(vec![
                Json::object([
                    ("target", Json::str("plan_10k")),
                    ("benchmark", Json::str(PLAN_TARGET_BENCH)),
                    ("value", Json::Num(target.map_or(f64::NAN, |e| e.mid))),
                    ("limit", Json::Num(PLAN_TARGET_S)),
                    ("pass", Json::Bool(pass)),
                ]),
                Json::object([
                    ("target", Json::str("fold_10k")),
                    ("benchmark", Json::str(FOLD_TARGET_BENCH)),
                    ("value", Json::Num(fold.map_or(f64::NAN, |e| e.mid))),
                    ("limit", Json::Num(FOLD_TARGET_S)),
                    ("pass", Json::Bool(fold_pass)),
                ]),
            ]),
        ),
    ]);
    report::write_json("graph", &doc)
}

/// criterion's result lines: `NAME  time: [low unit mid unit high unit]`, the name on the same
/// line or, when long, on the line before.
fn parse(text: &str) -> Vec<Estimate> {
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    for line in text.lines() {
        let starts_a_name = !line.starts_with(char::is_whitespace) && !line.trim().is_empty();
        if starts_a_name {
            name = line.split_whitespace().next().map(str::to_string);
        }
        let Some((_, after)) = line.split_once("time:") else { continue };
        let inside = after.trim().trim_start_matches('[').trim_end_matches(']');
        let parts: Vec<&str> = inside.split_whitespace().collect();
        let values: Vec<f64> = parts.chunks(2).filter_map(|p| seconds(p.first()?, p.get(1)?)).collect();
        if let (Some(n), [low, mid, high]) = (name.take(), values.as_slice()) {
            out.push(Estimate { name: n, low: *low, mid: *mid, high: *high });
        }
    }
    out
}

fn seconds(value: &str, unit: &str) -> Option<f64> {
    let v: f64 = value.parse().ok()?;
    let scale = match unit {
        "ps" => 1e-12,
        "ns" => 1e-9,
        "µs" | "us" => 1e-6,
        "ms" => 1e-3,
        "s" => 1.0,
        _ => return None,
    };
    Some(v * scale)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn criterion_results_are_read_with_short_and_long_names() {
        let text = "\
graph/build/1000        time:   [120.00 µs 121.50 µs 123.00 µs]
                        change: [-1.0% +0.2% +1.1%] (p = 0.70 > 0.05)
graph/build_and_plan_upgrade_base_to_heads/10000
                        time:   [4.0000 ms 4.5000 ms 5.0000 ms]
Found 3 outliers among 100 measurements (3.00%)
";
        let e = parse(text);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].name, "graph/build/1000");
        assert!((e[0].mid - 121.5e-6).abs() < 1e-12);
        assert_eq!(e[1].name, "graph/build_and_plan_upgrade_base_to_heads/10000");
        assert!((e[1].high - 5e-3).abs() < 1e-12);
    }
}
