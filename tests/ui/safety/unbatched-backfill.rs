//! One UPDATE over a whole table.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(raw_sql, reason = "reviewed")]
        execute("UPDATE users SET active = true");
    }
    irreversible
}

fn main() {}
