//! `.from_type(..)` describes a `.set_type(..)` written before it.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        alter_column("users", "age").from_type(Integer);
    }
}

fn main() {}
