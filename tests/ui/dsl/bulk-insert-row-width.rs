//! Each bulk_insert row has one value per column.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("countries", [column("code", Text).primary_key(), column("name", Text).not_null()]);
        bulk_insert("countries", ["code", "name"], [["fr", "France"], ["de"]]);
    },
    irreversible
}

fn main() {}
