//! Gives the macro an id of the code it is built from (`RETORT_MACROS_BUILD`), a hash of its
//! sources and of those it mounts, so that `migrations!()`'s cache of per-file results is never
//! read by a macro that would compute them differently: the crate version alone stays the same
//! across the commits of a git or path dependency.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    // Its own sources, `retort-source`'s, and `core`'s modules that `retort-source` mounts; a
    // published crate has only its own, and a version of its own.
    let roots = ["src", "../source/src", "../core/src/ops", "../core/src/safety", "../core/src/schema"];
    let mut hash = Sha256::new();
    hash.update(std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
    for root in roots {
        let dir = manifest.join(root);
        if dir.exists() {
            println!("cargo:rerun-if-changed={}", dir.display());
            let mut files = Vec::new();
            walk(&dir, &mut files);
            files.sort();
            for file in files {
                let name = file.strip_prefix(&manifest).unwrap_or(&file).to_string_lossy().into_owned();
                let text = std::fs::read(&file).unwrap_or_default();
                // Each part framed by its length, so that no two trees hash alike.
                for part in [name.as_bytes(), &text] {
                    hash.update((part.len() as u64).to_le_bytes());
                    hash.update(part);
                }
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
    let id: String = hash.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=RETORT_MACROS_BUILD={id}");
}

/// Every file under `dir`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
