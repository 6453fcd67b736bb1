//! The app's revisions, one file each, in the order they were written.
//!
//! `retort::migrations!()` declares every file of this folder as a module and checks the graph
//! they form at compile time; `build.rs` makes cargo rebuild when a file is added.
//!
//! `r01`-`r27` are the main line, `r28`-`r33` the `analytics` branch (rooted at `r01`), `r34`
//! merges the two and `r35` follows the merge. docs/example-app.md walks through the chain.

retort::migrations!();
