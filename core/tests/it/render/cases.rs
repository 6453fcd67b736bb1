//! The scenarios: one per op and option, with the dialects it runs on and what it must show.

use super::*;
use pretty_assertions::assert_eq;

// ---- the ops ---------------------------------------------------------------------------------

pub(super) fn v(s: &str) -> Value {
    Value::Str(s.into())
}

pub(super) fn orgs() -> Op {
    Op::CreateTable(CreateTable::new("orgs", [Column::new("id", T::BigInt).primary_key()]))
}

pub(super) fn users_table() -> CreateTable {
    CreateTable::new(
        "users",
        [
            Column::new("id", T::BigInt).primary_key().identity(),
            Column::new("email", T::Varchar(Some(255))).not_null(),
            Column::new("age", T::Integer),
            Column::new("org_id", T::BigInt),
        ],
    )
}

pub(super) fn users() -> Op {
    Op::CreateTable(users_table())
}

/// `posts`, whose `author_id` references `users` (MySQL indexes it for the key).
pub(super) fn posts() -> Op {
    Op::CreateTable(CreateTable::new(
        "posts",
        [Column::new("id", T::BigInt).primary_key(), Column::new("author_id", T::BigInt).references("users", "id")],
    ))
}

pub(super) fn exec(sql: &str) -> Op {
    Op::Execute(Execute::new(sql))
}

pub(super) fn events(strategy: PartitionStrategy, key: &str) -> Op {
    Op::CreateTable(
        CreateTable::new(
            "events",
            [
                Column::new("id", T::BigInt).not_null(),
                Column::new("created_at", T::TimestampTz).not_null(),
                Column::new("region", T::Text),
            ],
        )
        .partition_by(PartitionBy { strategy, columns: vec![key.into()] }),
    )
}

pub(super) fn range(from: &str, to: &str) -> PartitionBound {
    PartitionBound::Range { from: vec![v(from)], to: vec![v(to)] }
}

pub(super) fn ck_age() -> Constraint {
    Constraint::check("ck_age", "age >= 0")
}

pub(super) fn bookings() -> Op {
    Op::CreateTable(CreateTable::new(
        "bookings",
        [Column::new("room", T::Integer), Column::new("during", T::Custom("tstzrange".into()))],
    ))
}

pub(super) fn only_rows_inserted(db: &mut Db) -> Result<(), String> {
    let names = db.texts("SELECT name AS v FROM roles ORDER BY id")?;
    assert_eq!(names, ["admin", r"it's \ me"]);
    Ok(())
}

pub(super) fn negative_age_is_refused(db: &mut Db) -> Result<(), String> {
    match db.exec("INSERT INTO users (email, age) VALUES ('x@example.com', -1)") {
        Err(_) => Ok(()),
        Ok(()) => Err("a row breaking the check was accepted".into()),
    }
}

pub(super) fn backfilled(db: &mut Db) -> Result<(), String> {
    let left = db.texts("SELECT email AS v FROM users WHERE email_lower IS NULL OR email_lower <> lower(email)")?;
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("rows not backfilled: {left:?}"))
    }
}

pub(super) fn validate_it(db: &mut Db) -> Result<(), String> {
    db.apply(&Op::ValidateConstraint(ValidateConstraint::new("users", "fk_users_org")))?;
    let valid = db.texts("SELECT convalidated::text AS v FROM pg_constraint WHERE conname = 'fk_users_org'")?;
    if valid == ["true"] {
        Ok(())
    } else {
        Err(format!("still not valid: {valid:?}"))
    }
}

pub(super) fn refresh_it(db: &mut Db) -> Result<(), String> {
    db.apply(&Op::RefreshMaterializedView(RefreshMaterializedView::new("user_stats")))?;
    let populated = db.texts("SELECT ispopulated::text AS v FROM pg_matviews WHERE matviewname = 'user_stats'")?;
    if populated == ["true"] {
        Ok(())
    } else {
        Err(format!("not populated: {populated:?}"))
    }
}

