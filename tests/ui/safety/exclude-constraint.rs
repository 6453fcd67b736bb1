//! An EXCLUDE constraint has no online form.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_constraint("bookings", exclude("ex_bookings_overlap", Gist, [with("room_id", "="), with("during", "&&")]));
    }
}

fn main() {}
