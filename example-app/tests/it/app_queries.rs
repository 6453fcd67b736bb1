//! The app's own queries against a database the chain migrated to head.

use example_app::{analytics, posts, roles, sessions, users, AppConnection, AppError, Json};
use pretty_assertions::assert_eq;

use crate::support::{app_db, migrator, runner_db, upgrade, Family, TestResult};

fn migrated(family: Family) -> TestResult<(retort_tests::TestDb, AppConnection)> {
    let db = family.fresh()?;
    let migrator = migrator()?;
    upgrade(&migrator, &mut runner_db(&db)?, "head")?;
    let app = app_db(&db)?;
    Ok((db, app))
}

fn portable_queries_work(family: Family) -> TestResult {
    let (_db, mut conn) = migrated(family)?;
    let conn = &mut conn;

    // users: create with server defaults, case-insensitive lookup, rename.
    let ada = users::create(conn, "Ada@Example.com", Some("Ada Lovelace"))?;
    assert_eq!((ada.email.as_str(), ada.locale.as_str()), ("Ada@Example.com", "en"));
    assert_eq!(users::find_by_email(conn, "ada@EXAMPLE.com")?.map(|u| u.id), Some(ada.id));
    assert_eq!(users::find_by_email(conn, "nobody@example.com")?, None);
    users::rename(conn, ada.id, "Augusta Ada King")?;
    assert_eq!(users::find(conn, ada.id)?.full_name.as_deref(), Some("Augusta Ada King"));
    // The unique constraint on email_normalized refuses a second sign-up in other letters.
    assert!(users::create(conn, "ADA@example.com", None).is_err(), "{family:?}: duplicate e-mail accepted");

    // sessions: open, revoke, keep alive, sweep.
    let laptop = sessions::open(conn, ada.id, "hash-laptop", Some("Firefox"), 30)?;
    let phone = sessions::open(conn, ada.id, "hash-phone", Some("Safari"), 30)?;
    let stale = sessions::open(conn, ada.id, "hash-stale", None, 0)?;
    sessions::revoke(conn, phone)?;
    sessions::touch(conn, laptop)?;
    let live: Vec<_> = sessions::active_for(conn, ada.id)?.into_iter().map(|s| s.id).collect();
    assert_eq!(live, vec![laptop], "{family:?}: the revoked and the expired sessions are not live");
    assert_eq!(sessions::sweep_expired(conn)?, 1, "{family:?}: the sweep deletes the expired session");
    assert!(!sessions::active_for(conn, ada.id)?.iter().any(|s| s.id == stale));

    // roles: seeded reference data, grants through role_assignments.
    assert_eq!(roles::all(conn)?, ["member", "editor", "admin"]);
    roles::grant(conn, ada.id, "editor")?;
    roles::grant(conn, ada.id, "admin")?;
    assert_eq!(roles::of(conn, ada.id)?, ["admin", "editor"]);
    roles::revoke(conn, ada.id, "admin")?;
    assert_eq!(roles::of(conn, ada.id)?, ["editor"]);
    assert!(matches!(roles::grant(conn, ada.id, "owner"), Err(AppError::UnknownRole(_))));

    // posts: publish, list newest first, edit (the editor foreign key).
    let grace = users::create(conn, "grace@example.com", Some("Grace Hopper"))?;
    let first = posts::publish(conn, ada.id, "Notes on the Analytical Engine", "...")?;
    let second = posts::publish(conn, ada.id, "Sketch of the Engine", "...")?;
    assert!(second > first, "{family:?}: identity keys increase");
    posts::edit(conn, first, grace.id, "Notes, edited")?;
    let listed: Vec<_> = posts::recent_by_author(conn, ada.id, 10)?.into_iter().map(|p| p.id).collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&first) && listed.contains(&second));

    // events: on PostgreSQL only months with a partition accept rows, so the upkeep job runs first.
    if let AppConnection::Postgresql(pg) = conn {
        let (year, month) = analytics::current_month(pg)?;
        analytics::ensure_month_partition(pg, year, month)?;
        analytics::ensure_month_partition(pg, year, month)?; // idempotent
    }
    analytics::record(conn, Some(ada.id), "login", &Json(r#"{"via": "password"}"#.into()))?;
    analytics::record(conn, Some(ada.id), "login", &Json(r#"{"via": "passkey"}"#.into()))?;
    analytics::record(conn, None, "signup_page_view", &Json("{}".into()))?;
    assert_eq!(analytics::count(conn, ada.id, "login")?, 2);
    Ok(())
}

#[test]
fn app_queries_run_against_the_migrated_schema_on_postgres() -> TestResult {
    portable_queries_work(Family::Postgres)
}

#[test]
fn app_queries_run_against_the_migrated_schema_on_sqlite() -> TestResult {
    portable_queries_work(Family::Sqlite)
}

#[test]
fn app_queries_run_against_the_migrated_schema_on_mariadb() -> TestResult {
    portable_queries_work(Family::Mariadb)
}

#[test]
fn postgres_only_queries_use_trigram_search_and_the_session_summary() -> TestResult {
    let (_db, mut conn) = migrated(Family::Postgres)?;
    let ada = users::create(&mut conn, "ada@example.com", Some("Ada"))?;
    let engine = posts::publish(&mut conn, ada.id, "Notes on the Analytical Engine", "...")?;
    posts::publish(&mut conn, ada.id, "On poetical science", "...")?;
    sessions::open(&mut conn, ada.id, "h1", None, 30)?;
    let revoked = sessions::open(&mut conn, ada.id, "h2", None, 30)?;
    sessions::revoke(&mut conn, revoked)?;
    let AppConnection::Postgresql(pg) = &mut conn else {
        return Err("a postgres:// URL gave another connection".into());
    };

    let found: Vec<_> = posts::search_titles(pg, "analytical", 10)?.into_iter().map(|p| p.id).collect();
    assert_eq!(found, vec![engine]);

    // The view is as of the last refresh: empty for a user created since.
    assert_eq!(analytics::session_summary(pg, ada.id)?, None);
    analytics::refresh_session_summary(pg)?;
    let summary = analytics::session_summary(pg, ada.id)?.ok_or("no summary row after the refresh")?;
    assert_eq!((summary.session_count, summary.open_sessions), (2, 1));
    Ok(())
}
