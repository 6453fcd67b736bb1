//! Folding ops into the model: errors with their fixes, warnings after raw SQL, per-dialect
//! resolution, and the chain through branches and merges.

use super::chain::{fold_graph, schema_at, schema_of, ChainError};
use super::fold::{apply, apply_all, union};
use super::{ConstraintKind, Identity, Schema};
use crate::graph::RevisionGraph;
use crate::ops::*;
use crate::Revision;

fn users() -> Op {
    Op::CreateTable(CreateTable::new(
        "users",
        [
            Column::new("id", ColumnType::BigSerial).primary_key(),
            Column::new("email", ColumnType::Varchar(Some(255))).not_null().unique(),
            Column::new("token", ColumnType::Uuid),
        ],
    ))
}

fn folded(ops: &[Op], dialect: &str) -> Schema {
    let mut schema = Schema::default();
    apply_all(&mut schema, ops, dialect).expect("the ops fold");
    schema
}

#[test]
fn a_drop_of_a_missing_column_names_table_column_and_fix_and_changes_nothing() {
    let mut schema = folded(&[users()], "postgres");
    let before = schema.clone();
    let err = apply(&mut schema, &Op::DropColumn(DropColumn::new("users", "nick")), "postgres").unwrap_err();
    assert_eq!(
        err.to_string(),
        "drop_column(\"users\", \"nick\"): table \"users\" has no column \"nick\" (it has: id, email, token) at this \
         revision; check the name, or add the column in an earlier revision"
    );
    assert_eq!(schema, before);
    let if_exists = Op::DropColumn(DropColumn::new("users", "nick").if_exists());
    assert_eq!(apply(&mut schema, &if_exists, "postgres"), Ok(Vec::new()));
}

#[test]
fn an_index_on_a_column_the_table_lacks_is_an_error_and_if_not_exists_folds_as_a_no_op() {
    let mut schema = folded(&[users()], "sqlite");
    let ix = Op::CreateIndex(CreateIndex::new("ix_users_nick").on("users", ["nick"]));
    let err = apply(&mut schema, &ix, "sqlite").unwrap_err();
    assert!(err.message.contains("has no column \"nick\""), "{err}");
    let again = Op::CreateTable(match users() {
        Op::CreateTable(t) => t.if_not_exists(),
        _ => unreachable!(),
    });
    let before = schema.clone();
    assert_eq!(apply(&mut schema, &again, "sqlite"), Ok(Vec::new()));
    assert_eq!(schema, before, "an existing table is left as it is");
    assert!(apply(&mut schema, &users(), "sqlite").unwrap_err().message.contains("already exists"));
}

#[test]
fn each_dialect_stores_what_it_really_builds() {
    let pg = folded(&[users()], "postgres");
    let my = folded(&[users()], "mysql");
    let lite = folded(&[users()], "sqlite");
    let (pg_users, my_users) = (&pg.tables["users"], &my.tables["users"]);
    assert_eq!(pg_users.columns[0].ty, ColumnType::BigInt);
    assert_eq!(pg_users.columns[0].default.as_deref(), Some("nextval('users_id_seq'::regclass)"));
    assert!(pg.sequences.contains_key("users_id_seq"));
    assert_eq!(my_users.columns[0].identity, Some(Identity::AutoIncrement));
    assert_eq!(my_users.column("token").map(|c| &c.ty), Some(&ColumnType::Char(36)));
    assert_eq!(lite.tables["users"].column("token").map(|c| &c.ty), Some(&ColumnType::Text));
    // MySQL's unique constraint is its unique index.
    assert!(pg_users.constraints["users_email_key"].kind == ConstraintKind::Unique);
    assert!(my.indexes[&("users".to_string(), "email".to_string())].unique);
}

