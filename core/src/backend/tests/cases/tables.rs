//! Rows of the op × dialect table: create_table, drop_table, rename_table.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    use ColumnType as T;
    vec![
        case(
            "create_table with a composite key and a deferrable foreign key",
            Op::CreateTable(
                CreateTable::new(
                    "memberships",
                    [Column::new("user_id", T::BigInt).not_null(), Column::new("org_id", T::BigInt).not_null()],
                )
                .primary_key(["user_id", "org_id"])
                .constraint(Constraint::foreign_key("fk_user", ["user_id"], "users", ["id"]).deferrable(true))
                .constraint(Constraint::unique("uq_org_user", ["org_id", "user_id"])),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "memberships" ( "user_id" bigint NOT NULL, "org_id" bigint NOT NULL, PRIMARY KEY ("user_id", "org_id"), CONSTRAINT "uq_org_user" UNIQUE ("org_id", "user_id") )"#,
                    r#"ALTER TABLE "memberships" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") DEFERRABLE INITIALLY DEFERRED"#,
                ]),
                Sql(&[
                    r#"CREATE TABLE "memberships" ("user_id" bigint NOT NULL, "org_id" bigint NOT NULL, PRIMARY KEY ("user_id", "org_id"), CONSTRAINT "uq_org_user" UNIQUE ("org_id", "user_id"), CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") DEFERRABLE INITIALLY DEFERRED)"#,
                ]),
                Unsupported,
            ],
        ),
        case(
            "create_table with an exclude constraint and if_not_exists",
            Op::CreateTable(
                CreateTable::new(
                    "bookings",
                    [Column::new("room", T::Integer), Column::new("during", T::Custom("tstzrange".into()))],
                )
                .if_not_exists()
                .constraint(Constraint::exclude(
                    "ex_overlap",
                    IndexMethod::Gist,
                    [("room".to_string(), "=".to_string()), ("during".to_string(), "&&".to_string())],
                )),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE IF NOT EXISTS "bookings" ( "room" integer, "during" tstzrange )"#,
                    r#"ALTER TABLE "bookings" ADD CONSTRAINT "ex_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&)"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_table partitioned by range",
            Op::CreateTable(
                CreateTable::new(
                    "events",
                    [Column::new("id", T::BigInt).not_null(), Column::new("created_at", T::TimestampTz).not_null()],
                )
                .primary_key(["id", "created_at"])
                .partition_by(PartitionBy { strategy: PartitionStrategy::Range, columns: vec!["created_at".into()] }),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "events" ( "id" bigint NOT NULL, "created_at" timestamptz NOT NULL, PRIMARY KEY ("id", "created_at") ) PARTITION BY RANGE ("created_at")"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_table with every portable type",
            Op::CreateTable(CreateTable::new(
                "types",
                [
                    Column::new("a", T::SmallInt),
                    Column::new("b", T::Integer),
                    Column::new("c", T::Numeric(None)),
                    Column::new("d", T::Real),
                    Column::new("e", T::Double),
                    Column::new("f", T::Boolean).default(ServerDefault::Value(Value::Bool(true))),
                    Column::new("g", T::Char(2)),
                    Column::new("h", T::Bytes),
                    Column::new("i", T::Uuid).default(ServerDefault::expr("gen_random_uuid()")),
                    Column::new("j", T::Json),
                    Column::new("k", T::Jsonb),
                    Column::new("l", T::Date),
                    Column::new("m", T::Time),
                    Column::new("n", T::Timestamp),
                    Column::new("o", T::Custom("tsvector".into())),
                    Column::new("p", T::Integer).generated("b * 2"),
                ],
            )),
            [
                Sql(&[
                    r#"CREATE TABLE "types" ( "a" smallint, "b" integer, "c" numeric, "d" real, "e" double precision, "f" boolean DEFAULT TRUE, "g" char(2), "h" bytea, "i" uuid DEFAULT (gen_random_uuid()), "j" json, "k" jsonb, "l" date, "m" time, "n" timestamp, "o" tsvector, "p" integer GENERATED ALWAYS AS (b * 2) STORED )"#,
                ]),
                Sql(&[
                    r#"CREATE TABLE "types" ( "a" smallint, "b" integer, "c" numeric, "d" real, "e" double, "f" boolean DEFAULT TRUE, "g" char(2), "h" blob, "i" text DEFAULT (gen_random_uuid()), "j" text, "k" text, "l" date, "m" time, "n" timestamp, "o" tsvector, "p" integer GENERATED ALWAYS AS (b * 2) STORED )"#,
                ]),
                Sql(&[
                    r#"CREATE TABLE `types` ( `a` smallint, `b` int, `c` decimal(65, 30), `d` float, `e` double, `f` boolean DEFAULT TRUE, `g` char(2), `h` blob, `i` char(36) DEFAULT (gen_random_uuid()), `j` json, `k` json, `l` date, `m` time(6), `n` datetime(6), `o` tsvector, `p` int GENERATED ALWAYS AS (b * 2) STORED )"#,
                ]),
            ],
        ),
        case(
            "create_table with an array column",
            Op::CreateTable(CreateTable::new("tags", [Column::new("names", T::Array(Box::new(T::Text)))])),
            [Sql(&[r#"CREATE TABLE "tags" ( "names" text[] )"#]), Unsupported, Unsupported],
        ),
        case(
            "create_table with an interval column",
            Op::CreateTable(CreateTable::new("spans", [Column::new("d", T::Interval)])),
            [Sql(&[r#"CREATE TABLE "spans" ( "d" interval )"#]), Unsupported, Unsupported],
        ),
        case(
            "create_table with an unbounded varchar",
            Op::CreateTable(CreateTable::new("notes", [Column::new("body", T::Varchar(None))])),
            [
                Sql(&[r#"CREATE TABLE "notes" ( "body" varchar )"#]),
                Sql(&[r#"CREATE TABLE "notes" ( "body" varchar )"#]),
                Unsupported,
            ],
        ),
        case(
            "create_table with an enum column",
            Op::CreateTable(CreateTable::new("moods", [Column::new("m", T::Enum("mood".into()))])),
            [
                Sql(&[r#"CREATE TABLE "moods" ( "m" "mood" )"#]),
                Sql(&[r#"CREATE TABLE "moods" ( "m" text )"#]),
                Unsupported,
            ],
        ),
        case(
            "create_table with identity not on the key",
            Op::CreateTable(CreateTable::new(
                "counters",
                [Column::new("k", T::Text).primary_key(), Column::new("n", T::BigInt).identity_always()],
            )),
            [
                Sql(&[
                    r#"CREATE TABLE "counters" ( "k" text NOT NULL PRIMARY KEY, "n" bigint NOT NULL GENERATED ALWAYS AS IDENTITY )"#,
                ]),
                Unsupported,
                Sql(&[
                    r#"CREATE TABLE `counters` ( `k` text NOT NULL PRIMARY KEY, `n` bigint NOT NULL AUTO_INCREMENT )"#,
                ]),
            ],
        ),
        case(
            "create_table without columns",
            Op::CreateTable(CreateTable::new("empty", [])),
            [Invalid, Invalid, Invalid],
        ),
        case(
            "drop_table",
            Op::DropTable(DropTable::new("users")),
            [Sql(&[r#"DROP TABLE "users""#]), Sql(&[r#"DROP TABLE "users""#]), Sql(&[r#"DROP TABLE `users`"#])],
        ),
        case(
            "drop_table if_exists cascade",
            Op::DropTable(DropTable::new("users").if_exists().cascade()),
            [Sql(&[r#"DROP TABLE IF EXISTS "users" CASCADE"#]), Unsupported, Unsupported],
        ),
        case(
            "rename_table",
            Op::RenameTable(RenameTable::new("users", "people")),
            [
                Sql(&[r#"ALTER TABLE "users" RENAME TO "people""#]),
                Sql(&[r#"ALTER TABLE "users" RENAME TO "people""#]),
                Sql(&[r#"RENAME TABLE `users` TO `people`"#]),
            ],
        ),
    ]
}
