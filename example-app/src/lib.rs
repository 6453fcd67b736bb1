//! example-app: users, sessions, roles, posts, monthly-partitioned events and a summary view.
//!
//! The schema is the migration chain in [`migrations`] (walked through in
//! `docs/example-app.md`); the other modules are the app's own queries against it, written
//! once with diesel for PostgreSQL, SQLite and MySQL. Functions that take a `PgConnection`
//! use what only PostgreSQL has (trigram search, partitions, materialized views).

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod migrations;

#[cfg(feature = "app")]
pub mod analytics;
#[cfg(feature = "app")]
pub mod db;
#[cfg(feature = "app")]
pub mod error;
#[cfg(feature = "app")]
pub mod posts;
#[cfg(feature = "app")]
pub mod roles;
#[cfg(feature = "app")]
#[allow(missing_docs)] // diesel's table! generates one undocumented struct per column
pub mod schema;
#[cfg(feature = "app")]
pub mod sessions;
#[cfg(feature = "app")]
pub mod users;

#[cfg(feature = "app")]
pub use db::{AppConnection, DbKind, Json, Uuid};
#[cfg(feature = "app")]
pub use error::{AppError, AppResult};
