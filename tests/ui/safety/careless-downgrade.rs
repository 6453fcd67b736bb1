//! A downgrade is held to its upgrade's standard: the upgrade attached a unique constraint to an
//! index built concurrently, so the derived downgrade (which drops the constraint and rebuilds the
//! index under the table's lock) is refused, and so is a written one that builds an index on that
//! table without CONCURRENTLY.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_constraint("users", unique("uq_users_email", ["email"]).using_index("ux_users_email"));
    }
}

retort::migration! {
    revision: "a2",
    parent: "a1",
    transaction: none,
    up {
        create_index("ix_users_name").on("users", ["name"]).concurrently().if_not_exists();
    }
    down {
        drop_index("ix_users_name").concurrently().if_exists();
        create_index("ix_users_name_old").on("users", ["name"]).if_not_exists();
    }
}

fn main() {}
