//! example-app: users, sessions, roles, posts, monthly-partitioned events and a summary view.
//!
//! The schema is the migration chain in [`migrations`] (walked through in
//! `docs/example-app.md`); the other modules are the app's own queries against it, written
//! once with diesel for PostgreSQL, SQLite and MySQL. Functions that take a `PgConnection`
//! use what only PostgreSQL has (trigram search, partitions, materialized views).

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod analytics;
pub mod db;
pub mod error;
pub mod migrations;
pub mod posts;
pub mod roles;
#[allow(missing_docs)] // diesel's table! generates one undocumented struct per column
pub mod schema;
pub mod sessions;
pub mod users;

pub use db::{AppConnection, DbKind, Json, Uuid};
pub use error::{AppError, AppResult};
