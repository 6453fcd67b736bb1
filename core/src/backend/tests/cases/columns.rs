//! Rows of the op × dialect table: add, drop, rename and alter columns.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    use ColumnType as T;
    vec![
        case(
            "add_column nullable",
            Op::AddColumn(AddColumn::new("users", Column::new("nickname", T::Varchar(Some(50))))),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "nickname" varchar(50)"#]),
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "nickname" varchar(50)"#]),
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN `nickname` varchar(50)"#]),
            ],
        ),
        case(
            "add_column with a constant default, not null, a reference and a comment",
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("team_id", T::BigInt)
                    .not_null()
                    .default(ServerDefault::Value(Value::Int(0)))
                    .references("teams", "id")
                    .on_delete(ForeignKeyAction::SetDefault)
                    .comment("owning team"),
            )),
            [
                Sql(&[
                    r#"ALTER TABLE "users" ADD COLUMN "team_id" bigint NOT NULL DEFAULT 0 REFERENCES "teams" ("id") ON DELETE SET DEFAULT"#,
                    r#"COMMENT ON COLUMN "users"."team_id" IS 'owning team'"#,
                ]),
                Sql(&[
                    r#"ALTER TABLE "users" ADD COLUMN "team_id" bigint NOT NULL DEFAULT 0 CONSTRAINT "users_team_id_fkey" REFERENCES "teams" ("id") ON DELETE SET DEFAULT"#,
                ]),
                Unsupported,
            ],
        ),
        case(
            "add_column with a reference",
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("team_id", T::BigInt).references("teams", "id").on_delete(ForeignKeyAction::Restrict),
            )),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "team_id" bigint REFERENCES "teams" ("id") ON DELETE RESTRICT"#]),
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "team_id" bigint CONSTRAINT "users_team_id_fkey" REFERENCES "teams" ("id") ON DELETE RESTRICT"#]),
                Sql(&[
                    "ALTER TABLE `users` ADD COLUMN `team_id` bigint, ADD CONSTRAINT `users_team_id_fkey` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE RESTRICT",
                ]),
            ],
        ),
        offline(case(
            "drop_column carrying a referencing definition, offline",
            Op::DropColumn(DropColumn::new("users", "team_id").definition(Column::new("team_id", T::BigInt).references("teams", "id"))),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "team_id""#]),
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "team_id""#]),
                Sql(&["ALTER TABLE `users` DROP FOREIGN KEY `users_team_id_fkey`, DROP COLUMN `team_id`"]),
            ],
        )),
        case(
            "add_column with a volatile default (SQLite rebuilds)",
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("seen_at", T::Timestamp).not_null().default(ServerDefault::Now),
            )),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "seen_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), "seen_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN `seen_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"#]),
            ],
        ),
        offline(case(
            "add_column with a volatile default, offline",
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("seen_at", T::Timestamp).not_null().default(ServerDefault::Now),
            )),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "seen_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP"#]),
                NeedsConnection,
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN `seen_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"#]),
            ],
        )),
        // SQLite and MySQL (not MariaDB) lack IF [NOT] EXISTS on columns: emulated from the
        // table's definition, offline they need the connection.
        case(
            "add_column if_not_exists of a new column",
            Op::AddColumn(AddColumn::new("users", Column::new("bio", T::Text)).if_not_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text"#]),
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "bio" text"#]),
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN `bio` text"#]),
            ],
        ),
        case(
            "add_column if_not_exists of a column that is there",
            Op::AddColumn(AddColumn::new("users", Column::new("age", T::Integer)).if_not_exists()),
            [Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "age" integer"#]), Sql(&[]), Sql(&[])],
        ),
        case(
            "add_column if_not_exists of a column SQLite adds by rebuilding",
            Op::AddColumn(AddColumn::new("users", Column::new("code", T::Text).not_null()).if_not_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "code" text NOT NULL"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), "code" text NOT NULL, CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN `code` text NOT NULL"#]),
            ],
        ),
        offline(case(
            "add_column if_not_exists, offline",
            Op::AddColumn(AddColumn::new("users", Column::new("bio", T::Text)).if_not_exists()),
            [Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text"#]), NeedsConnection, NeedsConnection],
        )),
        offline(case(
            "add_column if_not_exists of an unsupported type, offline",
            Op::AddColumn(AddColumn::new("users", Column::new("span", T::Interval)).if_not_exists()),
            [Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "span" interval"#]), NeedsConnection, Unsupported],
        )),
        mariadb(case(
            "add_column if_not_exists on MariaDB",
            Op::AddColumn(AddColumn::new("users", Column::new("bio", T::Text)).if_not_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text"#]),
                Sql(&[r#"ALTER TABLE "users" ADD COLUMN "bio" text"#]),
                Sql(&[r#"ALTER TABLE `users` ADD COLUMN IF NOT EXISTS `bio` text"#]),
            ],
        )),
        offline(case(
            "drop_column, offline",
            Op::DropColumn(DropColumn::new("users", "nickname")),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "nickname""#]),
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "nickname""#]),
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `nickname`"#]),
            ],
        )),
        case(
            "drop_column used by a unique constraint",
            Op::DropColumn(DropColumn::new("users", "email")),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "email""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `email`"#]),
            ],
        ),
        case(
            "drop_column with its own key clause",
            Op::DropColumn(DropColumn::new("users", "id")),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "id""#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("email", "age") SELECT "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `id`"#]),
            ],
        ),
        offline(case(
            "drop_column with its own key clause, offline",
            Op::DropColumn(DropColumn::new("users", "id")),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "id""#]),
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN "id""#]),
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `id`"#]),
            ],
        )),
        case(
            "drop_column if_exists of a column that is gone",
            Op::DropColumn(DropColumn::new("users", "nickname").if_exists()),
            [Sql(&[r#"ALTER TABLE "users" DROP COLUMN IF EXISTS "nickname""#]), Sql(&[]), Sql(&[])],
        ),
        case(
            "drop_column if_exists of a column with its own key clause",
            Op::DropColumn(DropColumn::new("users", "id").if_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN IF EXISTS "id""#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("email", "age") SELECT "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `id`"#]),
            ],
        ),
        case(
            "drop_column if_exists of a column an index uses",
            Op::DropColumn(DropColumn::new("users", "age").if_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN IF EXISTS "age""#]),
                Invalid,
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN `age`"#]),
            ],
        ),
        offline(case(
            "drop_column if_exists, offline",
            Op::DropColumn(DropColumn::new("users", "nickname").if_exists()),
            [Sql(&[r#"ALTER TABLE "users" DROP COLUMN IF EXISTS "nickname""#]), NeedsConnection, NeedsConnection],
        )),
        mariadb(case(
            "drop_column if_exists on MariaDB",
            Op::DropColumn(DropColumn::new("users", "nickname").if_exists()),
            [
                Sql(&[r#"ALTER TABLE "users" DROP COLUMN IF EXISTS "nickname""#]),
                Sql(&[]),
                Sql(&[r#"ALTER TABLE `users` DROP COLUMN IF EXISTS `nickname`"#]),
            ],
        )),
        case(
            "rename_column",
            Op::RenameColumn(RenameColumn::new("users", "email", "email_address")),
            [
                Sql(&[r#"ALTER TABLE "users" RENAME COLUMN "email" TO "email_address""#]),
                Sql(&[r#"ALTER TABLE "users" RENAME COLUMN "email" TO "email_address""#]),
                Sql(&[r#"ALTER TABLE `users` RENAME COLUMN `email` TO `email_address`"#]),
            ],
        ),
        case(
            "alter_column type with USING and not null",
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::BigInt)
                    .from_type(T::Integer)
                    .using("age::bigint")
                    .set_not_null(),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" ALTER COLUMN "age" TYPE bigint USING age::bigint, ALTER COLUMN "age" SET NOT NULL"#,
                ]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" bigint NOT NULL CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", (age::bigint) FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Unsupported,
            ],
        ),
        case(
            "alter_column type, nullability and default together",
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::BigInt)
                    .from_type(T::Integer)
                    .drop_not_null()
                    .set_default(ServerDefault::Value(Value::Int(18)))
                    .from_no_default(),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "users" ALTER COLUMN "age" TYPE bigint, ALTER COLUMN "age" DROP NOT NULL, ALTER COLUMN "age" SET DEFAULT 18"#,
                ]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" bigint DEFAULT 18 CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", CAST("age" AS bigint) FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` MODIFY COLUMN `age` bigint NULL DEFAULT 18"#]),
            ],
        ),
        case(
            "alter_column type only",
            Op::AlterColumn(AlterColumn::new("users", "age").set_type(T::Text).from_type(T::Integer)),
            [
                Sql(&[r#"ALTER TABLE "users" ALTER COLUMN "age" TYPE text"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" text CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", CAST("age" AS text) FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Unsupported,
            ],
        ),
        case(
            "alter_column default only",
            Op::AlterColumn(
                AlterColumn::new("users", "email").set_default(ServerDefault::Value(str("it's"))).from_no_default(),
            ),
            [
                Sql(&[r#"ALTER TABLE "users" ALTER COLUMN "email" SET DEFAULT E'it\'s'"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) DEFAULT 'it''s' NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT 'it\'s'"#]),
            ],
        ),
        case(
            "alter_column drop default",
            Op::AlterColumn(AlterColumn::new("users", "email").drop_default()),
            [
                Sql(&[r#"ALTER TABLE "users" ALTER COLUMN "email" DROP DEFAULT"#]),
                Sql(&[
                    r#"PRAGMA legacy_alter_table = ON"#,
                    r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "age" integer CONSTRAINT "ck_age" CHECK (age >= 0), CONSTRAINT "uq_email" UNIQUE ("email"))"#,
                    r#"INSERT INTO "_retort_new_users" ("id", "email", "age") SELECT "id", "email", "age" FROM "users""#,
                    r#"DROP TABLE "users""#,
                    r#"ALTER TABLE "_retort_new_users" RENAME TO "users""#,
                    r#"PRAGMA legacy_alter_table = OFF"#,
                    r#"CREATE INDEX "ix_users_age" ON "users" ("age")"#,
                ]),
                Sql(&[r#"ALTER TABLE `users` ALTER COLUMN `email` DROP DEFAULT"#]),
            ],
        ),
        offline(case(
            "alter_column drop default, offline",
            Op::AlterColumn(AlterColumn::new("users", "email").drop_default()),
            [
                Sql(&[r#"ALTER TABLE "users" ALTER COLUMN "email" DROP DEFAULT"#]),
                NeedsConnection,
                Sql(&[r#"ALTER TABLE `users` ALTER COLUMN `email` DROP DEFAULT"#]),
            ],
        )),
        case(
            "alter_column comment",
            Op::AlterColumn(AlterColumn::new("users", "email").set_comment("primary address")),
            [Sql(&[r#"COMMENT ON COLUMN "users"."email" IS 'primary address'"#]), Unsupported, Unsupported],
        ),
        case(
            "alter_column add identity",
            Op::AlterColumn(AlterColumn::new("users", "age").add_identity()),
            [
                Sql(&[r#"ALTER TABLE "users" ALTER COLUMN "age" ADD GENERATED BY DEFAULT AS IDENTITY"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "alter_column with no change",
            Op::AlterColumn(AlterColumn::new("users", "age")),
            [Invalid, Invalid, Invalid],
        ),
    ]
}
