//! Some rules describe migrations that cannot work, so they cannot be allowed.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(non_transactional_in_transaction, reason = "we know")]
        create_index("ix_users_email").on("users", ["email"]).concurrently().if_not_exists();
    }
}

fn main() {}