#[allow(clippy::too_many_lines)]
pub(super) fn scenarios() -> Vec<Scenario> {
    let full_users = CreateTable::new(
        "users",
        [
            Column::new("id", T::BigInt).primary_key().identity(),
            Column::new("email", T::Varchar(Some(255))).not_null().unique(),
            Column::new("name", T::Text).default(ServerDefault::Value(v("it's \\ anon"))),
            Column::new("created_at", T::TimestampTz).not_null().default(ServerDefault::Now),
            Column::new("org_id", T::BigInt).references("orgs", "id").on_delete(ForeignKeyAction::Cascade),
            Column::new("score", T::Numeric(Some((10, 2)))).check("score >= 0").comment("the score"),
        ],
    )
    .constraint(Constraint::check("ck_email", "email <> ''"))
    .comment("people");
    let mut no_comment_before = AlterColumn::new("users", "email").set_comment("login address");
    if let Some(c) = &mut no_comment_before.comment {
        c.from = Some(None);
    }
    vec![
        // ---- tables ---------------------------------------------------------------------------
        sc("create_table with defaults, a reference, checks and comments", ALL, Op::CreateTable(full_users))
            .setup([orgs()])
            .appears(["users.created_at", "users.score"])
            .appears_on(Dialect::Postgres, ["comment users=people", "comment users.score=the score", "ck_email"])
            .appears_on(Dialect::Mysql, ["comment=people", "comment=the score", "users_org_id_fkey", "ck_email"])
            .appears_on(Dialect::Sqlite, ["fk users org_id -> orgs.id CASCADE", "ck_email"]),
        sc(
            "create_table with a composite key, a unique and a deferrable foreign key",
            PG_LITE,
            Op::CreateTable(
                CreateTable::new(
                    "memberships",
                    [Column::new("user_id", T::BigInt).not_null(), Column::new("org_id", T::BigInt).not_null()],
                )
                .primary_key(["user_id", "org_id"])
                .constraint(Constraint::foreign_key("fk_user", ["user_id"], "users", ["id"]).deferrable(true))
                .constraint(Constraint::unique("uq_org_user", ["org_id", "user_id"])),
            ),
        )
        .setup([users()])
        .appears(["memberships.user_id", "uq_org_user", "fk_user"]),
        sc(
            "create_table with an exclude constraint",
            PG,
            Op::CreateTable(
                CreateTable::new(
                    "bookings",
                    [Column::new("room", T::Integer), Column::new("during", T::Custom("tstzrange".into()))],
                )
                .constraint(Constraint::exclude(
                    "ex_overlap",
                    IndexMethod::Gist,
                    [("room".to_string(), "=".to_string()), ("during".to_string(), "&&".to_string())],
                )),
            ),
        )
        .setup([Op::CreateExtension(CreateExtension::new("btree_gist"))])
        .appears(["ex_overlap"]),
        sc("create_table partitioned by range", PG, events(PartitionStrategy::Range, "created_at"))
            .appears(["table events kind=p"]),
        sc(
            "create_table with every portable type",
            ALL,
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
                    Column::new("i", T::Uuid),
                    Column::new("j", T::Json),
                    Column::new("k", T::Jsonb),
                    Column::new("l", T::Date),
                    Column::new("m", T::Time),
                    Column::new("n", T::Timestamp),
                    Column::new("o", T::TimestampTz).not_null().default(ServerDefault::Now),
                    Column::new("p", T::Integer).generated("b * 2"),
                    Column::new("q", T::Varchar(Some(20))).default(ServerDefault::Value(v("x"))),
                    Column::new("r", T::Double).default(ServerDefault::Value(Value::Float(-1.5))),
                ],
            )),
        )
        .appears(["types.a", "types.p", "types.r"]),
        sc(
            "create_table with PostgreSQL's own types",
            PG,
            Op::CreateTable(CreateTable::new(
                "pg_types",
                [
                    Column::new("arr", T::Array(Box::new(T::Text))),
                    Column::new("iv", T::Interval),
                    Column::new("m", T::Enum("mood".into())),
                    Column::new("ts", T::Custom("tsvector".into())),
                    Column::new("s", T::BigSerial),
                ],
            )),
        )
        .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
        .appears(["pg_types.arr type=text[]", "pg_types.m type=mood", "pg_types.iv type=interval"]),
        sc("drop_table carrying its definition", ALL, Op::DropTable(DropTable::new("users").definition(users_table())))
            .setup([users()])
            .vanishes(["users.email"]),
        sc("rename_table", ALL, Op::RenameTable(RenameTable::new("users", "people")))
            .setup([users()])
            .appears(["people.email"])
            .vanishes(["users.email"]),
        // ---- columns --------------------------------------------------------------------------
        sc(
            "add_column nullable",
            ALL,
            Op::AddColumn(AddColumn::new("users", Column::new("nickname", T::Varchar(Some(50))))),
        )
        .setup([users()])
        .appears(["users.nickname"]),
        sc(
            "add_column not null with a constant default, a reference and a comment",
            ALL,
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("team_id", T::BigInt)
                    .not_null()
                    .default(ServerDefault::Value(Value::Int(0)))
                    .references("orgs", "id")
                    .on_delete(ForeignKeyAction::Restrict)
                    .comment("owning team"),
            )),
        )
        .setup([orgs(), users()])
        .appears(["users.team_id"])
        .appears_on(Dialect::Sqlite, ["fk users team_id -> orgs.id RESTRICT"])
        .appears_on(Dialect::Mysql, ["users_team_id_fkey", "comment=owning team"])
        .appears_on(Dialect::Postgres, ["users_team_id_fkey", "comment users.team_id=owning team"]),
        sc(
            "add_column that SQLite cannot add in place",
            ALL,
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("seen_at", T::Timestamp).not_null().default(ServerDefault::Now),
            )),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
        .appears(["users.seen_at"]),
        sc(
            "add_column that is unique",
            ALL,
            Op::AddColumn(AddColumn::new("users", Column::new("handle", T::Varchar(Some(40))).unique())),
        )
        .setup([users()])
        .appears(["users.handle"]),
        sc(
            "drop_column carrying its definition",
            ALL,
            Op::DropColumn(DropColumn::new("users", "org_id").definition(Column::new("org_id", T::BigInt))),
        )
        .setup([users()])
        .vanishes(["users.org_id"]),
        sc("rename_column", ALL, Op::RenameColumn(RenameColumn::new("users", "email", "email_address")))
            .setup([users()])
            .appears(["users.email_address"])
            .vanishes(["users.email "]),
        sc(
            "alter_column type, nullability and default together",
            ALL,
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::BigInt)
                    .from_type(T::Integer)
                    .set_not_null()
                    .set_default(ServerDefault::Value(Value::Int(0)))
                    .from_no_default(),
            ),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
        .appears(["users.age type=bigint null=NO default=0"]),
        sc(
            "alter_column default with its old state",
            ALL,
            Op::AlterColumn(
                AlterColumn::new("users", "email").set_default(ServerDefault::Value(v("none"))).from_no_default(),
            ),
        )
        .setup([users()])
        .appears(["'none'"]),
        sc(
            "alter_column type with USING",
            PG_LITE,
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::Text)
                    .from_type(T::Integer)
                    .using("CAST(age AS text)")
                    .reverse_using("CAST(age AS integer)"),
            ),
        )
        .setup([users(), exec("INSERT INTO users (email, age) VALUES ('a@example.com', 42)")])
        .appears(["users.age type=text"])
        .check(|db| {
            let ages = db.texts("SELECT age AS v FROM users")?;
            if ages == ["42"] {
                Ok(())
            } else {
                Err(format!("converted to {ages:?}"))
            }
        }),
        sc("alter_column comment", PG, Op::AlterColumn(no_comment_before))
            .setup([users()])
            .appears(["comment users.email=login address"]),
        sc("alter_column add identity", PG, Op::AlterColumn(AlterColumn::new("counters", "n").add_identity()))
            .setup([Op::CreateTable(CreateTable::new("counters", [Column::new("n", T::BigInt).not_null()]))])
            .appears(["counters.n type=bigint null=NO default=- identity=d"]),
        // ---- indexes --------------------------------------------------------------------------
        sc("create_index", ALL, Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"])))
            .setup([users()])
            .appears(["ix_users_email"]),
        // MySQL drops the index it made for a foreign key once another index serves the key, then
        // refuses to drop that one: the inverse gives the key its own index back.
        sc(
            "create_index on a foreign key column",
            ALL,
            Op::CreateIndex(CreateIndex::new("ix_posts_author_id").on("posts", ["author_id"])),
        )
        .setup([users(), posts()])
        .appears(["ix_posts_author_id"]),
        sc(
            "create_index unique, partial, descending, concurrently",
            PG_LITE,
            Op::CreateIndex(
                CreateIndex::new("uq_users_email_adult")
                    .on("users", [IndexColumn::column("email").desc()])
                    .unique()
                    .where_("age > 17")
                    .concurrently(),
            ),
        )
        .setup([users()])
        .appears(["uq_users_email_adult"]),
        sc(
            "create_index on an expression",
            PG_LITE,
            Op::CreateIndex(CreateIndex::new("ix_lower_email").on("users", [IndexColumn::expr("lower(email)")])),
        )
        .setup([users()])
        .appears(["ix_lower_email"]),
        sc(
            "create_index with nulls order and covering columns",
            PG,
            Op::CreateIndex(
                CreateIndex::new("ix_age_nulls")
                    .on("users", [IndexColumn::column("age").desc().nulls_last()])
                    .include(["email"]),
            ),
        )
        .setup([users()])
        .appears(["ix_age_nulls", "NULLS LAST) INCLUDE (email)"]),
        sc(
            "create_index gin with an operator class",
            PG,
            Op::CreateIndex(
                CreateIndex::new("ix_docs_body")
                    .on("docs", [IndexColumn::column("body").opclass("jsonb_path_ops")])
                    .using(IndexMethod::Gin),
            ),
        )
        .setup([Op::CreateTable(CreateTable::new("docs", [Column::new("body", T::Jsonb)]))])
        .appears(["USING gin (body jsonb_path_ops)"]),
        sc(
            "create_index hash if_not_exists",
            PG_MY,
            Op::CreateIndex(
                CreateIndex::new("ix_email_hash").on("users", ["email"]).using(IndexMethod::Hash).if_not_exists(),
            ),
        )
        .setup([users()])
        .appears(["ix_email_hash"]),
        sc(
            "create_index on only the partitioned parent",
            PG,
            Op::CreateIndex(CreateIndex::new("ix_events_at").on("events", ["created_at"]).only()),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["ix_events_at"]),
        sc(
            "create_index unique nulls not distinct",
            PG,
            Op::CreateIndex(CreateIndex::new("uq_age").on("users", ["age"]).unique().nulls_not_distinct()),
        )
        .setup([users()])
        .appears(["NULLS NOT DISTINCT"]),
        sc(
            "drop_index carrying its definition",
            ALL,
            Op::DropIndex(
                DropIndex::new("ix_users_email")
                    .on("users")
                    .definition(CreateIndex::new("ix_users_email").on("users", ["email"])),
            ),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]))])
        .vanishes(["ix_users_email"]),
        // ---- constraints ----------------------------------------------------------------------
        sc(
            "add_constraint foreign key",
            ALL,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"])
                    .on_delete(ForeignKeyAction::SetNull),
            )),
        )
        .setup([orgs(), users(), Op::CreateIndex(CreateIndex::new("ix_users_org").on("users", ["org_id"]))])
        .appears(["fk_users_org"]),
        // MySQL makes an index for a key that has none, and keeps it when the key is dropped:
        // the inverse drops it too.
        sc(
            "add_constraint foreign key on a column without an index",
            ALL,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"]),
            )),
        )
        .setup([orgs(), users()])
        .appears_on(Dialect::Mysql, ["index users.fk_users_org (org_id)"])
        .appears_on(Dialect::Postgres, ["fk_users_org"]),
        sc(
            "add_constraint foreign key not valid, then validate it",
            PG,
            Op::AddConstraint(
                AddConstraint::new("users", Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"]))
                    .not_valid(),
            ),
        )
        .setup([orgs(), users()])
        .appears(["fk_users_org"])
        .check(validate_it),
        sc("add_constraint check", ALL, Op::AddConstraint(AddConstraint::new("users", ck_age())))
            .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
            .appears(["ck_age"])
            .check(negative_age_is_refused),
        sc("add_constraint check not valid", PG, Op::AddConstraint(AddConstraint::new("users", ck_age()).not_valid()))
            .setup([users()])
            .appears(["ck_age"])
            .check(negative_age_is_refused),
        sc(
            "add_constraint unique",
            ALL,
            Op::AddConstraint(AddConstraint::new("users", Constraint::unique("uq_users_email", ["email"]))),
        )
        .setup([users()])
        .appears(["uq_users_email"]),
        sc(
            "add_constraint unique using an index",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::unique("uq_users_email", ["email"]).using_index("ix_email_u"),
            )),
        )
        .setup([
            users(),
            Op::CreateIndex(CreateIndex::new("ix_email_u").on("users", ["email"]).unique().concurrently()),
        ])
        .appears(["constraint users.uq_users_email u"])
        .vanishes(["index users.ix_email_u"]),
        sc(
            "add_constraint primary key using an index",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "plain",
                Constraint::primary_key("pk_plain", ["id"]).using_index("ix_plain_id"),
            )),
        )
        .setup([
            Op::CreateTable(CreateTable::new(
                "plain",
                [Column::new("id", T::BigInt).not_null(), Column::new("note", T::Text)],
            )),
            Op::CreateIndex(CreateIndex::new("ix_plain_id").on("plain", ["id"]).unique()),
        ])
        .appears(["constraint plain.pk_plain p"])
        .vanishes(["index plain.ix_plain_id"]),
        sc(
            "add_constraint primary key",
            ALL,
            Op::AddConstraint(AddConstraint::new("plain", Constraint::primary_key("pk_plain", ["id"]))),
        )
        .setup([Op::CreateTable(CreateTable::new(
            "plain",
            [Column::new("id", T::BigInt).not_null(), Column::new("note", T::Text)],
        ))])
        .appears_on(Dialect::Postgres, ["pk_plain"])
        .appears_on(Dialect::Sqlite, ["pk_plain"])
        .appears_on(Dialect::Mysql, ["PRIMARY KEY"]),
        sc(
            "add_constraint exclude",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "bookings",
                Constraint::exclude(
                    "ex_room",
                    IndexMethod::Gist,
                    [("room".to_string(), "=".to_string()), ("during".to_string(), "&&".to_string())],
                )
                .where_("room > 0"),
            )),
        )
        .setup([Op::CreateExtension(CreateExtension::new("btree_gist")), bookings()])
        .appears(["ex_room"]),
        sc(
            "drop_constraint carrying its definition",
            ALL,
            Op::DropConstraint(DropConstraint::new("users", "ck_age", ConstraintType::Check).definition(ck_age())),
        )
        .setup([users(), Op::AddConstraint(AddConstraint::new("users", ck_age()))])
        .vanishes(["ck_age"]),
        // ---- comments, extensions, enums, sequences ---------------------------------------------
        sc(
            "comment_on_table",
            PG_MY,
            Op::SetComment(SetComment::table("users", Some("people's accounts".into())).from(None)),
        )
        .setup([users()])
        .appears(["people's accounts"]),
        sc(
            "comment_on_column",
            PG,
            Op::SetComment(SetComment::column("users", "email", Some("login".into())).from(None)),
        )
        .setup([users()])
        .appears(["comment users.email=login"]),
        sc("create_extension", PG, Op::CreateExtension(CreateExtension::new("citext").if_not_exists()))
            .appears(["extension citext"]),
        sc("create_enum", PG, Op::CreateEnum(CreateEnum::new("mood", ["sad", "it's ok", "happy"])))
            .appears(["enum mood=sad,it's ok,happy"]),
        sc("drop_enum carrying its labels", PG, Op::DropEnum(DropEnum::new("mood").values(["sad", "ok"])))
            .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
            .vanishes(["enum mood"]),
        sc("add_enum_value", PG, Op::AddEnumValue(AddEnumValue::new("mood", "meh").before("ok").if_not_exists()))
            .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
            .appears(["enum mood=sad,meh,ok"])
            .down(exec("DROP TYPE mood; CREATE TYPE mood AS ENUM ('sad', 'ok')")),
        sc(
            "create_sequence",
            PG,
            Op::CreateSequence(
                CreateSequence::new("order_no")
                    .start(1000)
                    .increment(10)
                    .min_value(1)
                    .max_value(1_000_000)
                    .cache(5)
                    .cycle(),
            ),
        )
        .appears(["sequence order_no start=1000 inc=10 min=1 max=1000000 cache=5 cycle=t"]),
        sc(
            "create_sequence owned by a column",
            PG,
            Op::CreateSequence(CreateSequence::new("user_no").owned_by("users", "age")),
        )
        .setup([users()])
        .appears(["sequence user_no"]),
        sc(
            "drop_sequence carrying its definition",
            PG,
            Op::DropSequence(DropSequence::new("order_no").definition(CreateSequence::new("order_no").start(5))),
        )
        .setup([Op::CreateSequence(CreateSequence::new("order_no").start(5))])
        .vanishes(["sequence order_no"]),
        // ---- views ----------------------------------------------------------------------------
        sc("create_view", ALL, Op::CreateView(CreateView::new("adults", "SELECT id, email FROM users WHERE age > 17")))
            .setup([users()])
            .appears(["view adults"]),
        sc(
            "create_view replacing one whose query it knows",
            ALL,
            Op::CreateView(
                CreateView::new("adults", "SELECT id, email FROM users WHERE age > 20")
                    .replaces("SELECT id, email FROM users WHERE age > 17"),
            ),
        )
        .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id, email FROM users WHERE age > 17"))])
        .appears(["> 20"]),
        sc(
            "create_materialized_view with no data, then refresh it",
            PG,
            Op::CreateView(CreateView::materialized("user_stats", "SELECT count(*) AS n FROM users").with_no_data()),
        )
        .setup([users()])
        .appears(["matview user_stats populated=f"])
        .check(refresh_it),
        sc("rename_view", PG_MY, Op::RenameView(RenameView::new("adults", "grown_ups")))
            .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id FROM users"))])
            .appears(["view grown_ups"]),
        sc("rename_view materialized", PG, Op::RenameView(RenameView::new("user_stats", "stats").materialized()))
            .setup([users(), Op::CreateView(CreateView::materialized("user_stats", "SELECT count(*) AS n FROM users"))])
            .appears(["matview stats"]),
        sc(
            "drop_view carrying its definition",
            ALL,
            Op::DropView(DropView::new("adults").definition(CreateView::new("adults", "SELECT id FROM users"))),
        )
        .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id FROM users"))])
        .vanishes(["view adults"]),
        // ---- partitions -----------------------------------------------------------------------
        sc(
            "create_partition for a range",
            PG,
            Op::CreatePartition(CreatePartition::new("events_2026_01", "events", range("2026-01-01", "2026-02-01"))),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["partition events.events_2026_01 FOR VALUES FROM"]),
        sc(
            "create_partition standalone for a range",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_2026_02", "events", range("2026-02-01", "2026-03-01"))
                    .standalone("created_at"),
            ),
        )
        .setup([events(PartitionStrategy::Range, "created_at"), exec("CREATE TABLE seed AS SELECT 1 AS one")])
        .appears(["partition events.events_2026_02"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone for a list with null",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_eu", "events", PartitionBound::List(vec![v("eu"), Value::Null]))
                    .standalone("region"),
            ),
        )
        .setup([events(PartitionStrategy::List, "region")])
        .appears(["partition events.events_eu FOR VALUES IN"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone for a hash",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_h1", "events", PartitionBound::Hash { modulus: 2, remainder: 1 })
                    .standalone("id"),
            ),
        )
        .setup([events(PartitionStrategy::Hash, "id")])
        .appears(["partition events.events_h1 FOR VALUES WITH"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone default",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_rest", "events", PartitionBound::Default).standalone("id"),
            ),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["partition events.events_rest DEFAULT"]),
        sc(
            "create_partition default",
            PG,
            Op::CreatePartition(CreatePartition::new("events_other", "events", PartitionBound::Default)),
        )
        .setup([events(PartitionStrategy::List, "region")])
        .appears(["partition events.events_other DEFAULT"]),
        sc(
            "attach_partition",
            PG,
            Op::AttachPartition(AttachPartition::new("events", "events_2025", range("2025-01-01", "2026-01-01"))),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            exec("CREATE TABLE events_2025 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"),
        ])
        .appears(["partition events.events_2025"]),
        sc(
            "detach_partition carrying its bound",
            PG,
            Op::DetachPartition(DetachPartition::new("events", "events_2025").bound(range("2025-01-01", "2026-01-01"))),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            Op::CreatePartition(CreatePartition::new("events_2025", "events", range("2025-01-01", "2026-01-01"))),
        ])
        .vanishes(["partition events.events_2025"]),
        // DETACH .. CONCURRENTLY leaves the partition constraint behind as a CHECK (PostgreSQL
        // documents it), which the re-attach uses and then drops.
        sc(
            "detach_partition concurrently",
            PG,
            Op::DetachPartition(
                DetachPartition::new("events", "events_2025").concurrently().bound(range("2025-01-01", "2026-01-01")),
            ),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            Op::CreatePartition(CreatePartition::new("events_2025", "events", range("2025-01-01", "2026-01-01"))),
        ])
        .vanishes(["partition events.events_2025"])
        .appears(["events_2025_created_at_check"]),
        sc(
            "detach_partition concurrently of a list partition with a check of the same name",
            PG,
            Op::DetachPartition(
                DetachPartition::new("events", "events_eu").concurrently().bound(PartitionBound::List(vec![v("eu")])),
            ),
        )
        .setup([
            events(PartitionStrategy::List, "region"),
            Op::CreatePartition(CreatePartition::new("events_eu", "events", PartitionBound::List(vec![v("eu")]))),
            Op::AddConstraint(AddConstraint::new(
                "events_eu",
                Constraint::check("events_eu_region_check", "length(region) < 100"),
            )),
        ])
        .vanishes(["partition events.events_eu"])
        .appears(["events_eu_region_check1"]),
        // ---- data -----------------------------------------------------------------------------
        sc("execute with its own down", ALL, exec("CREATE TABLE raw_t (id integer)"))
            .down(exec("DROP TABLE raw_t"))
            .appears(["raw_t.id"]),
        sc(
            "bulk_insert",
            ALL,
            Op::BulkInsert(BulkInsert::new(
                "roles",
                ["id", "name", "weight", "enabled"],
                vec![
                    vec![Value::Int(1), v("admin"), Value::Float(1.5), Value::Bool(true)],
                    vec![Value::Int(2), v(r"it's \ me"), Value::Null, Value::Bool(false)],
                ],
            )),
        )
        .setup([Op::CreateTable(CreateTable::new(
            "roles",
            [
                Column::new("id", T::Integer).primary_key(),
                Column::new("name", T::Text),
                Column::new("weight", T::Double),
                Column::new("enabled", T::Boolean),
            ],
        ))])
        .data_only()
        .check(only_rows_inserted)
        .down(exec("DELETE FROM roles")),
        sc(
            "backfill as one statement",
            ALL,
            Op::Backfill(Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL")),
        )
        .setup([
            users(),
            Op::AddColumn(AddColumn::new("users", Column::new("email_lower", T::Varchar(Some(255))))),
            exec("INSERT INTO users (email) VALUES ('A@Example.com'), ('b@example.COM')"),
        ])
        .data_only()
        .check(backfilled)
        .down(exec("UPDATE users SET email_lower = NULL")),
        sc(
            "an op only for PostgreSQL",
            ALL,
            Op::Only(OnlyOn {
                dialects: vec!["postgres".into()],
                op: Box::new(Op::CreateExtension(CreateExtension::new("hstore"))),
            }),
        )
        .data_only()
        .appears_on(Dialect::Postgres, ["extension hstore"]),
    ]
}
