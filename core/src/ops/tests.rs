//! Table-driven checks that every reversible op is its inverse's inverse.

use super::*;

fn users() -> CreateTable {
    CreateTable::new(
        "users",
        [
            Column::new("id", ColumnType::BigInt).primary_key().identity(),
            Column::new("email", ColumnType::Text).not_null().unique(),
            Column::new("created_at", ColumnType::TimestampTz).not_null().default(ServerDefault::Now),
        ],
    )
    .comment("people")
}

fn range() -> PartitionBound {
    PartitionBound::Range { from: vec![Value::Str("2026-01-01".into())], to: vec![Value::Str("2026-02-01".into())] }
}

/// One instance of every op that carries enough state to be reversed.
fn reversible_ops() -> Vec<Op> {
    let index = CreateIndex::new("ix_users_email").on("users", ["email"]).unique();
    let fk = Constraint::foreign_key("fk_s_u", ["user_id"], "users", ["id"]).on_delete(ForeignKeyAction::Cascade);
    let seq = CreateSequence::new("seq").start(10).increment(2);
    vec![
        Op::CreateTable(users()),
        Op::DropTable(DropTable::new("users").definition(users())),
        Op::RenameTable(RenameTable::new("a", "b")),
        Op::AddColumn(AddColumn::new("users", Column::new("age", ColumnType::Integer))),
        Op::DropColumn(DropColumn::new("users", "age").definition(Column::new("age", ColumnType::Integer))),
        Op::RenameColumn(RenameColumn::new("users", "a", "b")),
        Op::AlterColumn(
            AlterColumn::new("users", "name")
                .set_type(ColumnType::Text)
                .from_type(ColumnType::Varchar(Some(50)))
                .set_not_null()
                .set_default(ServerDefault::Value(Value::Str("x".into())))
                .from_no_default(),
        ),
        Op::CreateIndex(index.clone()),
        Op::CreateIndex(index.clone().concurrently()),
        Op::DropIndex(DropIndex::new("ix_users_email").definition(index)),
        Op::AddConstraint(AddConstraint::new("sessions", fk.clone()).not_valid()),
        Op::DropConstraint(DropConstraint::new("sessions", "fk_s_u", ConstraintType::ForeignKey).definition(fk)),
        Op::SetComment(SetComment::table("users", Some("new".into())).from(None)),
        Op::CreateExtension(CreateExtension::new("pg_trgm").if_not_exists()),
        Op::DropExtension(DropExtension::new("pg_trgm")),
        Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"])),
        Op::DropEnum(DropEnum::new("mood").values(["sad", "ok"])),
        Op::CreateSequence(seq.clone()),
        Op::DropSequence(DropSequence::new("seq").definition(seq)),
        Op::CreateView(CreateView::new("v", "SELECT 1")),
        Op::CreateView(CreateView::materialized("mv", "SELECT 1")),
        Op::CreateView(CreateView::new("v", "SELECT 2").replaces("SELECT 1")),
        Op::DropView(DropView::new("v").definition(CreateView::new("v", "SELECT 1"))),
        Op::RenameView(RenameView::new("a", "b").materialized()),
        Op::CreatePartition(CreatePartition::new("events_2026_01", "events", range()).standalone("created_at")),
        Op::AttachPartition(AttachPartition::new("events", "events_2026_01", range())),
        Op::DetachPartition(DetachPartition::new("events", "events_2026_01").bound(range())),
        Op::DetachPartition(DetachPartition::new("events", "events_2026_01").concurrently().bound(range())),
        Op::Only(OnlyOn {
            dialects: vec!["postgres".into()],
            op: Box::new(Op::CreateExtension(CreateExtension::new("x"))),
        }),
    ]
}

#[test]
fn every_reversible_op_is_the_inverse_of_its_inverse() {
    for op in reversible_ops() {
        let inverse = op.reverse().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("{op:?} has no inverse"));
        let back = inverse.reverse().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("no inverse"));
        assert_eq!(back, op, "round trip of {}", op.kind());
    }
}

#[test]
fn ops_without_old_state_are_irreversible_with_a_hint() {
    let cases = [
        Op::DropTable(DropTable::new("users")),
        Op::DropColumn(DropColumn::new("users", "age")),
        Op::DropIndex(DropIndex::new("ix")),
        Op::DropConstraint(DropConstraint::new("t", "c", ConstraintType::Check)),
        Op::DropEnum(DropEnum::new("mood")),
        Op::AddEnumValue(AddEnumValue::new("mood", "happy")),
        Op::DropView(DropView::new("v")),
        Op::CreateView(CreateView::new("v", "SELECT 1").or_replace()),
        Op::DetachPartition(DetachPartition::new("events", "p")),
        Op::Execute(Execute::new("SELECT 1")),
        Op::BulkInsert(BulkInsert::new("roles", ["name"], vec![vec![Value::Str("admin".into())]])),
        Op::Backfill(Backfill::new("users").set("a", "b")),
    ];
    for op in cases {
        let err = op.reverse().expect_err(op.kind());
        assert!(err.hint.contains("down"), "{}: hint should say how to fix it: {}", op.kind(), err.hint);
    }
}

