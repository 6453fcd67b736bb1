//! The app's revisions, one file each, in the order they were written.
//!
//! `r01`-`r27` are the main line, `r28`-`r33` the `analytics` branch (rooted at `r01`), `r34`
//! merges the two and `r35` follows the merge. docs/example-app.md walks through the chain.

mod r01_initial_schema;
mod r02_updated_at_trigger;
mod r03_users_locale;
mod r04_posts;
mod r05_posts_status_check;
mod r06_validate_posts_status;
mod r07_users_email_normalized;
mod r08_backfill_email_normalized;
mod r09_email_normalized_not_null_check;
mod r10_validate_email_normalized_check;
mod r11_email_normalized_set_not_null;
mod r12_email_normalized_unique_index;
mod r13_email_normalized_unique_constraint;
mod r14_users_full_name;
mod r15_backfill_full_name;
mod r16_drop_display_name;
mod r17_sessions_indexes;
mod r18_posts_indexes;
mod r19_posts_editor_id;
mod r20_posts_editor_id_index;
mod r21_posts_editor_fk;
mod r22_validate_posts_editor_fk;
mod r23_roles_tables;
mod r24_seed_roles;
mod r25_copy_user_roles;
mod r26_drop_user_roles;
mod r27_reshape_settings;
mod r28_events;
mod r29_events_partitions;
mod r30_detach_events_2026_01;
mod r31_session_summary;
mod r32_session_summary_v2;
mod r33_swap_session_summary;
mod r34_merge_analytics;
mod r35_drop_session_summary_v1;
