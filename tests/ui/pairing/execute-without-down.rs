//! `execute` has no known inverse: write `down` or declare `irreversible`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(raw_sql, reason = "plain DDL the typed ops lack")]
        execute("CREATE FUNCTION one() RETURNS int AS 'SELECT 1' LANGUAGE sql");
    }
}

fn main() {}
