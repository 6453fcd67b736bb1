//! Each rule fires on its dangerous form, stays quiet on the safe form and on new tables.

use super::*;
use crate::ops::*;

fn rules(ops: &[Op], tx: TransactionMode) -> Vec<&'static str> {
    check(ops, tx).into_iter().map(|f| f.rule).collect()
}

fn per_migration(ops: &[Op]) -> Vec<&'static str> {
    rules(ops, TransactionMode::PerMigration)
}

fn col(name: &str, ty: ColumnType) -> Column {
    Column::new(name, ty)
}

fn add(table: &str, c: Column) -> Op {
    Op::AddColumn(AddColumn::new(table, c))
}

#[test]
fn adding_a_required_column_to_an_existing_table_is_found() {
    assert_eq!(per_migration(&[add("users", col("email", ColumnType::Text).not_null())]), [ADD_REQUIRED_COLUMN.id]);
    let with_default =
        col("email", ColumnType::Text).not_null().default(ServerDefault::Value(Value::Str(String::new())));
    assert!(per_migration(&[add("users", with_default)]).is_empty());
}

#[test]
fn ops_on_a_table_created_in_the_same_revision_are_exempt() {
    let ops = [
        Op::CreateTable(CreateTable::new("t", [col("id", ColumnType::BigInt).primary_key().identity()])),
        add("t", col("email", ColumnType::Text).not_null()),
        Op::CreateIndex(CreateIndex::new("ix_t_email").on("t", ["email"])),
        Op::AlterColumn(AlterColumn::new("t", "email").set_not_null()),
    ];
    assert!(per_migration(&ops).is_empty(), "{:?}", per_migration(&ops));
}

#[test]
fn volatile_default_is_found_and_now_is_not() {
    let uuid = col("token", ColumnType::Uuid).default(ServerDefault::expr("gen_random_uuid()"));
    assert_eq!(per_migration(&[add("users", uuid)]), [VOLATILE_DEFAULT.id]);
    let now = col("seen_at", ColumnType::TimestampTz).default(ServerDefault::Now);
    assert!(per_migration(&[add("users", now)]).is_empty());
}

#[test]
fn serial_identity_and_primary_key_columns_on_existing_tables_are_found() {
    for c in [
        col("n", ColumnType::BigSerial),
        col("n", ColumnType::BigInt).identity(),
        col("n", ColumnType::BigInt).primary_key(),
        col("n", ColumnType::BigInt).generated("a + b"),
    ] {
        let found = per_migration(&[add("users", c)]);
        assert!(found.contains(&ADD_SERIAL_COLUMN.id), "{found:?}");
        assert!(!found.contains(&ADD_REQUIRED_COLUMN.id), "{found:?}");
    }
}

#[test]
fn type_change_is_found_unless_it_is_a_safe_widening() {
    let widen = AlterColumn::new("users", "name").set_type(ColumnType::Text).from_type(ColumnType::Varchar(Some(50)));
    assert!(per_migration(&[Op::AlterColumn(widen)]).is_empty());
    let int_to_big = AlterColumn::new("users", "n").set_type(ColumnType::BigInt).from_type(ColumnType::Integer);
    assert_eq!(per_migration(&[Op::AlterColumn(int_to_big)]), [CHANGE_COLUMN_TYPE.id]);
}

#[test]
fn index_without_concurrently_is_found_and_concurrently_in_a_transaction_cannot_run() {
    let plain = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]));
    assert_eq!(per_migration(&[plain]), [INDEX_CONCURRENTLY.id]);
    let conc = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]).concurrently());
    assert_eq!(per_migration(std::slice::from_ref(&conc)), [NON_TRANSACTIONAL_IN_TRANSACTION.id]);
    assert_eq!(rules(std::slice::from_ref(&conc), TransactionMode::None), [NON_IDEMPOTENT_NO_TX.id]);
    let idempotent = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]).concurrently().if_not_exists());
    assert!(rules(&[idempotent], TransactionMode::None).is_empty());
}