#[test]
fn ops_limited_to_a_dialect_fold_only_there() {
    let only = Op::Only(OnlyOn {
        dialects: vec!["postgres".into()],
        op: Box::new(Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))),
    });
    assert_eq!(folded(std::slice::from_ref(&only), "postgres").enums["mood"], ["sad", "ok"]);
    assert!(folded(&[only], "sqlite").enums.is_empty());
}

#[test]
fn after_raw_sql_an_op_on_what_it_named_is_a_warning_not_an_error() {
    let mut schema = Schema::default();
    let warnings = apply_all(
        &mut schema,
        &[
            Op::Execute(Execute::new("CREATE TABLE legacy (id int)")),
            Op::AddColumn(AddColumn::new("legacy", Column::new("note", ColumnType::Text))),
        ],
        "postgres",
    )
    .expect("a chain that may run gets no error");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("raw SQL"), "{}", warnings[0]);
    // What the SQL did not name is still checked.
    apply(&mut schema, &users(), "postgres").unwrap();
    let err = apply(&mut schema, &Op::DropColumn(DropColumn::new("users", "nick")), "postgres").unwrap_err();
    assert!(err.message.contains("has no column \"nick\""));
}

#[test]
fn an_object_no_revision_creates_is_taken_to_predate_the_chain() {
    let mut schema = Schema::default();
    let warnings =
        apply(&mut schema, &Op::AddColumn(AddColumn::new("legacy", Column::new("a", ColumnType::Text))), "postgres")
            .expect("a chain adopted onto an existing database gets no error");
    assert!(warnings[0].message.contains("taken to exist before the chain"), "{}", warnings[0]);
    // Once the chain drops it, it is known to be gone.
    apply(&mut schema, &Op::DropTable(DropTable::new("legacy")), "postgres").unwrap();
    let err = apply(&mut schema, &Op::DropTable(DropTable::new("legacy")), "postgres").unwrap_err();
    assert!(err.message.contains("there is no table \"legacy\""), "{err}");
}

#[test]
fn an_old_state_that_contradicts_the_chain_is_an_error() {
    let mut schema = folded(&[users()], "postgres");
    let alter = Op::AlterColumn(
        AlterColumn::new("users", "email").set_type(ColumnType::Text).from_type(ColumnType::Varchar(Some(100))),
    );
    let err = apply(&mut schema, &alter, "postgres").unwrap_err();
    assert!(
        err.message.contains("from_type(Varchar(Some(100)))") && err.message.contains("Varchar(Some(255))"),
        "{err}"
    );
}

fn revision(id: &str, parents: &[&str], up: &[Op]) -> Revision {
    Revision::from_ops(id, parents, TransactionMode::PerMigration, up, None)
}

fn add(table: &str, column: &str, ty: ColumnType) -> Op {
    Op::AddColumn(AddColumn::new(table, Column::new(column, ty)))
}

#[test]
fn branches_that_change_one_table_in_different_places_merge() {
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[add("users", "nick", ColumnType::Text)]),
        revision("c1", &["a1"], &[add("users", "age", ColumnType::Integer)]),
        revision("m1", &["b1", "c1"], &[Op::DropColumn(DropColumn::new("users", "token"))]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let model = fold_graph(&graph, "postgres").unwrap();
    let names: Vec<&str> = model.heads["m1"].tables["users"].columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "email", "nick", "age"]);
    let (at_b1, _) = schema_at(&graph, "b1", "postgres").unwrap();
    assert!(at_b1.tables["users"].column("age").is_none());
}

