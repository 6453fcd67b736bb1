//! PostgreSQL truncates identifiers over 63 bytes, so they are refused.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity(), column("name", Text)]);
        create_index("ix_teams_name_for_the_weekly_report_of_the_teams_that_were_renamed").on("teams", ["name"]);
    }
}

fn main() {}
