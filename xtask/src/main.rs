//! `cargo xtask`: the workspace's developer commands.

fn main() {}
