//! Raw SQL must not change the runner's `lock_timeout`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(raw_sql, reason = "session setting")]
        execute("SET lock_timeout = 0");
    }
    irreversible
}

fn main() {}
