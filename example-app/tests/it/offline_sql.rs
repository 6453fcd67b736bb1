//! `upgrade --sql` of the whole chain on PostgreSQL, reviewed as a snapshot: a change to the
//! chain, or to how retort renders it, shows up as a diff in review.

use retort::graph::Direction;
use retort::Dialect;

use crate::support::{migrator, TestResult};

/// The script with the values that depend on the machine and the release (who ran it, where,
/// which retort) replaced, so that the snapshot is the same everywhere.
fn redacted(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    for line in script.lines() {
        match line.strip_suffix(");").filter(|_| line.starts_with("INSERT INTO \"retort_history\"")) {
            Some(body) => {
                let mut values = body.rsplitn(4, ", ");
                let (_version, _host, _user) = (values.next(), values.next(), values.next());
                let rest = values.next().unwrap_or(body);
                out.push_str(rest);
                out.push_str(", '[user]', '[host]', '[version]');");
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn whole_chain_upgrade_sql_for_postgres_matches_the_reviewed_script() -> TestResult {
    let sql = migrator()?.offline_sql(Dialect::Postgres, "head", Direction::Upgrade)?;
    insta::assert_snapshot!("postgres_upgrade_head", redacted(&sql));
    Ok(())
}

#[test]
fn whole_chain_downgrade_sql_for_postgres_matches_the_reviewed_script() -> TestResult {
    let sql = migrator()?.offline_sql(Dialect::Postgres, "head:base", Direction::Downgrade)?;
    insta::assert_snapshot!("postgres_downgrade_base", redacted(&sql));
    Ok(())
}
