//! Rows of the op × dialect table: create and drop indexes.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "create_index",
            Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"])),
            [
                Sql(&[r#"CREATE INDEX "ix_users_email" ON "users" ("email")"#]),
                Sql(&[r#"CREATE INDEX "ix_users_email" ON "users" ("email")"#]),
                Sql(&[r#"CREATE INDEX `ix_users_email` ON `users` (`email`)"#]),
            ],
        ),
        case(
            "create_index unique, partial, concurrently, descending",
            Op::CreateIndex(
                CreateIndex::new("uq_users_email_live")
                    .on("users", [IndexColumn::column("email").desc()])
                    .unique()
                    .where_("deleted_at IS NULL")
                    .concurrently(),
            ),
            [
                Sql(&[
                    r#"CREATE UNIQUE INDEX CONCURRENTLY "uq_users_email_live" ON "users" ("email" DESC) WHERE deleted_at IS NULL"#,
                ]),
                Sql(&[
                    r#"CREATE UNIQUE INDEX "uq_users_email_live" ON "users" ("email" DESC) WHERE deleted_at IS NULL"#,
                ]),
                Unsupported,
            ],
        ),
        case(
            "create_index on an expression with nulls order",
            Op::CreateIndex(
                CreateIndex::new("ix_lower_email").on("users", [IndexColumn::expr("lower(email)").asc().nulls_last()]),
            ),
            [
                Sql(&[r#"CREATE INDEX "ix_lower_email" ON "users" ((lower(email)) ASC NULLS LAST)"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_index on an expression",
            Op::CreateIndex(CreateIndex::new("ix_lower_email").on("users", [IndexColumn::expr("lower(email)")])),
            [
                Sql(&[r#"CREATE INDEX "ix_lower_email" ON "users" ((lower(email)))"#]),
                Sql(&[r#"CREATE INDEX "ix_lower_email" ON "users" ((lower(email)))"#]),
                Sql(&[r#"CREATE INDEX `ix_lower_email` ON `users` ((lower(email)))"#]),
            ],
        ),
        mariadb(case(
            "create_index on an expression on MariaDB",
            Op::CreateIndex(CreateIndex::new("ix_lower_email").on("users", [IndexColumn::expr("lower(email)")])),
            [
                Sql(&[r#"CREATE INDEX "ix_lower_email" ON "users" ((lower(email)))"#]),
                Sql(&[r#"CREATE INDEX "ix_lower_email" ON "users" ((lower(email)))"#]),
                Unsupported,
            ],
        )),
        case(
            "create_index gin with an operator class and include",
            Op::CreateIndex(
                CreateIndex::new("ix_name_trgm")
                    .on("users", [IndexColumn::column("name").opclass("gin_trgm_ops")])
                    .using(IndexMethod::Gin)
                    .include(["id"]),
            ),
            [
                Sql(&[r#"CREATE INDEX "ix_name_trgm" ON "users" USING gin ("name" gin_trgm_ops) INCLUDE ("id")"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_index hash if_not_exists",
            Op::CreateIndex(
                CreateIndex::new("ix_email_hash").on("users", ["email"]).using(IndexMethod::Hash).if_not_exists(),
            ),
            [
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_email_hash" ON "users" USING HASH ("email")"#]),
                Unsupported,
                Sql(&[r#"CREATE INDEX `ix_email_hash` ON `users` (`email`) USING HASH"#]),
            ],
        ),
        case(
            "create_index if_not_exists of an index that is there",
            Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]).if_not_exists()),
            [
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_users_age" ON "users" ("age")"#]),
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_users_age" ON "users" ("age")"#]),
                Sql(&[]),
            ],
        ),
        offline(case(
            "create_index if_not_exists, offline",
            Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]).if_not_exists()),
            [
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_users_age" ON "users" ("age")"#]),
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_users_age" ON "users" ("age")"#]),
                NeedsConnection,
            ],
        )),
        mariadb(case(
            "create_index hash if_not_exists on MariaDB",
            Op::CreateIndex(
                CreateIndex::new("ix_email_hash").on("users", ["email"]).using(IndexMethod::Hash).if_not_exists(),
            ),
            [
                Sql(&[r#"CREATE INDEX IF NOT EXISTS "ix_email_hash" ON "users" USING HASH ("email")"#]),
                Unsupported,
                Sql(&[r#"CREATE INDEX IF NOT EXISTS `ix_email_hash` ON `users` (`email`) USING HASH"#]),
            ],
        )),
        case(
            "create_index on only the partitioned parent",
            Op::CreateIndex(CreateIndex::new("ix_events_created").on("events", ["created_at"]).only()),
            [Sql(&[r#"CREATE INDEX "ix_events_created" ON ONLY "events" ("created_at")"#]), Unsupported, Unsupported],
        ),
        case(
            "create_index unique nulls not distinct",
            Op::CreateIndex(CreateIndex::new("uq_email").on("users", ["email"]).unique().nulls_not_distinct()),
            [
                Sql(&[r#"CREATE UNIQUE INDEX "uq_email" ON "users" ("email") NULLS NOT DISTINCT"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_index without a table",
            Op::CreateIndex(CreateIndex::new("ix_nothing")),
            [Invalid, Invalid, Invalid],
        ),
        case(
            "drop_index",
            Op::DropIndex(DropIndex::new("ix_users_email").on("users")),
            [
                Sql(&[r#"DROP INDEX "ix_users_email""#]),
                Sql(&[r#"DROP INDEX "ix_users_email""#]),
                Sql(&[r#"DROP INDEX `ix_users_email` ON `users`"#]),
            ],
        ),
        case(
            "drop_index without a table",
            Op::DropIndex(DropIndex::new("ix_users_email")),
            [Sql(&[r#"DROP INDEX "ix_users_email""#]), Sql(&[r#"DROP INDEX "ix_users_email""#]), Invalid],
        ),
        case(
            "drop_index concurrently if_exists",
            Op::DropIndex(DropIndex::new("ix_users_email").on("users").concurrently().if_exists()),
            [
                Sql(&[r#"DROP INDEX CONCURRENTLY IF EXISTS "ix_users_email""#]),
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_email""#]),
                Sql(&[]),
            ],
        ),
        case(
            "drop_index if_exists of an index that is there",
            Op::DropIndex(DropIndex::new("ix_users_age").on("users").if_exists()),
            [
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_age""#]),
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_age""#]),
                Sql(&[r#"DROP INDEX `ix_users_age` ON `users`"#]),
            ],
        ),
        offline(case(
            "drop_index if_exists, offline",
            Op::DropIndex(DropIndex::new("ix_users_email").on("users").if_exists()),
            [
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_email""#]),
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_email""#]),
                NeedsConnection,
            ],
        )),
        // MySQL refuses to drop the only index a foreign key can use (it dropped the index it
        // had made for the key when this one was created): the key gets that index back.
        case(
            "drop_index a foreign key needs",
            Op::DropIndex(DropIndex::new("ix_posts_author_id").on("posts")),
            [
                Sql(&[r#"DROP INDEX "ix_posts_author_id""#]),
                Sql(&[r#"DROP INDEX "ix_posts_author_id""#]),
                Sql(&[
                    r#"ALTER TABLE `posts` DROP INDEX `ix_posts_author_id`, ADD INDEX `posts_author_id_fkey` (`author_id`)"#,
                ]),
            ],
        ),
        case(
            "drop_index a foreign key can do without",
            Op::DropIndex(DropIndex::new("ix_posts_editor_created").on("posts")),
            [
                Sql(&[r#"DROP INDEX "ix_posts_editor_created""#]),
                Sql(&[r#"DROP INDEX "ix_posts_editor_created""#]),
                Sql(&[r#"DROP INDEX `ix_posts_editor_created` ON `posts`"#]),
            ],
        ),
        mariadb(case(
            "drop_index if_exists a foreign key needs, on MariaDB",
            Op::DropIndex(DropIndex::new("ix_posts_author_id").on("posts").if_exists()),
            [
                Sql(&[r#"DROP INDEX IF EXISTS "ix_posts_author_id""#]),
                Sql(&[r#"DROP INDEX IF EXISTS "ix_posts_author_id""#]),
                Sql(&[
                    r#"ALTER TABLE `posts` DROP INDEX `ix_posts_author_id`, ADD INDEX `posts_author_id_fkey` (`author_id`)"#,
                ]),
            ],
        )),
        offline(case(
            "drop_index a foreign key needs, offline",
            Op::DropIndex(DropIndex::new("ix_posts_author_id").on("posts")),
            [
                Sql(&[r#"DROP INDEX "ix_posts_author_id""#]),
                Sql(&[r#"DROP INDEX "ix_posts_author_id""#]),
                Sql(&[r#"DROP INDEX `ix_posts_author_id` ON `posts`"#]),
            ],
        )),
        mariadb(case(
            "drop_index if_exists on MariaDB",
            Op::DropIndex(DropIndex::new("ix_users_email").on("users").if_exists()),
            [
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_email""#]),
                Sql(&[r#"DROP INDEX IF EXISTS "ix_users_email""#]),
                Sql(&[r#"DROP INDEX IF EXISTS `ix_users_email` ON `users`"#]),
            ],
        )),
    ]
}
