//! Generated graphs with branches, merges, several roots and dependencies, checked against an
//! independent model: after every step the version rows are exactly the applied revisions that
//! no applied revision names as a parent or dependency (Alembic's one row per head).

use std::collections::BTreeSet;

use super::*;

/// A small deterministic generator (64-bit LCG), so that failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn generated(seed: u64, n: usize) -> Vec<Revision> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let id = format!("g{i:03}");
            let mut parents = Vec::new();
            if i > 0 && rng.below(8) != 0 {
                parents.push(format!("g{:03}", i - 1 - rng.below(i.min(6))));
                if rng.below(5) == 0 {
                    parents.push(format!("g{:03}", rng.below(i)));
                }
            }
            let mut deps = Vec::new();
            if i > 2 && rng.below(6) == 0 {
                deps.push(format!("g{:03}", rng.below(i)));
            }
            let parents: Vec<&str> = parents.iter().map(String::as_str).collect();
            let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
            depends(rev(&id, &parents), &deps)
        })
        .collect()
}

/// The rows the model expects for an applied set.
fn model_rows(revs: &[Revision], applied: &BTreeSet<String>) -> Vec<String> {
    let below: BTreeSet<&str> = revs
        .iter()
        .filter(|r| applied.contains(r.id.as_ref()))
        .flat_map(|r| r.parents.iter().chain(r.depends_on.iter()).map(|p| p.as_ref()))
        .collect();
    applied.iter().filter(|a| !below.contains(a.as_str())).cloned().collect()
}

/// Runs `plan` step by step from `rows`/`applied`, checking order and rows after each step.
fn run(revs: &[Revision], plan: &Plan<'_>, rows: &[String], applied: &mut BTreeSet<String>) -> Vec<String> {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let after = apply(&rows, plan);
    for (step, rows_now) in plan.steps.iter().zip(after) {
        let r = step.revision;
        match step.direction {
            crate::graph::Direction::Upgrade => {
                for needed in r.parents.iter().chain(r.depends_on.iter()) {
                    assert!(applied.contains(needed.as_ref()), "{} planned before {needed}", r.id);
                }
                assert!(applied.insert(r.id.to_string()), "{} planned twice", r.id);
            }
            crate::graph::Direction::Downgrade => {
                assert!(applied.remove(r.id.as_ref()), "{} reverted but not applied", r.id);
                for other in revs.iter().filter(|o| applied.contains(o.id.as_ref())) {
                    let needs = other.parents.iter().chain(other.depends_on.iter()).any(|p| *p == r.id);
                    assert!(!needs, "{} reverted while {} still needs it", r.id, other.id);
                }
            }
        }
        assert_eq!(rows_now, model_rows(revs, applied), "rows after {} {}", step.direction, r.id);
    }
    assert_eq!(sorted(&plan.rows_after), model_rows(revs, applied), "rows_after");
    plan.rows_after.clone()
}

#[test]
fn generated_graphs_keep_one_row_per_applied_head_through_every_plan() {
    for seed in 0..40 {
        let revs = generated(seed, 40);
        let g = graph(&revs);
        let mut rng = Lcg(seed ^ 0x5eed);
        let mut applied = BTreeSet::new();
        let mut rows: Vec<String> = Vec::new();
        for _ in 0..12 {
            let current: Vec<&str> = rows.iter().map(String::as_str).collect();
            let target = revs[rng.below(revs.len())].id.to_string();
            let plan = if rng.below(3) == 0 && !applied.is_empty() {
                let applied_list: Vec<&String> = applied.iter().collect();
                let keep = applied_list[rng.below(applied_list.len())].clone();
                g.plan_downgrade(&current, &keep).unwrap()
            } else {
                g.plan_upgrade(&current, &target).unwrap()
            };
            rows = run(&revs, &plan, &rows, &mut applied);
        }
        let current: Vec<&str> = rows.iter().map(String::as_str).collect();
        let plan = g.plan_upgrade(&current, "heads").unwrap();
        rows = run(&revs, &plan, &rows, &mut applied);
        assert_eq!(applied.len(), revs.len(), "seed {seed}: heads applies everything");
        let current: Vec<&str> = rows.iter().map(String::as_str).collect();
        let plan = g.plan_downgrade(&current, "base").unwrap();
        run(&revs, &plan, &rows, &mut applied);
        assert!(applied.is_empty(), "seed {seed}: base reverts everything");
    }
}

#[test]
fn topological_order_puts_every_revision_after_what_it_needs() {
    for seed in 0..20 {
        let revs = generated(seed, 60);
        let g = graph(&revs);
        let order = ids(&g.topological());
        assert_eq!(order.len(), revs.len());
        for r in &revs {
            let at = order.iter().position(|&o| o == r.id).unwrap();
            for needed in r.parents.iter().chain(r.depends_on.iter()) {
                assert!(order.iter().position(|&o| o == needed).unwrap() < at, "{needed} before {}", r.id);
            }
        }
    }
}