#[test]
fn branches_that_define_a_column_differently_are_an_error_naming_both() {
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[add("users", "nick", ColumnType::Text)]),
        revision("c1", &["a1"], &[add("users", "nick", ColumnType::Integer)]),
        revision("m1", &["b1", "c1"], &[]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let err = fold_graph(&graph, "postgres").unwrap_err();
    assert!(matches!(err, ChainError::Merge { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("revision m1") && text.contains("b1") && text.contains("c1"), "{text}");
}

#[test]
fn a_chain_error_names_the_revision_that_removed_what_a_later_one_needs() {
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[Op::DropColumn(DropColumn::new("users", "token"))]),
        revision("c1", &["b1"], &[Op::CreateIndex(CreateIndex::new("ix_token").on("users", ["token"]))]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let text = fold_graph(&graph, "mysql").unwrap_err().to_string();
    assert!(
        text.starts_with(
            "revision c1 (mysql): create_index(\"ix_token\").on(\"users\"): table \"users\" has no column \"token\""
        ),
        "{text}"
    );
    assert!(text.ends_with("(removed in revision b1)"), "{text}");
}

#[test]
fn a_chain_error_names_the_last_removal_in_the_failing_revision_s_own_history() {
    let drop_token = || Op::DropColumn(DropColumn::new("users", "token"));
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[drop_token()]),
        revision("c1", &["b1"], &[add("users", "token", ColumnType::Uuid)]),
        revision("d1", &["c1"], &[drop_token()]),
        // Another branch removes it too, later in the fold's order than d1 maybe, but it is
        // no part of f1's history.
        revision("e1", &["a1"], &[add("users", "nick", ColumnType::Text)]),
        revision("e2", &["e1"], &[drop_token()]),
        revision("f1", &["d1"], &[Op::CreateIndex(CreateIndex::new("ix_token").on("users", ["token"]))]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let text = fold_graph(&graph, "postgres").unwrap_err().to_string();
    assert!(text.starts_with("revision f1 (postgres): create_index"), "{text}");
    assert!(text.ends_with("(removed in revision d1)"), "{text}");
}

#[test]
fn a_chain_error_on_an_object_that_exists_again_names_no_removal() {
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[Op::DropColumn(DropColumn::new("users", "token"))]),
        revision("c1", &["b1"], &[add("users", "token", ColumnType::Uuid)]),
        revision("d1", &["c1"], &[add("users", "token", ColumnType::Uuid)]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let text = fold_graph(&graph, "postgres").unwrap_err().to_string();
    assert!(text.contains("already has a column \"token\""), "{text}");
    assert!(!text.contains("removed in revision"), "{text}");
}

#[test]
fn the_schema_of_heads_one_of_which_includes_another_is_the_later_one_s() {
    let revs = [
        revision("a1", &[], &[users()]),
        revision("b1", &["a1"], &[add("users", "nick", ColumnType::Text)]),
        revision("c1", &["a1"], &[add("users", "age", ColumnType::Integer)]),
    ];
    let graph = RevisionGraph::build(&revs).unwrap();
    let (at_b1, _) = schema_at(&graph, "b1", "postgres").unwrap();
    let (both, _) = schema_of(&graph, &["a1", "b1"], "postgres").unwrap();
    assert!(!both.is_empty());
    assert_eq!(both, at_b1);
    let (reversed, _) = schema_of(&graph, &["b1", "a1", "b1"], "postgres").unwrap();
    assert_eq!(reversed, at_b1);
    let (all, _) = schema_of(&graph, &["a1", "b1", "c1"], "postgres").unwrap();
    let names: Vec<&str> = all.tables["users"].columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "email", "token", "nick", "age"]);
}

#[test]
fn union_without_changes_is_the_parents_schema() {
    let base = folded(&[users()], "postgres");
    let merged = union(&base, &[("b", &base), ("c", &base)]).unwrap();
    assert_eq!(merged, base);
}

#[test]
fn the_model_round_trips_through_json() {
    let schema = folded(&[users(), Op::CreateIndex(CreateIndex::new("ix").on("users", ["email"]))], "postgres");
    let json = serde_json::to_string(&schema).unwrap();
    let back: Schema = serde_json::from_str(&json).unwrap();
    assert_eq!(back, schema);
}

/// The checks the chain macro relies on beyond existence: key types, partition keys and
/// bounds, and the old state a drop restores.
mod exactness {
    use super::*;

