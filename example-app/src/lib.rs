//! example-app: users, sessions, roles, posts, monthly-partitioned events and a summary view.

pub mod migrations;
