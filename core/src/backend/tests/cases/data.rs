//! Rows of the op × dialect table: data ops, `.only(..)` and odd identifiers.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    use ColumnType as T;
    vec![
        case(
            "execute",
            Op::Execute(Execute::new("UPDATE users SET active = true")),
            [
                Sql(&[r#"UPDATE users SET active = true"#]),
                Sql(&[r#"UPDATE users SET active = true"#]),
                Sql(&[r#"UPDATE users SET active = true"#]),
            ],
        ),
        case(
            "bulk_insert",
            Op::BulkInsert(BulkInsert::new(
                "roles",
                ["id", "name", "weight", "enabled"],
                vec![
                    vec![Value::Int(1), str("admin"), Value::Float(1.5), Value::Bool(true)],
                    vec![Value::Int(2), str("it's \\ me"), Value::Null, Value::Bool(false)],
                ],
            )),
            [
                Sql(&[
                    r#"INSERT INTO "roles" ("id", "name", "weight", "enabled") VALUES (1, 'admin', 1.5, TRUE), (2, E'it\'s \\ me', NULL, FALSE)"#,
                ]),
                Sql(&[
                    r#"INSERT INTO "roles" ("id", "name", "weight", "enabled") VALUES (1, 'admin', 1.5, TRUE), (2, 'it''s \ me', NULL, FALSE)"#,
                ]),
                Sql(&[
                    r#"INSERT INTO `roles` (`id`, `name`, `weight`, `enabled`) VALUES (1, 'admin', 1.5, TRUE), (2, 'it\'s \\ me', NULL, FALSE)"#,
                ]),
            ],
        ),
        case(
            "bulk_insert with a short row",
            Op::BulkInsert(BulkInsert::new("roles", ["id", "name"], vec![vec![Value::Int(1)]])),
            [Invalid, Invalid, Invalid],
        ),
        case(
            "bulk_insert of NaN",
            Op::BulkInsert(BulkInsert::new("roles", ["w"], vec![vec![Value::Float(f64::NAN)]])),
            [Invalid, Invalid, Invalid],
        ),
        case(
            "backfill",
            Op::Backfill(Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL")),
            [
                Sql(&[r#"UPDATE "users" SET "email_lower" = lower(email) WHERE email_lower IS NULL"#]),
                Sql(&[r#"UPDATE "users" SET "email_lower" = lower(email) WHERE email_lower IS NULL"#]),
                Sql(&[r#"UPDATE `users` SET `email_lower` = lower(email) WHERE email_lower IS NULL"#]),
            ],
        ),
        case("backfill setting nothing", Op::Backfill(Backfill::new("users")), [Invalid, Invalid, Invalid]),
        // ---- only ----------------------------------------------------------------------------
        case(
            "only on postgres",
            Op::Only(OnlyOn {
                dialects: vec!["postgres".into()],
                op: Box::new(Op::CreateExtension(CreateExtension::new("citext"))),
            }),
            [Sql(&[r#"CREATE EXTENSION "citext""#]), Sql(&[]), Sql(&[])],
        ),
        case(
            "only on sqlite and mysql",
            Op::Only(OnlyOn {
                dialects: vec!["sqlite".into(), "mysql".into()],
                op: Box::new(Op::Execute(Execute::new("SELECT 1"))),
            }),
            [Sql(&[]), Sql(&[r#"SELECT 1"#]), Sql(&[r#"SELECT 1"#])],
        ),
        // ---- identifiers ---------------------------------------------------------------------
        case(
            "identifiers with quotes, spaces, semicolons and non-ASCII letters",
            Op::CreateTable(
                CreateTable::new(
                    r#"odd "t`; DROP"#,
                    [Column::new("ñame ü", T::Text).not_null(), Column::new(r#"q"x`y"#, T::Integer)],
                )
                .constraint(Constraint::unique(r#"u"q`; x"#, ["ñame ü"]))
                .constraint(Constraint::foreign_key(r#"f"k`"#, [r#"q"x`y"#], r#"ref"t`"#, ["id"])),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "odd ""t`; DROP" ( "ñame ü" text NOT NULL, "q""x`y" integer, CONSTRAINT "u""q`; x" UNIQUE ("ñame ü"), CONSTRAINT "f""k`" FOREIGN KEY ("q""x`y") REFERENCES "ref""t`" ("id") )"#,
                ]),
                Sql(&[
                    r#"CREATE TABLE "odd ""t`; DROP" ("ñame ü" text NOT NULL, "q""x`y" integer, CONSTRAINT "u""q`; x" UNIQUE ("ñame ü"), CONSTRAINT "f""k`" FOREIGN KEY ("q""x`y") REFERENCES "ref""t`" ("id"))"#,
                ]),
                Sql(&[
                    r#"CREATE TABLE `odd "t``; DROP` ( `ñame ü` text NOT NULL, `q"x``y` int, UNIQUE KEY `u"q``; x` (`ñame ü`), CONSTRAINT `f"k``` FOREIGN KEY (`q"x``y`) REFERENCES `ref"t``` (`id`) )"#,
                ]),
            ],
        ),
        case(
            "index names with quotes",
            Op::CreateIndex(CreateIndex::new(r#"i"x`; y"#).on(r#"odd "t`; DROP"#, ["ñame ü"])),
            [
                Sql(&[r#"CREATE INDEX "i""x`; y" ON "odd ""t`; DROP" ("ñame ü")"#]),
                Sql(&[r#"CREATE INDEX "i""x`; y" ON "odd ""t`; DROP" ("ñame ü")"#]),
                Sql(&[r#"CREATE INDEX `i"x``; y` ON `odd "t``; DROP` (`ñame ü`)"#]),
            ],
        ),
    ]
}
