//! r24 `8fd832a096ac`: reference data, inserted in bulk.

retort::migration! {
    /// Seed the roles reference data
    revision: "8fd832a096ac",
    parent: "635870d0eb2a",
    up {
        bulk_insert("roles", ["id", "name", "description"], [
            [1, "member", "can read and comment"],
            [2, "editor", "can publish and edit any post"],
            [3, "admin", "can manage users and roles"],
        ]);
    }
    down {
        execute("DELETE FROM roles WHERE id IN (1, 2, 3)");
    }
}
