//! Rows seeded early survive the whole chain, up to head and back down, wherever the chain
//! moves them: the renamed column, the reshaped JSON, the backfilled column, the restructured
//! roles.

use std::collections::BTreeSet;

use example_app::AppConnection;
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

use crate::support::{app_db, downgrade, exec, lines, migrator, runner_db, upgrade, Family, TestResult};

/// Seeded at r03 (`users.locale` added), before every data move of the chain.
const SEED_REVISION: &str = "d4059185ab17";
const ADA: &str = "11111111-1111-4111-8111-111111111111";
const GRACE: &str = "22222222-2222-4222-8222-222222222222";
const LINUS: &str = "33333333-3333-4333-8333-333333333333";

fn seed(conn: &mut AppConnection) -> TestResult {
    exec(
        conn,
        &format!(
            "INSERT INTO users (id, email, display_name, settings) VALUES \
             ('{ADA}', 'Ada@Example.com', 'Ada Lovelace', '{{\"theme\": \"dark\", \"email_notifications\": true}}'), \
             ('{GRACE}', 'grace@example.com', NULL, '{{\"theme\": \"light\", \"email_notifications\": false}}'), \
             ('{LINUS}', 'LINUS@Example.org', 'Linus', '{{}}')"
        ),
    )?;
    exec(
        conn,
        &format!(
            "INSERT INTO user_roles (user_id, role) VALUES ('{ADA}', 'admin'), ('{ADA}', 'editor'), ('{GRACE}', 'member')"
        ),
    )?;
    exec(
        conn,
        &format!(
            "INSERT INTO sessions (id, user_id, token_hash, expires_at) VALUES \
             ('44444444-4444-4444-8444-444444444444', '{ADA}', 'h1', '2030-01-01 00:00:00'), \
             ('55555555-5555-4555-8555-555555555555', '{GRACE}', 'h2', '2030-01-01 00:00:00')"
        ),
    )
}

fn seeded_settings() -> Vec<(String, Value)> {
    vec![
        (ADA.into(), json!({"theme": "dark", "email_notifications": true})),
        (GRACE.into(), json!({"theme": "light", "email_notifications": false})),
        (LINUS.into(), json!({})),
    ]
}

/// `(id, settings)` of every user, JSON parsed so that each dialect's spacing does not matter.
fn settings(conn: &mut AppConnection) -> TestResult<Vec<(String, Value)>> {
    let mut out = Vec::new();
    for line in lines(conn, "SELECT CONCAT(id, '|', settings) AS line FROM users ORDER BY id")? {
        let (id, doc) = line.split_once('|').ok_or("no separator")?;
        out.push((id.to_owned(), serde_json::from_str(doc)?));
    }
    Ok(out)
}

fn set(conn: &mut AppConnection, sql: &str) -> TestResult<BTreeSet<String>> {
    Ok(lines(conn, sql)?.into_iter().collect())
}

