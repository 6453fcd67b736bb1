//! What PostgreSQL renders by server version (`server_version_num`): the `pg14-cic-bug` refusal,
//! the SET NOT NULL recipe of `transaction: none` revisions (12+), `DETACH .. CONCURRENTLY`
//! (14+) and `NULLS NOT DISTINCT` (15+), each on both sides of its gate.

use pretty_assertions::assert_eq;

use super::{render, Dialect, RenderContext, RenderError};
use crate::ops::*;

const PG: Dialect = Dialect::Postgres;

fn on(version: u32) -> RenderContext {
    RenderContext { server_version_num: Some(version), ..RenderContext::default() }
}

fn autocommit_on(version: u32) -> RenderContext {
    RenderContext { autocommit: true, ..on(version) }
}

/// The hint of an `Unsupported` refusal, or a panic naming what rendered instead.
fn refusal(result: Result<Vec<String>, RenderError>) -> String {
    match result {
        Err(RenderError::Unsupported { hint, dialect, .. }) => {
            assert_eq!(dialect, PG);
            hint
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn cic() -> Op {
    Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]).concurrently())
}

#[test]
fn concurrent_index_builds_are_refused_on_postgres_14_0_to_14_3_naming_the_rule_and_the_fix() {
    for version in [140000, 140002, 140003] {
        let hint = refusal(render(&cic(), PG, &on(version)));
        assert!(hint.contains("pg14-cic-bug"), "{hint}");
        assert!(hint.contains("14.4"), "{hint}");
        let reindex = Op::Execute(Execute::new("REINDEX INDEX CONCURRENTLY ix_users_email"));
        assert!(refusal(render(&reindex, PG, &on(version))).contains("pg14-cic-bug"));
        let raw = Op::Execute(Execute::new("CREATE UNIQUE INDEX CONCURRENTLY ix ON users (email)"));
        assert!(refusal(render(&raw, PG, &on(version))).contains("pg14-cic-bug"));
    }
    assert!(refusal(render(&cic(), PG, &on(140002))).contains("this server is 14.2"));
}

