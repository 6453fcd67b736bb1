//! Views and materialized views.

retort::migration! {
    /// Reporting views
    revision: "v0001",
    parent: none,
    up {
        create_view("active_users", "SELECT * FROM users WHERE active");
        create_view("user_names", "SELECT id, full_name FROM users").replaces("SELECT id, name FROM users");
        create_materialized_view("daily_signups", "SELECT date(created_at) AS day, count(*) FROM users GROUP BY 1").with_no_data();
        create_index("ix_daily_signups_day").on("daily_signups", ["day"]).unique();
        refresh_materialized_view("daily_signups");
        rename_view("daily_signups", "signups_per_day").materialized();
    }
}

retort::migration! {
    /// Refresh without blocking readers, drop an old view
    revision: "v0002",
    parent: "v0001",
    transaction: none,
    up {
        refresh_materialized_view("signups_per_day").concurrently();
        drop_view("old_report").if_exists().cascade().definition(create_view("old_report", "SELECT 1"));
        drop_materialized_view("old_stats").if_exists().definition(create_materialized_view("old_stats", "SELECT 2"));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let down = registry.get("v0001").unwrap().down().unwrap();
    // The replaced view is replaced back rather than dropped.
    let retort::ops::Op::DropView(replace_back) = &down[3] else { panic!("{down:?}") };
    assert!(replace_back.is_replace_back());
}