fn strings(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The app's tables and `users`' columns, from the catalog.
fn tables_and_user_columns(
    conn: &mut AppConnection,
    family: Family,
) -> TestResult<(BTreeSet<String>, BTreeSet<String>)> {
    let (tables, columns) = match family {
        Family::Postgres => (
            "SELECT tablename AS line FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'retort%'",
            "SELECT column_name::text AS line FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users'",
        ),
        Family::Sqlite => (
            "SELECT name AS line FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'retort%' AND name NOT LIKE 'sqlite_%'",
            "SELECT name AS line FROM pragma_table_info('users')",
        ),
        Family::Mariadb => (
            "SELECT table_name AS line FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
            "SELECT column_name AS line FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users'",
        ),
    };
    Ok((set(conn, tables)?, set(conn, columns)?))
}

fn data_survives_the_chain(family: Family) -> TestResult {
    let db = family.fresh()?;
    let migrator = migrator()?;
    let mut runner = runner_db(&db)?;
    let mut app = app_db(&db)?;

    upgrade(&migrator, &mut runner, SEED_REVISION)?;
    seed(&mut app)?;
    let sessions_sql = "SELECT CONCAT(id, '|', user_id, '|', token_hash) AS line FROM sessions";
    let sessions = set(&mut app, sessions_sql)?;

    upgrade(&migrator, &mut runner, "head")?;
    let (tables, columns) = tables_and_user_columns(&mut app, family)?;
    assert!(!tables.contains("user_roles"), "{family:?}: user_roles is gone at head");
    assert!(tables.contains("role_assignments"), "{family:?}: role_assignments exists at head");
    assert!(!columns.contains("display_name"), "{family:?}: display_name is gone at head");
    // Renamed column (r14-r16) and backfilled NOT NULL column (r07-r11).
    assert_eq!(
        set(&mut app, "SELECT CONCAT(id, '|', email_normalized, '|', COALESCE(full_name, '-')) AS line FROM users")?,
        strings(&[
            &format!("{ADA}|ada@example.com|Ada Lovelace"),
            &format!("{GRACE}|grace@example.com|-"),
            &format!("{LINUS}|linus@example.org|Linus"),
        ]),
        "{family:?}: names and normalized e-mails at head",
    );
    // Reshaped JSON (r27).
    assert_eq!(
        settings(&mut app)?,
        vec![
            (ADA.into(), json!({"theme": "dark", "notifications": {"email": true}})),
            (GRACE.into(), json!({"theme": "light", "notifications": {"email": false}})),
            (LINUS.into(), json!({})),
        ],
        "{family:?}: settings at head",
    );
    // Restructured roles (r23-r26).
    assert_eq!(
        set(
            &mut app,
            "SELECT CONCAT(ra.user_id, '|', r.name) AS line FROM role_assignments ra JOIN roles r ON r.id = ra.role_id"
        )?,
        strings(&[&format!("{ADA}|admin"), &format!("{ADA}|editor"), &format!("{GRACE}|member")]),
        "{family:?}: role assignments at head",
    );
    assert_eq!(set(&mut app, sessions_sql)?, sessions, "{family:?}: sessions at head");

    downgrade(&migrator, &mut runner, SEED_REVISION)?;
    let (tables, columns) = tables_and_user_columns(&mut app, family)?;
    assert!(
        !tables.contains("role_assignments") && !tables.contains("roles"),
        "{family:?}: the new role tables are gone"
    );
    assert!(
        !columns.contains("full_name") && !columns.contains("email_normalized"),
        "{family:?}: new columns are gone"
    );
    assert_eq!(
        set(&mut app, "SELECT CONCAT(id, '|', COALESCE(display_name, '-')) AS line FROM users")?,
        strings(&[&format!("{ADA}|Ada Lovelace"), &format!("{GRACE}|-"), &format!("{LINUS}|Linus")]),
        "{family:?}: display names after the downgrade",
    );
    assert_eq!(settings(&mut app)?, seeded_settings(), "{family:?}: settings after the downgrade");
    assert_eq!(
        set(&mut app, "SELECT CONCAT(user_id, '|', role) AS line FROM user_roles")?,
        strings(&[&format!("{ADA}|admin"), &format!("{ADA}|editor"), &format!("{GRACE}|member")]),
        "{family:?}: user_roles after the downgrade",
    );
    assert_eq!(set(&mut app, sessions_sql)?, sessions, "{family:?}: sessions after the downgrade");
    Ok(())
}

#[test]
fn seeded_rows_survive_upgrade_to_head_and_back_on_postgres() -> TestResult {
    data_survives_the_chain(Family::Postgres)
}

#[test]
fn seeded_rows_survive_upgrade_to_head_and_back_on_sqlite() -> TestResult {
    data_survives_the_chain(Family::Sqlite)
}

#[test]
fn seeded_rows_survive_upgrade_to_head_and_back_on_mariadb() -> TestResult {
    data_survives_the_chain(Family::Mariadb)
}
