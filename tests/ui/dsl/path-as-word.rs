//! Words are written bare, not as paths.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("orders", [column("user_id", BigInt).references("users", "id").on_delete(ForeignKeyAction::Cascade)]);
    }
}

fn main() {}
