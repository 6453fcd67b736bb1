//! A default is a literal, `now()` or `sql(..)`, not a bare word.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("users", [column("id", BigInt).primary_key().identity(), column("role", Text).default(member)]);
    }
}

fn main() {}
