//! Rows of the op × dialect table: comments, extensions, enum types, sequences and views.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "comment_on_table",
            Op::SetComment(SetComment::table("users", Some("people's accounts".into()))),
            [
                Sql(&[r#"COMMENT ON TABLE "users" IS E'people\'s accounts'"#]),
                Unsupported,
                Sql(&[r#"ALTER TABLE `users` COMMENT = 'people\'s accounts'"#]),
            ],
        ),
        case(
            "comment_on_table removing it",
            Op::SetComment(SetComment::table("users", None)),
            [Sql(&[r#"COMMENT ON TABLE "users" IS NULL"#]), Unsupported, Sql(&[r#"ALTER TABLE `users` COMMENT = ''"#])],
        ),
        case(
            "comment_on_column",
            Op::SetComment(SetComment::column("users", "email", Some("login".into()))),
            [Sql(&[r#"COMMENT ON COLUMN "users"."email" IS 'login'"#]), Unsupported, Unsupported],
        ),
        case(
            "create_extension",
            Op::CreateExtension(CreateExtension::new("pg_trgm").if_not_exists()),
            [Sql(&[r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm""#]), Unsupported, Unsupported],
        ),
        case(
            "drop_extension",
            Op::DropExtension(DropExtension::new("pg_trgm").if_exists()),
            [Sql(&[r#"DROP EXTENSION IF EXISTS "pg_trgm""#]), Unsupported, Unsupported],
        ),
        case(
            "create_enum",
            Op::CreateEnum(CreateEnum::new("mood", ["sad", "it's ok", "happy"])),
            [Sql(&[r#"CREATE TYPE "mood" AS ENUM ('sad', E'it\'s ok', 'happy')"#]), Unsupported, Unsupported],
        ),
        case(
            "drop_enum",
            Op::DropEnum(DropEnum::new("mood")),
            [Sql(&[r#"DROP TYPE "mood""#]), Unsupported, Unsupported],
        ),
        case(
            "add_enum_value",
            Op::AddEnumValue(AddEnumValue::new("mood", "meh").before("happy").if_not_exists()),
            [Sql(&[r#"ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'meh' BEFORE 'happy'"#]), Unsupported, Unsupported],
        ),
        case(
            "create_sequence",
            Op::CreateSequence(
                CreateSequence::new("order_no")
                    .start(1000)
                    .increment(10)
                    .min_value(1)
                    .max_value(1_000_000)
                    .cache(5)
                    .cycle()
                    .owned_by("orders", "no"),
            ),
            [
                Sql(&[
                    r#"CREATE SEQUENCE "order_no" INCREMENT BY 10 MINVALUE 1 MAXVALUE 1000000 START WITH 1000 CACHE 5 CYCLE OWNED BY "orders"."no""#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "drop_sequence",
            Op::DropSequence(DropSequence::new("order_no")),
            [Sql(&[r#"DROP SEQUENCE "order_no""#]), Unsupported, Unsupported],
        ),
        // ---- views ---------------------------------------------------------------------------
        case(
            "create_view",
            Op::CreateView(CreateView::new("active_users", "SELECT * FROM users WHERE active")),
            [
                Sql(&[r#"CREATE VIEW "active_users" AS SELECT * FROM users WHERE active"#]),
                Sql(&[r#"CREATE VIEW "active_users" AS SELECT * FROM users WHERE active"#]),
                Sql(&[r#"CREATE VIEW `active_users` AS SELECT * FROM users WHERE active"#]),
            ],
        ),
        case(
            "create_view or_replace",
            Op::CreateView(
                CreateView::new("active_users", "SELECT id FROM users WHERE active")
                    .replaces("SELECT * FROM users WHERE active"),
            ),
            [
                Sql(&[r#"CREATE OR REPLACE VIEW "active_users" AS SELECT id FROM users WHERE active"#]),
                Sql(&[
                    r#"DROP VIEW IF EXISTS "active_users""#,
                    r#"CREATE VIEW "active_users" AS SELECT id FROM users WHERE active"#,
                ]),
                Sql(&[r#"CREATE OR REPLACE VIEW `active_users` AS SELECT id FROM users WHERE active"#]),
            ],
        ),
        case(
            "create_materialized_view with no data",
            Op::CreateView(CreateView::materialized("user_stats", "SELECT count(*) AS n FROM users").with_no_data()),
            [
                Sql(&[r#"CREATE MATERIALIZED VIEW "user_stats" AS SELECT count(*) AS n FROM users WITH NO DATA"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "drop_view if_exists cascade",
            Op::DropView(DropView::new("active_users").if_exists().cascade()),
            [Sql(&[r#"DROP VIEW IF EXISTS "active_users" CASCADE"#]), Unsupported, Unsupported],
        ),
        case(
            "drop_view",
            Op::DropView(DropView::new("active_users")),
            [
                Sql(&[r#"DROP VIEW "active_users""#]),
                Sql(&[r#"DROP VIEW "active_users""#]),
                Sql(&[r#"DROP VIEW `active_users`"#]),
            ],
        ),
        case(
            "drop_view that undoes a replace",
            Op::DropView(
                DropView::new("active_users").definition(
                    CreateView::new("active_users", "SELECT id FROM users WHERE active")
                        .replaces("SELECT * FROM users WHERE active"),
                ),
            ),
            [
                Sql(&[r#"CREATE OR REPLACE VIEW "active_users" AS SELECT * FROM users WHERE active"#]),
                Sql(&[
                    r#"DROP VIEW IF EXISTS "active_users""#,
                    r#"CREATE VIEW "active_users" AS SELECT * FROM users WHERE active"#,
                ]),
                Sql(&[r#"CREATE OR REPLACE VIEW `active_users` AS SELECT * FROM users WHERE active"#]),
            ],
        ),
        case(
            "drop_materialized_view",
            Op::DropView(DropView::materialized("user_stats")),
            [Sql(&[r#"DROP MATERIALIZED VIEW "user_stats""#]), Unsupported, Unsupported],
        ),
        case(
            "rename_view",
            Op::RenameView(RenameView::new("active_users", "live_users")),
            [
                Sql(&[r#"ALTER VIEW "active_users" RENAME TO "live_users""#]),
                Unsupported,
                Sql(&[r#"RENAME TABLE `active_users` TO `live_users`"#]),
            ],
        ),
        case(
            "rename_view materialized",
            Op::RenameView(RenameView::new("user_stats", "stats").materialized()),
            [Sql(&[r#"ALTER MATERIALIZED VIEW "user_stats" RENAME TO "stats""#]), Unsupported, Unsupported],
        ),
        case(
            "refresh_materialized_view concurrently",
            Op::RefreshMaterializedView(RefreshMaterializedView::new("user_stats").concurrently()),
            [Sql(&[r#"REFRESH MATERIALIZED VIEW CONCURRENTLY "user_stats""#]), Unsupported, Unsupported],
        ),
    ]
}
