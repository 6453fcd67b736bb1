//! The stairway: every revision, in order, goes up, down and up again. After the downgrade the
//! catalog must say what it said before the upgrade, and both upgrades must leave the same
//! catalog.
//!
//! A failing revision is recorded and the walk goes on from a fresh database, so that one run
//! reports every revision that does not round-trip.

use crate::catalog::snapshot;
use crate::support::{app_db, downgrade, migrator, runner_db, upgrade, Failure, Family, TestResult};
use retort::runner::Migrator;
use retort_tests::TestDb;

/// Up, down, up of one revision; `Err` describes what went wrong.
fn round_trip(
    family: Family,
    migrator: &Migrator,
    db: &TestDb,
    id: &str,
    parent: &str,
) -> TestResult<Result<(), String>> {
    let mut runner = runner_db(db)?;
    let mut app = app_db(db)?;
    let before_heads = migrator.current(&mut runner)?;
    let before = snapshot(&mut app, family)?;

    upgrade(migrator, &mut runner, id)?;
    let first = snapshot(&mut app, family)?;
    // The model folded from the chain's ops must be what the catalog says.
    let heads = migrator.current(&mut runner)?;
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    let dialect = runner.dialect().name();
    let (model, _) = retort::schema::chain::schema_of(migrator.graph(), &heads, dialect)?;
    let catalog = retort::runner::read_schema(&mut runner, migrator.settings())?;
    let drift: Vec<String> = retort::schema::diff(&model, &catalog).iter().map(ToString::to_string).collect();
    if !drift.is_empty() {
        return Ok(Err(format!("the model is not the catalog after the upgrade:\n  {}", drift.join("\n  "))));
    }

    // One step down: to the (first) parent. Everything applied above it goes, which at a
    // branch point includes the other branch, so the heads we had are restored after.
    if let Err(e) = downgrade(migrator, &mut runner, parent) {
        return Ok(Err(format!("downgrade failed: {e}")));
    }
    for head in &before_heads {
        upgrade(migrator, &mut runner, head)?;
    }
    let after_down = snapshot(&mut app, family)?;
    if before.restorable() != after_down.restorable() {
        let diff = difference(&before.restorable(), &after_down.restorable());
        return Ok(Err(format!("the downgrade did not restore the schema before it:\n{diff}")));
    }

    if let Err(e) = upgrade(migrator, &mut runner, id) {
        return Ok(Err(format!("the second upgrade failed: {e}")));
    }
    let second = snapshot(&mut app, family)?;
    if first != second {
        let mut diff = difference(&first.structure, &second.structure);
        diff.push_str(&difference(&first.table_sql, &second.table_sql));
        return Ok(Err(format!("the second upgrade gave another schema:\n{diff}")));
    }
    Ok(Ok(()))
}

/// The lines only in `a` (`-`) and only in `b` (`+`).
fn difference(a: &[String], b: &[String]) -> String {
    let only = |x: &[String], y: &[String], sign: char| {
        x.iter().filter(|l| !y.contains(l)).map(|l| format!("  {sign} {l}\n")).collect::<String>()
    };
    format!("{}{}", only(a, b, '-'), only(b, a, '+'))
}

fn stairway(family: Family) -> TestResult {
    let migrator = migrator()?;
    let order: Vec<(String, String)> = migrator
        .graph()
        .topological()
        .into_iter()
        .map(|r| (r.id.to_string(), r.parents.first().map_or_else(|| "base".to_owned(), |p| p.to_string())))
        .collect();
    let mut db = family.fresh()?;
    let mut failures = Vec::new();
    for (id, parent) in &order {
        let heads = migrator.current(&mut runner_db(&db)?)?;
        if let Err(failure) = round_trip(family, &migrator, &db, id, parent)? {
            failures.push(format!("{family:?}, revision {id}: {failure}"));
            // Go on from a fresh database in the state this step should have left.
            db = family.fresh()?;
            let mut runner = runner_db(&db)?;
            for head in heads.iter().chain([id]) {
                upgrade(&migrator, &mut runner, head)?;
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Failure(failures.join("\n\n")).into())
    }
}

#[test]
fn every_revision_goes_up_down_and_up_again_on_postgres() -> TestResult {
    stairway(Family::Postgres)
}

#[test]
fn every_revision_goes_up_down_and_up_again_on_sqlite() -> TestResult {
    stairway(Family::Sqlite)
}

#[test]
fn every_revision_goes_up_down_and_up_again_on_mariadb() -> TestResult {
    stairway(Family::Mariadb)
}
