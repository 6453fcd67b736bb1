//! Each column rule, allowed with a reason (the failing forms are in ui/safety/).

retort::migration! {
    revision: "m0001",
    parent: none,
    up {
        #[allow(add_required_column, reason = "the table is empty in every environment")]
        add_column("users", column("email", Text).not_null());
        #[allow(volatile_default, reason = "a few hundred rows")]
        add_column("users", column("token", Uuid).default(sql("gen_random_uuid()")));
        #[allow(add_serial_column, reason = "a few hundred rows")]
        add_column("users", column("seq", BigInt).identity());
        #[allow(change_column_type, reason = "a few hundred rows")]
        alter_column("users", "age").set_type(BigInt).from_type(Integer);
        #[allow(rename_column, reason = "no running code reads it")]
        rename_column("users", "name", "full_name");
        #[allow(drop_column, reason = "unused since v2")]
        drop_column("users", "legacy_flag").definition(column("legacy_flag", Boolean));
        #[allow(type_hygiene, reason = "matches the partner's fixed-width export")]
        add_column("users", column("country", Char(2)));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.get("m0001").unwrap().allowed.len(), 7);
}
