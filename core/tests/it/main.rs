//! Integration tests of the `retort` crate against real databases (one binary to save link time).

mod render;
mod runner;
