//! Constraints: table constraints, add with NOT VALID, validate, drop with and without definition.

retort::migration! {
    /// Bookings with their constraints
    revision: "k0001",
    parent: none,
    up {
        create_table("bookings", [
            column("id", BigInt).identity(),
            column("room_id", BigInt).not_null(),
            column("user_id", BigInt).not_null(),
            column("during", custom("tstzrange")).not_null(),
            column("code", Text).not_null(),
        ])
        .constraint(primary_key("pk_bookings", ["id"]))
        .constraint(unique("uq_bookings_code", ["code"]))
        .constraint(check("ck_bookings_room", "room_id > 0"))
        .constraint(foreign_key("fk_bookings_user", ["user_id"], "users", ["id"]).on_delete(Cascade).on_update(Restrict).deferrable().initially_deferred().match_full())
        .constraint(exclude("ex_bookings_overlap", Gist, [with("room_id", "="), with("during", "&&")]).where_("code <> ''"));
    }
}

retort::migration! {
    /// Add a foreign key safely
    revision: "k0002",
    parent: "k0001",
    up {
        add_constraint("orders", foreign_key("fk_orders_user", ["user_id"], "users", ["id"]).on_delete(SetNull).match_simple()).not_valid();
    }
}

retort::migration! {
    /// Validate it in its own transaction
    revision: "k0003",
    parent: "k0002",
    up {
        validate_constraint("orders", "fk_orders_user");
    }
}

retort::migration! {
    /// Promote a concurrently built index to a unique constraint
    revision: "k0004",
    parent: "k0003",
    up {
        // The derived downgrade rebuilds the index under the lock (careless-downgrade); here the
        // table is small, as the allow says. docs/safety.md has the careful `down`.
        #[allow(careless_downgrade, reason = "users has a few hundred rows; a downgrade may lock it briefly")]
        add_constraint("users", unique("uq_users_email", ["email"]).using_index("ix_users_email"));
        drop_constraint("users", check("ck_users_age", "age >= 0")).if_exists();
    }
}

retort::migration! {
    /// Drop a constraint whose definition is not kept
    revision: "k0005",
    parent: "k0004",
    up {
        drop_constraint("users", "ck_users_name", Check).if_exists();
    }
    irreversible
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.get("k0003").unwrap().down().unwrap().len(), 0);
    assert_eq!(registry.get("k0004").unwrap().down().unwrap()[0].kind(), "add_constraint");
    assert!(registry.get("k0005").unwrap().down().is_err());
}
