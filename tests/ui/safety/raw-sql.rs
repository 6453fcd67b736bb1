//! Raw SQL cannot be checked by the typed rules.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        execute("CREATE FUNCTION one() RETURNS int AS 'SELECT 1' LANGUAGE sql");
    }
    down {
        execute("DROP FUNCTION one()");
    }
}

fn main() {}
