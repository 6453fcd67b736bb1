//! example-app's integration tests: its migration chain against real databases, and its queries.

mod app_queries;
mod catalog;
mod data_preservation;
mod graph_shape;
mod offline_sql;
mod stairway;
mod support;
