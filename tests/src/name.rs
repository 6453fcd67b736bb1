//! Unique names for test databases.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Numbers the databases of this process, so that two tests never race for one name.
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// `retort_t_<pid>_<counter>_<random>`: the pid and counter keep names unique within a machine's
/// concurrent runs, the random part keeps them unique against leftovers of earlier runs (a killed
/// process cannot drop its databases, and pids are reused). At most 40 characters, well inside
/// PostgreSQL's 63 and MySQL's 64; lowercase, so no identifier quoting rule can change it.
pub(crate) fn unique_name() -> String {
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("retort_t_{}_{counter}_{:08x}", std::process::id(), random())
}

fn random() -> u32 {
    // Without an OS random source the clock still separates runs; uniqueness within the run comes
    // from the counter either way.
    getrandom::u32()
        .unwrap_or_else(|_| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::unique_name;

    #[test]
    fn names_are_distinct_lowercase_identifiers() {
        let a = unique_name();
        let b = unique_name();
        assert_ne!(a, b);
        for name in [&a, &b] {
            assert!(name.len() <= 63, "{name} is too long for PostgreSQL");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{name}");
        }
    }
}
