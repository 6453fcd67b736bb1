//! Each constraint and index rule, allowed with a reason (the failing forms are in ui/safety/).

retort::migration! {
    revision: "n0001",
    parent: none,
    up {
        #[allow(set_not_null, reason = "a few hundred rows")]
        alter_column("users", "email").set_not_null();
        #[allow(constraint_not_valid, reason = "a few hundred rows")]
        add_constraint("users", check("ck_users_email", "email <> ''"));
        #[allow(unique_constraint, reason = "a few hundred rows")]
        add_constraint("users", unique("uq_users_email", ["email"]));
        #[allow(index_concurrently, reason = "a few hundred rows")]
        create_index("ix_users_created_at").on("users", ["created_at"]);
    }
}

retort::migration! {
    revision: "n0002",
    parent: "n0001",
    up {
        #[allow(exclude_constraint, reason = "bookings is written once a day by a batch job")]
        add_constraint("bookings", exclude("ex_bookings_overlap", Gist, [with("room_id", "="), with("during", "&&")]));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.revisions().len(), 2);
}