#[test]
fn a_column_change_without_its_old_state_is_restored_from_the_model() {
    let up =
        AlterColumn::new("users", "name").set_type(ColumnType::Text).set_default(ServerDefault::Now).drop_not_null();
    let down = up.reverse().unwrap();
    assert_eq!(down.restore, [ColumnPart::Type, ColumnPart::Default]);
    assert_eq!((down.ty, down.default), (None, None), "the runner fills them in from the model");
    assert_eq!(down.nullable.map(|n| n.to), Some(false), "nullability carries its old state");
    let written = up.from_type(ColumnType::Varchar(Some(50))).from_no_default().reverse().unwrap();
    assert!(written.restore.is_empty());
    assert_eq!(written.ty.map(|t| t.change.to), Some(ColumnType::Varchar(Some(50))));
}

#[test]
fn validate_and_refresh_have_nothing_to_undo() {
    assert_eq!(Op::ValidateConstraint(ValidateConstraint::new("t", "c")).reverse(), Ok(None));
    assert_eq!(Op::RefreshMaterializedView(RefreshMaterializedView::new("mv")).reverse(), Ok(None));
}

#[test]
fn serialized_ops_decode_to_the_same_ops() {
    let ops = reversible_ops();
    let json = serialize(&ops, None);
    #[derive(serde::Deserialize)]
    struct Doc {
        up: Vec<Op>,
    }
    let doc: Doc = serde_json::from_str(&json).unwrap();
    assert_eq!(doc.up, ops);
}

#[test]
fn checksum_depends_on_ops_and_transaction_mode_only() {
    let a = serialize(&reversible_ops(), None);
    assert_eq!(checksum(&a, TransactionMode::PerMigration), checksum(&a, TransactionMode::PerMigration));
    assert_ne!(checksum(&a, TransactionMode::PerMigration), checksum(&a, TransactionMode::None));
    let b = serialize(&reversible_ops()[1..], None);
    assert_ne!(checksum(&a, TransactionMode::PerMigration), checksum(&b, TransactionMode::PerMigration));
}

#[test]
fn only_volatile_defaults_are_volatile() {
    assert!(ServerDefault::expr("gen_random_uuid()").is_volatile());
    assert!(ServerDefault::expr("clock_timestamp()").is_volatile());
    assert!(!ServerDefault::expr("lower('X')").is_volatile());
    assert!(!ServerDefault::Now.is_volatile());
}

#[test]
fn declaring_what_raw_sql_does_leaves_the_checksum_alone() {
    let sql = "CREATE TABLE audit (id bigint PRIMARY KEY)";
    let plain = [Op::Execute(Execute::new(sql))];
    let table = CreateTable::new("audit", [Column::new("id", ColumnType::BigInt).primary_key()]);
    let declared = [Op::Execute(Execute::new(sql).effects([Op::CreateTable(table)]))];
    let sum = |ops: &[Op]| checksum(&checksummed(ops, None), TransactionMode::PerMigration);
    assert_eq!(sum(&plain), sum(&declared));
    assert_ne!(serialize(&plain, None), serialize(&declared, None), "the declaration is embedded");
    let other = [Op::Execute(Execute::new("CREATE TABLE audit (id int PRIMARY KEY)"))];
    assert_ne!(sum(&plain), sum(&other), "the SQL itself is covered");
}

#[test]
fn an_op_decodes_alike_whether_its_tag_comes_first_or_not() {
    let ops = [
        Op::CreateTable(users()),
        Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Varchar(Some(40))))),
        Op::Only(OnlyOn { dialects: vec!["postgres".into()], op: Box::new(Op::DropTable(users().reverse())) }),
    ];
    for op in ops {
        let json = serde_json::to_value(&op).unwrap();
        assert!(serde_json::to_string(&op).unwrap().starts_with("{\"op\":"), "retort writes the tag first");
        let tag_first: Op = serde_json::from_str(&serde_json::to_string(&json).unwrap()).unwrap();
        assert_eq!(tag_first, op);
        // Moved last: serde_json's map keeps the keys sorted, so spell the object by hand.
        let serde_json::Value::Object(fields) = &json else { panic!("an op is an object") };
        let mut rest: Vec<String> =
            fields.iter().filter(|(k, _)| *k != "op").map(|(k, v)| format!("{:?}:{}", k, v)).collect();
        rest.push(format!("\"op\":{}", fields["op"]));
        let tag_last: Op = serde_json::from_str(&format!("{{{}}}", rest.join(","))).unwrap();
        assert_eq!(tag_last, op);
    }
    let unknown = serde_json::from_str::<Op>(r#"{"op":"make_coffee","table":"users"}"#).unwrap_err().to_string();
    assert!(unknown.contains("unknown variant `make_coffee`"), "{unknown}");
    assert!(serde_json::from_str::<Op>(r#"{"table":"users"}"#).unwrap_err().to_string().contains("missing field `op`"));
    assert!(serde_json::from_str::<Op>(r#"{"op":"drop_table"}"#).unwrap_err().to_string().contains("missing field"));
}
