//! Macros are not expanded inside `migration!`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        execute(concat!("SELECT ", "1"));
    },
    irreversible
}

fn main() {}
