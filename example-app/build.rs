//! Rebuilds the crate when a revision file is added to or removed from `src/migrations`, which
//! `retort::migrations!()` reads: cargo watches the folder for the macro.

fn main() {
    println!("cargo:rerun-if-changed=src/migrations");
}
