//! A revision id fits the version table (32 bytes).

retort::migration! {
    revision: "a_revision_id_that_is_far_too_long_for_the_table",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
