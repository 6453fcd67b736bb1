//! PostgreSQL cannot remove an enum label, so adding one needs `down` or `irreversible`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_enum_value("mood", "ecstatic").after("happy");
    }
}

fn main() {}
