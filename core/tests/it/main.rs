//! Integration tests of the `retort` crate against real databases (one binary to save link time).

mod backfill;
mod diesel_schema;
mod drift;
mod from_model;
mod history;
mod inspect;
mod interrupted;
mod locks;
mod render;
mod runner;
