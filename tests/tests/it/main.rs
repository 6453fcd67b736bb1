//! Integration tests of retort-tests: the harness itself and retort across crates.

mod harness;
mod online;
