//! Throwaway test databases for every crate's integration tests.
//!
//! Each test asks for its own database and gets a fresh, uniquely named one that is dropped when the
//! handle goes out of scope, so tests run in parallel without seeing each other's tables:
//!
//! ```no_run
//! # fn main() -> Result<(), retort_tests::HarnessError> {
//! let db = retort_tests::TestDb::postgres()?;
//! // connect to db.url() with retort or diesel; the database is dropped at the end of the scope
//! # Ok(()) }
//! ```
//!
//! Servers are found once per process, in this order: `TEST_DATABASE_URL` (PostgreSQL) /
//! `TEST_MYSQL_URL`; a server answering on 127.0.0.1:5432 / 127.0.0.1:3306; a testcontainers
//! container when a Docker engine is reachable. When none works the constructor returns a
//! [`HarnessError`] that names what was tried and how to provide a server: the harness never skips a
//! test, so a missing database fails the run (in CI too). SQLite databases are temporary files.

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod admin;
#[cfg(feature = "testcontainers")]
mod container;
mod dialect;
mod discover;
mod error;
mod name;
pub mod online;
mod testdb;

pub use dialect::Dialect;
pub use error::HarnessError;
pub use testdb::TestDb;