#[test]
fn concurrent_index_builds_render_before_14_from_14_4_and_offline() {
    let want = [r#"CREATE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email")"#];
    for ctx in [on(110000), on(130011), on(140004), on(150000), RenderContext::default()] {
        assert_eq!(render(&cic(), PG, &ctx).unwrap(), want, "{:?}", ctx.server_version_num);
    }
    let reindex = Op::Execute(Execute::new("REINDEX INDEX CONCURRENTLY ix"));
    assert_eq!(render(&reindex, PG, &on(140004)).unwrap(), ["REINDEX INDEX CONCURRENTLY ix"]);
}

#[test]
fn dropping_an_index_concurrently_stays_allowed_on_14_0_to_14_3() {
    // The bug is in the build; a drop is how a corrupt index gets replaced.
    let drop = Op::DropIndex(DropIndex::new("ix_users_email").concurrently());
    assert_eq!(render(&drop, PG, &on(140002)).unwrap(), [r#"DROP INDEX CONCURRENTLY "ix_users_email""#]);
    let plain = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]));
    assert_eq!(render(&plain, PG, &on(140002)).unwrap(), [r#"CREATE INDEX "ix" ON "users" ("email")"#]);
}

fn set_not_null() -> Op {
    Op::AlterColumn(AlterColumn::new("users", "email").set_not_null())
}

const RECIPE: [&str; 4] = [
    r#"ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "email_retort_not_null", ADD CONSTRAINT "email_retort_not_null" CHECK ("email" IS NOT NULL) NOT VALID"#,
    r#"ALTER TABLE "users" VALIDATE CONSTRAINT "email_retort_not_null""#,
    r#"ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL"#,
    r#"ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "email_retort_not_null""#,
];

#[test]
fn set_not_null_in_a_non_transactional_revision_takes_the_check_recipe_from_postgres_12() {
    for version in [120000, 140002, 140004, 150000] {
        assert_eq!(render(&set_not_null(), PG, &autocommit_on(version)).unwrap(), RECIPE, "{version}");
    }
    let offline = RenderContext { autocommit: true, ..RenderContext::default() };
    assert_eq!(render(&set_not_null(), PG, &offline).unwrap(), RECIPE);
}

#[test]
fn set_not_null_in_a_transaction_stays_one_statement() {
    for ctx in [on(110000), on(120000), on(150000), RenderContext::default()] {
        assert_eq!(
            render(&set_not_null(), PG, &ctx).unwrap(),
            [r#"ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL"#]
        );
    }
}

#[test]
fn the_set_not_null_recipe_is_refused_before_postgres_12_with_the_fix() {
    let hint = refusal(render(&set_not_null(), PG, &autocommit_on(110000)));
    assert!(hint.contains("PostgreSQL 11.0") && hint.contains("12 or later"), "{hint}");
    assert!(hint.contains("allow(set_not_null"), "{hint}");
}

#[test]
fn the_set_not_null_recipe_keeps_the_other_changes_and_skips_type_changes() {
    let with_default = Op::AlterColumn(
        AlterColumn::new("users", "email").set_not_null().set_default(ServerDefault::Value(Value::Str("x".into()))),
    );
    let sql = render(&with_default, PG, &autocommit_on(150000)).unwrap();
    assert_eq!(sql[0], r#"ALTER TABLE "users" ALTER COLUMN "email" SET DEFAULT 'x'"#);
    assert_eq!(sql[1..], RECIPE);
    // A type change rewrites the table under its lock anyway; NOT NULL is checked by the rewrite.
    let retype = Op::AlterColumn(AlterColumn::new("users", "email").set_type(ColumnType::Text).set_not_null());
    assert_eq!(
        render(&retype, PG, &autocommit_on(110000)).unwrap(),
        [r#"ALTER TABLE "users" ALTER COLUMN "email" TYPE text, ALTER COLUMN "email" SET NOT NULL"#]
    );
    let drop_not_null = Op::AlterColumn(AlterColumn::new("users", "email").drop_not_null());
    assert_eq!(
        render(&drop_not_null, PG, &autocommit_on(110000)).unwrap(),
        [r#"ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL"#]
    );
}

#[test]
fn other_dialects_ignore_autocommit() {
    let op = Op::AlterColumn(
        AlterColumn::new("users", "email").set_type(ColumnType::Text).from_type(ColumnType::Text).set_not_null(),
    );
    let ctx = RenderContext { autocommit: true, ..RenderContext::default() };
    for dialect in [Dialect::Mysql, Dialect::Sqlite] {
        let plain = format!("{:?}", render(&op, dialect, &RenderContext::default()));
        assert_eq!(format!("{:?}", render(&op, dialect, &ctx)), plain, "{dialect}");
    }
}

#[test]
fn detach_concurrently_needs_14_and_nulls_not_distinct_needs_15() {
    let detach = Op::DetachPartition(DetachPartition::new("events", "events_2024").concurrently());
    assert!(refusal(render(&detach, PG, &on(130000))).contains("14"));
    for version in [140002, 140004, 150000] {
        assert_eq!(
            render(&detach, PG, &on(version)).unwrap(),
            [r#"ALTER TABLE "events" DETACH PARTITION "events_2024" CONCURRENTLY"#],
            "{version}"
        );
    }
    let nnd = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]).unique().nulls_not_distinct());
    for version in [110000, 120000, 140002, 140004] {
        assert!(refusal(render(&nnd, PG, &on(version))).contains("15"), "{version}");
    }
    assert_eq!(
        render(&nnd, PG, &on(150000)).unwrap(),
        [r#"CREATE UNIQUE INDEX "ix" ON "users" ("email") NULLS NOT DISTINCT"#]
    );
}
