//! Rows of the op × dialect table: add, drop and validate constraints.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "add_constraint foreign key",
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"])
                    .on_delete(ForeignKeyAction::Restrict),
            )),
            [
                Sql(&[
                    r#"ALTER TABLE "users" ADD CONSTRAINT "fk_users_org" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT"#,
                ]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"), CONSTRAINT "fk_users_org" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT)"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[
                    r#"ALTER TABLE `users` ADD CONSTRAINT `fk_users_org` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`) ON DELETE RESTRICT"#,
                ]),
            ],
        ),
        case(
            "add_constraint foreign key not valid, match full",
            Op::AddConstraint(
                AddConstraint::new(
                    "users",
                    Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"]).match_type(MatchType::Full),
                )
                .not_valid(),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" ADD CONSTRAINT "fk_users_org" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") MATCH FULL NOT VALID"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "add_constraint check not valid",
            Op::AddConstraint(AddConstraint::new("users", Constraint::check("ck_age_max", "age < 200")).not_valid()),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "ck_age_max" CHECK (age < 200) NOT VALID"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "add_constraint check",
            Op::AddConstraint(AddConstraint::new("users", Constraint::check("ck_age_max", "age < 200"))),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "ck_age_max" CHECK (age < 200)"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"), CONSTRAINT "ck_age_max" CHECK (age < 200))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ADD CONSTRAINT `ck_age_max` CHECK (age < 200)"#]),
            ],
        ),
        case(
            "add_constraint unique",
            Op::AddConstraint(AddConstraint::new("users", Constraint::unique("uq_users_age", ["age"]))),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "uq_users_age" UNIQUE ("age")"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"), CONSTRAINT "uq_users_age" UNIQUE ("age"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ADD CONSTRAINT `uq_users_age` UNIQUE (`age`)"#]),
            ],
        ),
        case(
            "add_constraint unique using an index",
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::unique("uq_users_email", Vec::<String>::new()).using_index("ix_users_email"),
            )),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "uq_users_email" UNIQUE USING INDEX "ix_users_email""#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "add_constraint primary key",
            Op::AddConstraint(AddConstraint::new("users", Constraint::primary_key("pk_users", ["id"]))),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "pk_users" PRIMARY KEY ("id")"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"), CONSTRAINT "pk_users" PRIMARY KEY ("id"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ADD PRIMARY KEY (`id`)"#]),
            ],
        ),
        case(
            "add_constraint unique not valid",
            Op::AddConstraint(AddConstraint::new("users", Constraint::unique("uq", ["age"])).not_valid()),
            [Invalid, Unsupported, Unsupported],
        ),
        case(
            "add_constraint exclude",
            Op::AddConstraint(AddConstraint::new(
                "bookings",
                Constraint::exclude("ex_room", IndexMethod::Gist, [("(room::text)".to_string(), "=".to_string())])
                    .where_("room > 0"),
            )),
            [
                Sql(&[
                    r#"ALTER TABLE "bookings" ADD CONSTRAINT "ex_room" EXCLUDE USING gist ((room::text) WITH =) WHERE (room > 0)"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        offline(case(
            "add_constraint check, offline",
            Op::AddConstraint(AddConstraint::new("users", Constraint::check("ck_age_max", "age < 200"))),
            [
                Sql(&[r#"ALTER TABLE "users" ADD CONSTRAINT "ck_age_max" CHECK (age < 200)"#]),
                NeedsConnection,
                Sql(&[r#"ALTER TABLE `users` ADD CONSTRAINT `ck_age_max` CHECK (age < 200)"#]),
            ],
        )),
        case(
            "drop_constraint check",
            Op::DropConstraint(DropConstraint::new("users", "ck_age", ConstraintType::Check)),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT "ck_age""#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer, CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` DROP CONSTRAINT `ck_age`"#]),
            ],
        ),
        case(
            "drop_constraint unique",
            Op::DropConstraint(DropConstraint::new("users", "uq_email", ConstraintType::Unique)),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT "uq_email""#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` DROP INDEX `uq_email`"#]),
            ],
        ),
        case(
            "drop_constraint unique a foreign key needs",
            Op::DropConstraint(DropConstraint::new("posts", "ix_posts_author_id", ConstraintType::Unique)),
            [
                Sql(&[r#"ALTER TABLE "posts" DROP CONSTRAINT "ix_posts_author_id""#]),
                Invalid,
                Sql(&[
                    r#"ALTER TABLE `posts` DROP INDEX `ix_posts_author_id`, ADD INDEX `posts_author_id_fkey` (`author_id`)"#,
                ]),
            ],
        ),
        // PostgreSQL renamed the promoted index to the constraint and drops it with it: the
        // index comes back, so the revision that built it can drop it on its way down.
        case(
            "drop_constraint unique that was promoted from an index",
            Op::DropConstraint(
                DropConstraint::new("users", "uq_users_email", ConstraintType::Unique)
                    .definition(Constraint::unique("uq_users_email", ["email"]).using_index("ix_users_email")),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" DROP CONSTRAINT "uq_users_email""#,
                    r#"CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email")"#,
                ]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP INDEX `uq_users_email`"#]),
            ],
        ),
        case(
            "drop_constraint if_exists unique nulls not distinct that was promoted from an index",
            Op::DropConstraint(
                DropConstraint::new("users", "uq_users_email", ConstraintType::Unique)
                    .definition(Constraint {
                        name: "uq_users_email".into(),
                        kind: ConstraintKind::Unique {
                            columns: vec!["email".into(), "org_id".into()],
                            using_index: Some("ix_users_email".into()),
                            nulls_not_distinct: true,
                        },
                    })
                    .if_exists(),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "uq_users_email""#,
                    r#"CREATE UNIQUE INDEX IF NOT EXISTS "ix_users_email" ON "users" ("email", "org_id") NULLS NOT DISTINCT"#,
                ]),
                Sql(&[]),
                Sql(&[]),
            ],
        ),
        case(
            "drop_constraint primary key that was promoted from an index",
            Op::DropConstraint(
                DropConstraint::new("users", "users_pkey", ConstraintType::PrimaryKey)
                    .definition(Constraint::primary_key("users_pkey", ["id"]).using_index("ix_users_id")),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" DROP CONSTRAINT "users_pkey""#,
                    r#"CREATE UNIQUE INDEX "ix_users_id" ON "users" ("id")"#,
                ]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP PRIMARY KEY"#]),
            ],
        ),
        case(
            "drop_constraint promoted from an index without its columns",
            Op::DropConstraint(
                DropConstraint::new("users", "uq_users_email", ConstraintType::Unique).definition(
                    Constraint::unique("uq_users_email", Vec::<String>::new()).using_index("ix_users_email"),
                ),
            ),
            [Invalid, Invalid, Sql(&[r#"ALTER TABLE `users` DROP INDEX `uq_users_email`"#])],
        ),
        case(
            "drop_constraint foreign key if_exists on MySQL",
            Op::DropConstraint(
                DropConstraint::new("posts", "posts_author_id_fkey", ConstraintType::ForeignKey).if_exists(),
            ),
            [
                Sql(&[r#"ALTER TABLE "posts" DROP CONSTRAINT IF EXISTS "posts_author_id_fkey""#]),
                Sql(&[]),
                Sql(&[r#"ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`"#]),
            ],
        ),
        case(
            "drop_constraint foreign key with the index MySQL made for it",
            Op::DropConstraint(DropConstraint::new("posts", "posts_org_id_fkey", ConstraintType::ForeignKey)),
            [
                Sql(&[r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_org_id_fkey""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `posts` DROP FOREIGN KEY `posts_org_id_fkey`, DROP INDEX `posts_org_id_fkey`"#]),
            ],
        ),
        offline(case(
            "drop_constraint foreign key with the index MySQL made for it, offline",
            Op::DropConstraint(DropConstraint::new("posts", "posts_org_id_fkey", ConstraintType::ForeignKey)),
            [
                Sql(&[r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_org_id_fkey""#]),
                NeedsConnection,
                Sql(&[r#"ALTER TABLE `posts` DROP FOREIGN KEY `posts_org_id_fkey`"#]),
            ],
        )),
        case(
            "drop_constraint foreign key if_exists of one that is gone, on MySQL",
            Op::DropConstraint(DropConstraint::new("posts", "posts_nope_fkey", ConstraintType::ForeignKey).if_exists()),
            [Sql(&[r#"ALTER TABLE "posts" DROP CONSTRAINT IF EXISTS "posts_nope_fkey""#]), Sql(&[]), Sql(&[])],
        ),
        case(
            "drop_constraint foreign key",
            Op::DropConstraint(DropConstraint::new("users", "fk_users_org", ConstraintType::ForeignKey)),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT "fk_users_org""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP FOREIGN KEY `fk_users_org`"#]),
            ],
        ),
        case(
            "drop_constraint primary key",
            Op::DropConstraint(DropConstraint::new("users", "users_pkey", ConstraintType::PrimaryKey)),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT "users_pkey""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP PRIMARY KEY"#]),
            ],
        ),
        case(
            "drop_constraint exclude",
            Op::DropConstraint(DropConstraint::new("bookings", "ex_room", ConstraintType::Exclude)),
            [Sql(&[r#"ALTER TABLE "bookings" DROP CONSTRAINT "ex_room""#]), Unsupported, Unsupported],
        ),
        case(
            "drop_constraint if_exists of a missing one",
            Op::DropConstraint(DropConstraint::new("users", "nope", ConstraintType::Check).if_exists()),
            [Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "nope""#]), Sql(&[]), Unsupported],
        ),
        mariadb(case(
            "drop_constraint foreign key if_exists on MariaDB",
            Op::DropConstraint(DropConstraint::new("users", "fk_users_org", ConstraintType::ForeignKey).if_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "fk_users_org""#]),
                Sql(&[]),
                Sql(&[r#"ALTER TABLE `users` DROP FOREIGN KEY IF EXISTS `fk_users_org`"#]),
            ],
        )),
        case(
            "drop_constraint of a missing one",
            Op::DropConstraint(DropConstraint::new("users", "nope", ConstraintType::Check)),
            [
                Sql(&[r#"ALTER TABLE "users" DROP CONSTRAINT "nope""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP CONSTRAINT `nope`"#]),
            ],
        ),
        case(
            "validate_constraint",
            Op::ValidateConstraint(ValidateConstraint::new("users", "fk_users_org")),
            [Sql(&[r#"ALTER TABLE "users" VALIDATE CONSTRAINT "fk_users_org""#]), Unsupported, Unsupported],
        ),
    ]
}