#[test]
fn constraints_need_not_valid_or_an_index_built_concurrently() {
    let fk = Constraint::foreign_key("fk", ["user_id"], "users", ["id"]);
    assert_eq!(
        per_migration(&[Op::AddConstraint(AddConstraint::new("orders", fk.clone()))]),
        [CONSTRAINT_NOT_VALID.id]
    );
    assert!(per_migration(&[Op::AddConstraint(AddConstraint::new("orders", fk.clone()).not_valid())]).is_empty());
    // One foreign key per transaction: a second one is a second lock target.
    let second = Constraint::foreign_key("fk2", ["org_id"], "orgs", ["id"]);
    let two = [
        Op::AddConstraint(AddConstraint::new("orders", fk).not_valid()),
        Op::AddConstraint(AddConstraint::new("orders", second).not_valid()),
    ];
    assert_eq!(per_migration(&two), [MANY_LOCK_TARGETS.id]);
    let uq = Constraint::unique("uq", ["email"]);
    assert_eq!(per_migration(&[Op::AddConstraint(AddConstraint::new("users", uq.clone()))]), [UNIQUE_CONSTRAINT.id]);
    assert!(per_migration(&[Op::AddConstraint(AddConstraint::new("users", uq.using_index("ix")))]).is_empty());
    let ex = Constraint::exclude("ex", IndexMethod::Gist, [("during".to_string(), "&&".to_string())]);
    assert_eq!(per_migration(&[Op::AddConstraint(AddConstraint::new("bookings", ex))]), [EXCLUDE_CONSTRAINT.id]);
}

#[test]
fn set_not_null_on_an_existing_table_is_found() {
    assert_eq!(per_migration(&[Op::AlterColumn(AlterColumn::new("users", "email").set_not_null())]), [SET_NOT_NULL.id]);
}

#[test]
fn renames_and_drops_of_existing_objects_are_found() {
    assert_eq!(per_migration(&[Op::RenameColumn(RenameColumn::new("users", "a", "b"))]), [RENAME_COLUMN.id]);
    assert_eq!(per_migration(&[Op::DropColumn(DropColumn::new("users", "a"))]), [DROP_COLUMN.id]);
    assert_eq!(per_migration(&[Op::RenameTable(RenameTable::new("users", "people"))]), [RENAME_TABLE.id]);
    assert_eq!(per_migration(&[Op::DropTable(DropTable::new("users"))]), [DROP_TABLE.id]);
}

#[test]
fn raw_sql_is_always_found_and_its_updates_and_timeouts_too() {
    assert_eq!(per_migration(&[Op::Execute(Execute::new("SELECT 1"))]), [RAW_SQL.id]);
    let update = Op::Execute(Execute::new("UPDATE users SET active = true"));
    assert_eq!(per_migration(&[update]), [RAW_SQL.id, UNBATCHED_BACKFILL.id]);
    let timeout = Op::Execute(Execute::new("SET LOCAL lock_timeout = 0; SET statement_timeout TO 0"));
    assert_eq!(per_migration(&[timeout]), [RAW_SQL.id, LOCK_TIMEOUT.id, STATEMENT_TIMEOUT.id]);
}

#[test]
fn two_existing_tables_in_one_transaction_are_found_once() {
    let ops = [
        add("users", col("a", ColumnType::Text)),
        add("orders", col("b", ColumnType::Text)),
        add("users", col("c", ColumnType::Text)),
    ];
    let found = check(&ops, TransactionMode::PerMigration);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].rule, found[0].op_index), (MANY_LOCK_TARGETS.id, 1));
    assert!(rules(&ops, TransactionMode::None).contains(&NON_IDEMPOTENT_NO_TX.id));
}

