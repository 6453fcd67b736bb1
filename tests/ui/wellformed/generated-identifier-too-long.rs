//! An inline `references(..)` becomes the foreign key `<table>_<column>_fkey`, which MySQL
//! refuses over 64 bytes at deploy: the generated name is checked as a written one is.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("subscription_renewal_reminders", [
            column("id", BigInt).primary_key().identity(),
            column("billing_account_owner_user_id", BigInt).references("users", "id"),
        ]);
        add_column("subscription_renewal_reminders", column("escalation_contact_person_id", BigInt).references("users", "id"));
    }
}

fn main() {}