    fn orders(user_id: ColumnType) -> Op {
        Op::CreateTable(CreateTable::new(
            "orders",
            [
                Column::new("id", ColumnType::BigInt).primary_key(),
                Column::new("user_id", user_id).not_null().references("users", "id"),
            ],
        ))
    }

    #[test]
    fn a_foreign_key_between_types_the_database_will_not_compare_is_an_error_except_on_sqlite() {
        for dialect in ["postgres", "mysql"] {
            let mut schema = folded(&[users()], dialect);
            let err = apply(&mut schema, &orders(ColumnType::Text), dialect).unwrap_err();
            assert!(err.message.contains("column \"user_id\" is text but the referenced column users.id is"), "{err}");
            assert!(!schema.tables.contains_key("orders"), "an error changes nothing");
            folded(&[users(), orders(ColumnType::BigInt)], dialect);
            // PostgreSQL and MySQL compare integers of different widths.
            folded(&[users(), orders(ColumnType::Integer)], dialect);
        }
        folded(&[users(), orders(ColumnType::Text)], "sqlite");
    }

    fn events(key: &[&str]) -> Op {
        Op::CreateTable(
            CreateTable::new(
                "events",
                [Column::new("id", ColumnType::BigInt), Column::new("day", ColumnType::Date).not_null()],
            )
            .primary_key(key.iter().copied())
            .partition_by(PartitionBy { strategy: PartitionStrategy::Range, columns: vec!["day".into()] }),
        )
    }

    fn month(name: &str, from: &str, to: &str) -> Op {
        let bound = PartitionBound::Range { from: vec![Value::Str(from.into())], to: vec![Value::Str(to.into())] };
        Op::CreatePartition(CreatePartition::new(name, "events", bound))
    }

    #[test]
    fn a_partitioned_table_whose_primary_key_lacks_the_partition_column_is_an_error_on_postgres() {
        let mut schema = Schema::default();
        let err = apply(&mut schema, &events(&["id"]), "postgres").unwrap_err();
        assert!(err.message.contains("partitioned by \"day\" but its key (id) lacks it"), "{err}");
        folded(&[events(&["id", "day"])], "postgres");
    }

    #[test]
    fn empty_and_overlapping_range_partitions_are_errors_and_adjacent_ones_are_not() {
        let mut schema = folded(&[events(&["id", "day"]), month("jan", "2026-01-01", "2026-02-01")], "postgres");
        let empty = apply(&mut schema.clone(), &month("bad", "2026-03-01", "2026-03-01"), "postgres").unwrap_err();
        assert!(empty.message.contains("is empty"), "{empty}");
        let overlap = apply(&mut schema.clone(), &month("feb", "2026-01-15", "2026-03-01"), "postgres").unwrap_err();
        assert!(overlap.message.contains("overlaps partition \"jan\""), "{overlap}");
        apply(&mut schema, &month("feb", "2026-02-01", "2026-03-01"), "postgres").expect("adjacent ranges fold");
    }

    #[test]
    fn a_drop_whose_definition_is_not_the_column_the_chain_built_is_an_error() {
        let mut schema = folded(&[users()], "postgres");
        let nullable =
            DropColumn::new("users", "email").definition(Column::new("email", ColumnType::Varchar(Some(255))));
        let err = apply(&mut schema, &Op::DropColumn(nullable), "postgres").unwrap_err();
        assert!(err.message.contains("makes the column nullable but it is NOT NULL"), "{err}");
        let other_type =
            DropColumn::new("users", "email").definition(Column::new("email", ColumnType::Text).not_null());
        let err = apply(&mut schema, &Op::DropColumn(other_type), "postgres").unwrap_err();
        assert!(err.message.contains("gives the column type text but it is"), "{err}");
        let exact = DropColumn::new("users", "email")
            .definition(Column::new("email", ColumnType::Varchar(Some(255))).not_null());
        apply(&mut schema, &Op::DropColumn(exact), "postgres").expect("the exact definition folds");
    }
}