#[test]
fn data_changes_with_ddl_in_one_transaction_are_found() {
    let ops = [
        add("countries", col("code", ColumnType::Text)),
        Op::BulkInsert(BulkInsert::new("countries", ["code"], vec![vec![Value::Str("fr".into())]])),
    ];
    let found = check(&ops, TransactionMode::PerMigration);
    assert_eq!(found.iter().map(|f| (f.rule, f.op_index)).collect::<Vec<_>>(), [(MIXED_DDL_DML.id, 1)]);
}

#[test]
fn partitions_take_the_safe_forms() {
    let bound = PartitionBound::List(vec![Value::Str("eu".into())]);
    let plain = Op::CreatePartition(CreatePartition::new("events_eu", "events", bound.clone()));
    assert_eq!(per_migration(&[plain]), [PARTITION_CREATE.id]);
    let standalone = Op::CreatePartition(CreatePartition::new("events_eu", "events", bound).standalone("region"));
    assert!(per_migration(&[standalone]).is_empty());
    assert_eq!(per_migration(&[Op::DetachPartition(DetachPartition::new("events", "p"))]), [PARTITION_DETACH.id]);
}

#[test]
fn long_identifiers_are_found_with_their_name() {
    let long = "x".repeat(64);
    let found = check(&[Op::DropIndex(DropIndex::new(long.clone()).concurrently())], TransactionMode::None);
    let f = found.iter().find(|f| f.rule == IDENTIFIER_TOO_LONG.id).unwrap();
    assert_eq!(f.subject.as_deref(), Some(long.as_str()));
}

#[test]
fn type_hygiene_is_a_warning() {
    let found = check(
        &[Op::CreateTable(CreateTable::new("t", [col("at", ColumnType::Timestamp)]))],
        TransactionMode::PerMigration,
    );
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].rule, found[0].severity), (TYPE_HYGIENE.id, Severity::Warning));
}

#[test]
fn only_wrapped_ops_are_checked_like_the_op_inside() {
    let op =
        Op::Only(OnlyOn { dialects: vec!["postgres".into()], op: Box::new(Op::DropTable(DropTable::new("users"))) });
    assert_eq!(per_migration(&[op]), [DROP_TABLE.id]);
}

#[test]
fn allows_cover_their_rule_for_the_revision_or_one_op() {
    let ops = [Op::DropTable(DropTable::new("a")), Op::DropTable(DropTable::new("b"))];
    let found = check(&ops, TransactionMode::None);
    let for_op_2 = Allow::parse("drop-table@2: b is unused since v3").unwrap();
    assert_eq!(for_op_2.to_string(), "drop-table@2: b is unused since v3");
    let left = unallowed(found.clone(), &[for_op_2]);
    assert!(left.iter().any(|f| f.rule == DROP_TABLE.id && f.op_index == 0));
    assert!(!left.iter().any(|f| f.rule == DROP_TABLE.id && f.op_index == 1));
    let all = Allow::parse("drop-table: cleanup").unwrap();
    assert!(!unallowed(found, &[all]).iter().any(|f| f.rule == DROP_TABLE.id));
}

#[test]
fn rule_ids_are_unique_kebab_case_and_found_in_both_spellings() {
    for r in RULES {
        assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.id);
        assert_eq!(find_rule(r.id), Some(r));
        assert_eq!(find_rule(&r.allow_name()), Some(r));
        assert_eq!(RULES.iter().filter(|o| o.id == r.id).count(), 1);
    }
}

