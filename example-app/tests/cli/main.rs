//! CLI tests: the real `migrate` binary of the example app, against real SQLite and PostgreSQL.

mod bad_input;
mod concurrency;
mod config;
mod conventions;
mod drift;
mod exit_codes;
mod faults;
mod inspect;
mod json;
mod lifecycle;
mod offline;
mod online;
mod scaffold;
mod schema;
mod stalls;
mod support;
mod views;
mod which_database;
