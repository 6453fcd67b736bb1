//! Three independent mistakes in one migration give three errors, reported together.

retort::migration! {
    revision: "2026-01-10",
    parent: "a0",
    up {
        create_table("audit_log", [
            column("id", Bigint).primary_key().identity(),
        ]);
        create_index("ix_users_email").on("users", ["email"]).concurrently().if_not_exists();
    }
}

fn main() {}