#[test]
fn a_downgrade_is_held_to_the_upgrade_standard_on_the_tables_it_treated_as_busy() {
    let attach = Op::AddConstraint(AddConstraint::new("users", Constraint::unique("uq", ["email"]).using_index("ux")));
    let down =
        |up: &[Op], down: &[Op]| check_down(up, down).into_iter().map(|f| (f.rule, f.op_index)).collect::<Vec<_>>();
    // The derived downgrade drops the constraint and rebuilds its index under the lock.
    let up = std::slice::from_ref(&attach);
    let derived: Vec<Op> = up.iter().rev().filter_map(|op| op.reverse().ok().flatten()).collect();
    assert_eq!(down(up, &derived), [(CARELESS_DOWNGRADE.id, 0)]);
    // Written: a concurrent build passes, a plain one on the same table does not.
    let careful = Op::CreateIndex(CreateIndex::new("ux2").on("users", ["email"]).unique().concurrently());
    let plain = Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]));
    assert_eq!(down(up, &[careful, plain.clone()]), [(CARELESS_DOWNGRADE.id, 1)]);
    // An upgrade that was not careful with the table sets no standard (index-concurrently is
    // the upgrade's own rule).
    let add = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text)));
    let plain = std::slice::from_ref(&plain);
    assert_eq!(down(&[add], plain), []);
    let on_orders = Op::CreateIndex(CreateIndex::new("ix_o").on("orders", ["id"]).concurrently());
    assert_eq!(down(&[on_orders], plain), []);
}

#[test]
fn create_table_if_not_exists_of_a_table_the_chain_has_is_not_new() {
    use std::collections::BTreeSet;
    let ops = [
        Op::CreateTable(
            CreateTable::new("users", [Column::new("id", ColumnType::BigInt).primary_key()]).if_not_exists(),
        ),
        Op::AddColumn(AddColumn::new("users", Column::new("plan", ColumnType::Text).not_null())),
    ];
    assert!(check(&ops, TransactionMode::PerMigration).is_empty(), "a new table is exempt");
    let existing: BTreeSet<String> = ["users".to_string()].into();
    let findings = crate::safety::check_in(&ops, TransactionMode::PerMigration, &existing);
    assert!(!findings.is_empty(), "the table existed: the add_column is held to the rules");
}

#[test]
fn an_op_limited_to_other_dialects_is_not_held_to_postgres_lock_rules() {
    let only = |dialects: &[&str]| {
        Op::Only(OnlyOn {
            op: Box::new(Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]))),
            dialects: dialects.iter().map(|d| d.to_string()).collect(),
        })
    };
    assert!(per_migration(&[only(&["sqlite"])]).is_empty(), "{:?}", per_migration(&[only(&["sqlite"])]));
    assert!(per_migration(&[only(&["postgres"])]).contains(&INDEX_CONCURRENTLY.id));
    assert!(per_migration(&[only(&["sqlite", "postgres"])]).contains(&INDEX_CONCURRENTLY.id));
}

#[test]
fn set_not_null_outside_a_transaction_takes_the_runners_recipe() {
    let alter = Op::AlterColumn(AlterColumn::new("users", "email").set_not_null());
    assert_eq!(per_migration(std::slice::from_ref(&alter)), [SET_NOT_NULL.id]);
    assert!(!rules(std::slice::from_ref(&alter), TransactionMode::None).contains(&SET_NOT_NULL.id));
    let with_type = Op::AlterColumn(
        AlterColumn::new("users", "email")
            .set_type(ColumnType::Text)
            .from_type(ColumnType::Varchar(Some(9)))
            .set_not_null(),
    );
    assert!(rules(&[with_type], TransactionMode::None).contains(&SET_NOT_NULL.id));
}

#[test]
fn a_foreign_key_locks_the_table_it_references_too() {
    let plain = add("posts", col("note", ColumnType::Text));
    let fk = add("posts", col("author_id", ColumnType::BigInt).references("users", "id"));
    assert!(!per_migration(std::slice::from_ref(&plain)).contains(&MANY_LOCK_TARGETS.id));
    assert!(per_migration(&[plain, fk.clone()]).contains(&MANY_LOCK_TARGETS.id), "posts, then users by the key");
    assert!(!per_migration(&[fk]).contains(&MANY_LOCK_TARGETS.id), "one foreign key is one target");
}
