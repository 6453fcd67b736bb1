//! Planning benchmark: build the revision graph and plan from base to every head, at 1,000 and
//! 10,000 revisions with branches, merges, labels and dependencies (budget: under 10 ms at
//! 10,000). Also the plan every deploy makes: `upgrade heads` with nothing pending; and folding
//! the whole chain's ops into its schema model (budget: under 20 ms at 10,000).

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use retort::graph::RevisionGraph;
use retort::ops::{Column, ColumnType, CreateIndex, CreateTable, Op, TransactionMode};
use retort::Revision;

fn cows(items: Vec<String>) -> Cow<'static, [Cow<'static, str>]> {
    Cow::Owned(items.into_iter().map(Cow::Owned).collect())
}

/// Hex ids that look like real ones (scattered prefixes), unique: multiplying by an odd
/// constant is a bijection modulo 2^48.
fn id(i: usize) -> String {
    format!("{:012x}", (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) & 0xFFFF_FFFF_FFFF)
}

fn rev(i: usize, parents: &[usize], labels: Vec<String>, depends_on: &[usize]) -> Revision {
    Revision {
        id: Cow::Owned(id(i)),
        parents: cows(parents.iter().map(|&p| id(p)).collect()),
        branch_labels: cows(labels),
        depends_on: cows(depends_on.iter().map(|&d| id(d)).collect()),
        message: Cow::Borrowed("benchmark revision"),
        transaction: TransactionMode::PerMigration,
        // Not decoded by the graph; non-empty, since only a merge may have an empty `up`.
        ops: Cow::Borrowed(r#"{"up":[{"op":"placeholder"}],"down":null}"#),
        irreversible: false,
        checksum: Cow::Borrowed(""),
        source: Cow::Borrowed(file!()),
        allowed: Cow::Borrowed(&[]),
        lock_timeout_ms: None,
        statement_timeout_ms: None,
        lock_retries: None,
    }
}

/// `revs` with ops like a project's: every fourth revision creates a table (three columns, a
/// primary key, an index, a comment); the others add a column to the table their line created
/// last (the first parent's), so that parallel branches change one table in different places.
fn with_ops(mut revs: Vec<Revision>) -> Vec<Revision> {
    let index: std::collections::HashMap<String, usize> =
        revs.iter().enumerate().map(|(i, r)| (r.id.to_string(), i)).collect();
    let mut line_table: Vec<usize> = Vec::with_capacity(revs.len());
    for (i, rev) in revs.iter_mut().enumerate() {
        let parent = rev.parents.first().and_then(|p| index.get(p.as_ref())).copied();
        let up = match parent {
            Some(p) if i % 4 != 0 => {
                line_table.push(line_table[p]);
                let table = format!("t{}", line_table[p]);
                vec![Op::AddColumn(retort::ops::AddColumn::new(
                    table,
                    Column::new(format!("c{i}"), ColumnType::Integer),
                ))]
            }
            _ => {
                line_table.push(i);
                let name = format!("t{i}");
                vec![
                    Op::CreateTable(
                        CreateTable::new(
                            name.clone(),
                            [
                                Column::new("id", ColumnType::BigInt).primary_key(),
                                Column::new("name", ColumnType::Varchar(Some(255))).not_null(),
                                Column::new("created_at", ColumnType::TimestampTz),
                            ],
                        )
                        .comment("a benchmark table"),
                    ),
                    Op::CreateIndex(CreateIndex::new(format!("ix_{name}_name")).on(name, ["name"])),
                ]
            }
        };
        rev.ops = Cow::Owned(retort::ops::serialize(&up, None));
    }
    revs
}

/// `n` revisions shaped like a long-lived project: a trunk; every 91 revisions three parallel
/// branches of 20 that merge back; every fifth round a labelled feature branch of 10 that is
/// never merged (an extra head) and that a later trunk revision depends on.
fn project(n: usize) -> Vec<Revision> {
    let mut revs: Vec<Revision> = Vec::with_capacity(n);
    let push = |revs: &mut Vec<Revision>, parents: &[usize], labels: Vec<String>, deps: &[usize]| -> Option<usize> {
        (revs.len() < n).then(|| {
            let i = revs.len();
            revs.push(rev(i, parents, labels, deps));
            i
        })
    };
    let Some(mut tip) = push(&mut revs, &[], vec!["trunk".to_owned()], &[]) else { return revs };
    let mut feature_tip: Option<usize> = None;
    let mut round = 0;
    loop {
        for step in 0..30 {
            let deps: Vec<usize> = if step == 0 { feature_tip.take().into_iter().collect() } else { Vec::new() };
            let Some(next) = push(&mut revs, &[tip], Vec::new(), &deps) else { return revs };
            tip = next;
        }
        let mut branch_tips = Vec::new();
        for _ in 0..3 {
            let mut at = tip;
            for _ in 0..20 {
                let Some(next) = push(&mut revs, &[at], Vec::new(), &[]) else { return revs };
                at = next;
            }
            branch_tips.push(at);
        }
        let Some(merge) = push(&mut revs, &branch_tips, Vec::new(), &[]) else { return revs };
        tip = merge;
        if round % 5 == 4 {
            let mut at = tip;
            for step in 0..10 {
                let labels = if step == 0 { vec![format!("feature{round}")] } else { Vec::new() };
                let Some(next) = push(&mut revs, &[at], labels, &[]) else { return revs };
                at = next;
            }
            feature_tip = Some(at);
        }
        round += 1;
    }
}

fn planning(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    for n in [1_000, 10_000] {
        let revs = project(n);
        let graph = RevisionGraph::build(&revs).expect("the benchmark graph is valid");
        let heads: Vec<String> =
            graph.plan_upgrade(&[], "heads").expect("heads resolve").rows_after.into_iter().collect();
        let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
        assert_eq!(graph.plan_upgrade(&[], "heads").expect("heads resolve").len(), n);

        group.bench_with_input(BenchmarkId::new("build", n), &revs, |b, revs| {
            b.iter(|| RevisionGraph::build(black_box(revs)).expect("valid").len())
        });
        group.bench_with_input(BenchmarkId::new("build_and_plan_upgrade_base_to_heads", n), &revs, |b, revs| {
            b.iter(|| {
                let graph = RevisionGraph::build(black_box(revs)).expect("valid");
                graph.plan_upgrade(&[], "heads").expect("plan").len()
            })
        });
        group.bench_with_input(BenchmarkId::new("build_and_plan_upgrade_nothing_pending", n), &revs, |b, revs| {
            b.iter(|| {
                let graph = RevisionGraph::build(black_box(revs)).expect("valid");
                graph.plan_upgrade(black_box(&heads), "heads").expect("plan").len()
            })
        });
        group.bench_with_input(BenchmarkId::new("plan_downgrade_heads_to_base", n), &graph, |b, graph| {
            b.iter(|| graph.plan_downgrade(black_box(&heads), "base").expect("plan").len())
        });
    }
    group.finish();
}

fn folding(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    let sizes: Vec<usize> = std::env::var("FOLD_SIZES")
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000]);
    for n in sizes {
        let revs = with_ops(project(n));
        let graph = RevisionGraph::build(&revs).expect("the benchmark graph is valid");
        retort::schema::chain::fold_graph(&graph, "postgres").expect("the benchmark chain folds");
        group.bench_with_input(BenchmarkId::new("fold_chain_postgres", n), &graph, |b, graph| {
            b.iter(|| retort::schema::chain::fold_graph(black_box(graph), "postgres").expect("folds").heads.len())
        });
    }
    group.finish();
}

criterion_group!(benches, planning, folding);
criterion_main!(benches);
