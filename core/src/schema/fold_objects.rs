//! Folding the ops on objects beside tables and columns: indexes, constraints, comments,
//! extensions, enum types, sequences, views, partitions; and the union at a merge.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use super::chunked::{ChunkMap, SortedMap};
use super::fold::{
    call, key_column, merge_unknown, q, value_sql, Call, FoldError, Folder, ObjectKey, Target, CHECK_NAME,
};
use super::model::{ConstraintKind, Index, Schema, Sequence, Table, View};
use crate::ops::{
    self as ops, AddEnumValue, ColumnType, CommentTarget, ConstraintKind as OpConstraint, CreateIndex, CreatePartition,
    CreateSequence, CreateView, DropConstraint, DropIndex, IndexTarget, NullsOrder, Op, PartitionBound, SortOrder,
};

pub(crate) fn fold(f: &mut Folder<'_>, op: &Op) -> Result<(), FoldError> {
    match op {
        Op::CreateIndex(o) => create_index(f, o),
        Op::DropIndex(o) => drop_index(f, o),
        Op::AddConstraint(o) => {
            let call = call!("add_constraint({}, {})", q(&o.table), q(&o.constraint.name));
            f.add_constraint(&call, &o.table, &o.constraint, o.not_valid)?;
            f.mysql_foreign_key_indexes(&o.table);
            Ok(())
        }
        Op::DropConstraint(o) => drop_constraint(f, o),
        Op::ValidateConstraint(o) => {
            let call = call!("validate_constraint({}, {})", q(&o.table), q(&o.name));
            match f.schema.table_mut(&o.table).and_then(|t| t.constraints.get_mut(&o.name)) {
                Some(c) => {
                    c.validated = true;
                    Ok(())
                }
                None => missing_constraint(f, &call, &o.table, &o.name),
            }
        }
        Op::SetComment(_) if f.target == Target::Sqlite => Ok(()),
        Op::SetComment(o) => match &o.target {
            CommentTarget::Table(table) => {
                let call = call!("set_comment({})", q(table));
                if let Some(t) = f.schema.table_mut(table) {
                    t.comment = o.comment.clone();
                } else if let Some(v) = f.schema.views.get_mut(table) {
                    v.comment = o.comment.clone();
                } else {
                    f.missing(
                        &call,
                        format!("there is no table {}", q(table)),
                        CHECK_NAME,
                        ObjectKey::Table(table.clone()),
                        table,
                    )?;
                }
                Ok(())
            }
            CommentTarget::Column(table, column) => {
                let call = call!("set_comment({}, {})", q(table), q(column));
                if f.need_columns(&call, table, &[column])? {
                    if let Some(c) = f.schema.table_mut(table).and_then(|t| t.column_mut(column)) {
                        c.comment = o.comment.clone();
                    }
                }
                Ok(())
            }
        },
        Op::CreateExtension(o) => {
            if f.target != Target::Postgres {
                return Ok(());
            }
            if f.schema.extensions.contains_key(&o.name) && !o.if_not_exists {
                return Err(FoldError::new(
                    format!("create_extension({}): the extension is already installed at this revision", q(&o.name)),
                    "write `.if_not_exists()`, or drop it first",
                    Some(ObjectKey::Extension(o.name.clone())),
                ));
            }
            f.schema.extensions.entry(o.name.clone()).or_insert_with(|| "public".into());
            Ok(())
        }
        Op::DropExtension(o) => {
            if f.target != Target::Postgres {
                return Ok(());
            }
            if f.schema.extensions.remove(&o.name).is_none() && !o.if_exists {
                let call = call!("drop_extension({})", q(&o.name));
                let what = format!("extension {} is not installed", q(&o.name));
                f.missing(&call, what, CHECK_NAME, ObjectKey::Extension(o.name.clone()), &o.name)?;
            }
            if o.cascade {
                // What the extension's objects were used by is beyond the model.
                f.schema.unknown.everything = true;
            }
            Ok(())
        }
        Op::CreateEnum(o) => {
            if f.target != Target::Postgres {
                return Ok(());
            }
            if f.schema.enums.contains_key(&o.name) && !f.schema.is_unknown(&o.name) {
                return Err(FoldError::new(
                    format!("create_enum({}): the type already exists at this revision", q(&o.name)),
                    "pick another name, or drop it first",
                    Some(ObjectKey::Enum(o.name.clone())),
                ));
            }
            f.schema.enums.insert(o.name.clone(), o.values.clone());
            Ok(())
        }
        Op::DropEnum(o) => {
            if f.target != Target::Postgres {
                return Ok(());
            }
            let call = call!("drop_enum({})", q(&o.name));
            let Some(labels) = f.schema.enums.remove(&o.name) else {
                if o.if_exists {
                    return Ok(());
                }
                let what = format!("there is no enum type {}", q(&o.name));
                return f.missing(&call, what, CHECK_NAME, ObjectKey::Enum(o.name.clone()), &o.name).map(drop);
            };
            if let Some(values) = o.values.as_ref().filter(|v| **v != labels) {
                f.schema.enums.insert(o.name.clone(), labels.clone());
                return Err(FoldError::new(
                    format!("{call}: `.values({values:?})` but the type has {labels:?} at this revision"),
                    "write the type's labels as they are, in order",
                    Some(ObjectKey::Enum(o.name.clone())),
                ));
            }
            Ok(())
        }
        Op::AddEnumValue(o) => add_enum_value(f, o),
        Op::CreateSequence(o) => create_sequence(f, o),
        Op::DropSequence(o) => {
            if f.target == Target::Sqlite {
                return Ok(());
            }
            if f.schema.sequences.remove(&o.name).is_none() && !o.if_exists {
                let call = call!("drop_sequence({})", q(&o.name));
                let what = format!("there is no sequence {}", q(&o.name));
                f.missing(&call, what, CHECK_NAME, ObjectKey::Sequence(o.name.clone()), &o.name)?;
            }
            Ok(())
        }
        Op::CreateView(o) => create_view(f, o),
        Op::DropView(o) => {
            let call = call!("drop_view({})", q(&o.name));
            if o.is_replace_back() {
                if let Some(def) = &o.definition {
                    if let Some(replaces) = &def.replaces {
                        if let Some(v) = f.schema.views.get_mut(&o.name) {
                            v.definition = replaces.clone();
                        }
                    }
                }
                return Ok(());
            }
            if f.schema.views.remove(&o.name).is_none() {
                if o.if_exists {
                    return Ok(());
                }
                let what = format!("there is no view {}", q(&o.name));
                return f.missing(&call, what, CHECK_NAME, ObjectKey::View(o.name.clone()), &o.name).map(drop);
            }
            f.schema.indexes.retain(|(t, _), _| *t != o.name);
            Ok(())
        }
        Op::RenameView(o) => {
            let call = call!("rename_view({}, {})", q(&o.from), q(&o.to));
            let Some(view) = f.schema.views.remove(&o.from) else {
                let what = format!("there is no view {}", q(&o.from));
                return f.missing(&call, what, CHECK_NAME, ObjectKey::View(o.from.clone()), &o.from).map(drop);
            };
            f.schema.views.insert(o.to.clone(), view);
            let moved: Vec<_> = f.schema.indexes.keys().filter(|(t, _)| *t == o.from).cloned().collect();
            for key in moved {
                if let Some(ix) = f.schema.indexes.remove(&key) {
                    f.schema.indexes.insert((o.to.clone(), key.1), ix);
                }
            }
            Ok(())
        }
        Op::RefreshMaterializedView(o) => {
            if f.target != Target::Postgres || f.schema.views.get(&o.name).is_some_and(|v| v.materialized) {
                return Ok(());
            }
            let call = call!("refresh_materialized_view({})", q(&o.name));
            let what = format!("there is no materialized view {}", q(&o.name));
            f.missing(&call, what, CHECK_NAME, ObjectKey::View(o.name.clone()), &o.name).map(drop)
        }
        Op::CreatePartition(o) => create_partition(f, o),
        Op::AttachPartition(o) => {
            let call = call!("attach_partition({}, {})", q(&o.parent), q(&o.name));
            if f.target != Target::Postgres {
                return Ok(());
            }
            if !f.schema.tables.contains_key(&o.parent) {
                let what = format!("there is no table {}", q(&o.parent));
                return f.missing(&call, what, CHECK_NAME, ObjectKey::Table(o.parent.clone()), &o.parent).map(drop);
            }
            partitioned(f, &call, &o.parent)?;
            if !f.schema.tables.contains_key(&o.name) {
                let what = format!("there is no table {}", q(&o.name));
                f.missing(&call, what, CHECK_NAME, ObjectKey::Table(o.name.clone()), &o.name)?;
            }
            let bound = bound_sql(&o.bound);
            if let Some(t) = f.schema.table_mut(&o.parent) {
                t.partitions.insert(o.name.clone(), bound);
            }
            Ok(())
        }
        Op::DetachPartition(o) => {
            if f.target != Target::Postgres {
                return Ok(());
            }
            let call = call!("detach_partition({}, {})", q(&o.parent), q(&o.name));
            let removed = f.schema.table_mut(&o.parent).and_then(|t| t.partitions.remove(&o.name));
            if removed.is_none() {
                let what = format!("table {} has no partition {}", q(&o.parent), q(&o.name));
                return f.missing(&call, what, CHECK_NAME, ObjectKey::Table(o.name.clone()), &o.parent).map(drop);
            }
            if o.drop {
                if let Some(table) = f.schema.tables.remove(&o.name) {
                    f.forget_table(&o.name, &table);
                }
            } else if o.concurrently {
                // PostgreSQL adds a check constraint spelling the bound, in its own words: the
                // detached table is not compared.
                f.schema.unknown.objects.insert(o.name.clone());
            }
            Ok(())
        }
        // Table and column ops, raw SQL and data are folded by `fold.rs`.
        _ => Ok(()),
    }
}

fn missing_constraint(f: &mut Folder<'_>, call: &dyn fmt::Display, table: &str, name: &str) -> Result<(), FoldError> {
    if !f.schema.tables.contains_key(table) {
        let what = format!("there is no table {}", q(table));
        return f.missing(call, what, CHECK_NAME, ObjectKey::Table(table.into()), table).map(drop);
    }
    let what = format!("table {} has no constraint {}", q(table), q(name));
    f.missing(call, what, CHECK_NAME, ObjectKey::Constraint(table.into(), name.into()), table).map(drop)
}

/// An index key as the catalog spells it: `email`, `lower(email)`, `title gin_trgm_ops DESC`.
fn key_sql(c: &crate::ops::IndexColumn, target: Target) -> String {
    let mut key = match &c.target {
        IndexTarget::Column(name) => name.clone(),
        IndexTarget::Expr(sql) => sql.clone(),
    };
    if let Some(opclass) = c.opclass.as_ref().filter(|_| target == Target::Postgres) {
        key.push_str(&format!(" {opclass}"));
    }
    if c.order == Some(SortOrder::Desc) {
        key.push_str(" DESC");
    }
    if target == Target::Postgres {
        // PostgreSQL prints NULLS only where it differs from the order's default.
        match (c.nulls, c.order == Some(SortOrder::Desc)) {
            (Some(NullsOrder::First), false) => key.push_str(" NULLS FIRST"),
            (Some(NullsOrder::Last), true) => key.push_str(" NULLS LAST"),
            _ => {}
        }
    }
    key
}

fn index_exists(f: &Folder<'_>, table: &str, name: &str) -> bool {
    // PostgreSQL's and SQLite's index names are per schema, MySQL's per table. Only the
    // table's own indexes and constraints, and relations of that name, are looked up: a scan
    // of every index per `create_index` would make folding a long chain quadratic, and a name
    // taken on another table is still refused by the database (a missed error, never a false
    // one).
    f.schema.indexes.contains_key(&(table.to_string(), name.to_string()))
        || (f.target != Target::Mysql
            && (f.schema.tables.contains_key(name)
                || f.schema.views.contains_key(name)
                || f.schema
                    .tables
                    .get(table)
                    .is_some_and(|t| t.constraints.get(name).is_some_and(|c| c.kind != ConstraintKind::Check))))
}

fn create_index(f: &mut Folder<'_>, o: &CreateIndex) -> Result<(), FoldError> {
    let call = call!("create_index({}).on({})", q(&o.name), q(&o.table));
    if index_exists(f, &o.table, &o.name) {
        if o.if_not_exists {
            return Ok(());
        }
        if !f.schema.is_unknown(&o.name) && !f.schema.is_unknown(&o.table) {
            return Err(FoldError::new(
                format!("{call}: an index named {} already exists at this revision", q(&o.name)),
                "pick another name, or write `.if_not_exists()`",
                Some(ObjectKey::Index(o.table.clone(), o.name.clone())),
            ));
        }
    }
    if o.columns.is_empty() {
        return Err(FoldError::new(format!("{call}: the index has no key"), "list its columns or expressions", None));
    }
    if f.schema.views.get(&o.table).is_some_and(|v| v.materialized) {
        // A materialized view's columns are its query's: not modeled.
    } else {
        let columns: Vec<&str> = o
            .columns
            .iter()
            .filter_map(|c| match &c.target {
                IndexTarget::Column(name) => Some(name.as_str()),
                IndexTarget::Expr(_) => None,
            })
            .chain(o.include.iter().map(String::as_str))
            .collect();
        if !f.need_columns(&call, &o.table, &columns)? {
            return Ok(());
        }
    }
    let target = f.target;
    let index = Index {
        columns: o.columns.iter().map(|c| key_sql(c, target)).collect(),
        include: if target == Target::Postgres { o.include.clone() } else { Vec::new() },
        unique: o.unique,
        nulls_not_distinct: o.nulls_not_distinct && target == Target::Postgres,
        method: o
            .method
            .filter(|m| target == Target::Postgres && *m != crate::ops::IndexMethod::Btree)
            .map(|m| m.as_sql().to_string()),
        predicate: o.predicate.clone().filter(|_| target != Target::Mysql),
        valid: true,
    };
    if target == Target::Mysql {
        // MySQL drops the index it made for a foreign key once another index serves the key.
        let foreign_keys: Vec<(String, Vec<String>)> = f
            .schema
            .tables
            .get(&o.table)
            .map(|t| {
                t.constraints
                    .iter()
                    .filter(|(_, c)| c.kind == ConstraintKind::ForeignKey)
                    .map(|(n, c)| (n.clone(), c.columns.clone()))
                    .collect()
            })
            .unwrap_or_default();
        for (name, columns) in foreign_keys {
            let serves = index.columns.len() >= columns.len()
                && index.columns.iter().zip(&columns).all(|(k, c)| key_column(k) == c);
            if serves {
                f.schema.indexes.remove(&(o.table.clone(), name));
            }
        }
    }
    f.schema.indexes.insert((o.table.clone(), o.name.clone()), index);
    Ok(())
}

fn drop_index(f: &mut Folder<'_>, o: &DropIndex) -> Result<(), FoldError> {
    let call = call!("drop_index({})", q(&o.name));
    let key = match &o.table {
        Some(table) if f.target == Target::Mysql => Some((table.clone(), o.name.clone())),
        _ => f.schema.indexes.keys().find(|(_, n)| *n == o.name).cloned(),
    };
    if let Some(index) = key.and_then(|k| f.schema.indexes.remove(&k)) {
        let _ = index;
        let table = o.table.clone().unwrap_or_default();
        f.mysql_foreign_key_indexes(&table);
        return Ok(());
    }
    if o.if_exists {
        return Ok(());
    }
    let table = o.table.clone().unwrap_or_default();
    let what = format!("there is no index {}", q(&o.name));
    if f.schema.is_unknown(&table) {
        f.warn(format!("{call}: {what} as far as the chain's ops tell; raw SQL may have made it"));
        return Ok(());
    }
    f.missing(&call, what, CHECK_NAME, ObjectKey::Index(table, o.name.clone()), &o.name).map(drop)
}

fn drop_constraint(f: &mut Folder<'_>, o: &DropConstraint) -> Result<(), FoldError> {
    let call = call!("drop_constraint({}, {})", q(&o.table), q(&o.name));
    let removed = f.schema.table_mut(&o.table).and_then(|t| {
        let removed = t.constraints.remove(&o.name);
        if removed.is_none() && o.constraint_type == crate::ops::ConstraintType::PrimaryKey {
            // MySQL and SQLite name no primary key: whatever it is called, it goes.
            let name = t.primary_key().map(|(n, _)| n.clone());
            return name.and_then(|n| t.constraints.remove(&n));
        }
        removed
    });
    if removed.as_ref().is_some_and(|c| c.kind == ConstraintKind::ForeignKey) && f.target == Target::Mysql {
        // retort drops the index MySQL made for the key with it.
        f.schema.indexes.remove(&(o.table.clone(), o.name.clone()));
    }
    if removed.is_some() {
        // A key made from an existing index gives the index back when dropped (PostgreSQL).
        let using = o.definition.as_ref().and_then(|d| match &d.kind {
            OpConstraint::PrimaryKey { columns, using_index: Some(ix) }
            | OpConstraint::Unique { columns, using_index: Some(ix), .. } => Some((ix.clone(), columns.clone())),
            _ => None,
        });
        if let Some((index, columns)) = using.filter(|_| f.target == Target::Postgres) {
            let index_def = Index { columns, unique: true, valid: true, ..Index::default() };
            f.schema.indexes.insert((o.table.clone(), index), index_def);
        }
        return Ok(());
    }
    if f.target == Target::Mysql && f.schema.indexes.remove(&(o.table.clone(), o.name.clone())).is_some() {
        return Ok(());
    }
    if o.if_exists {
        return Ok(());
    }
    missing_constraint(f, &call, &o.table, &o.name)
}

fn add_enum_value(f: &mut Folder<'_>, o: &AddEnumValue) -> Result<(), FoldError> {
    if f.target != Target::Postgres {
        return Ok(());
    }
    let call = call!("add_enum_value({}, {})", q(&o.name), q(&o.value));
    let Some(labels) = f.schema.enums.get_mut(&o.name) else {
        let what = format!("there is no enum type {}", q(&o.name));
        return f.missing(&call, what, CHECK_NAME, ObjectKey::Enum(o.name.clone()), &o.name).map(drop);
    };
    if labels.contains(&o.value) {
        if o.if_not_exists {
            return Ok(());
        }
        return Err(FoldError::new(
            format!("{call}: the type already has the label {}", q(&o.value)),
            "write `.if_not_exists()`, or drop the op",
            Some(ObjectKey::Enum(o.name.clone())),
        ));
    }
    let anchor = o.before.as_ref().map(|b| (b, 0)).or(o.after.as_ref().map(|a| (a, 1)));
    match anchor {
        Some((label, offset)) => match labels.iter().position(|l| l == label) {
            Some(at) => labels.insert(at + offset, o.value.clone()),
            None => {
                return Err(FoldError::new(
                    format!("{call}: the type has no label {} to place the new one by", q(label)),
                    format!("the labels are {labels:?}"),
                    Some(ObjectKey::Enum(o.name.clone())),
                ))
            }
        },
        None => labels.push(o.value.clone()),
    }
    Ok(())
}

/// A PostgreSQL sequence's properties as its catalog reports them.
pub(crate) fn sequence_properties(
    ty: &str,
    start: Option<i64>,
    increment: Option<i64>,
    min: Option<i64>,
    max: Option<i64>,
    cache: Option<i64>,
    cycle: bool,
) -> Sequence {
    let increment = increment.unwrap_or(1);
    let type_max: i64 = match ty {
        "smallint" => i16::MAX.into(),
        "integer" => i32::MAX.into(),
        _ => i64::MAX,
    };
    let type_min: i64 = match ty {
        "smallint" => i16::MIN.into(),
        "integer" => i32::MIN.into(),
        _ => i64::MIN,
    };
    let (min, max) = if increment > 0 {
        (min.unwrap_or(1), max.unwrap_or(type_max))
    } else {
        (min.unwrap_or(type_min), max.unwrap_or(-1))
    };
    let start = start.unwrap_or(if increment > 0 { min } else { max });
    let properties = [
        ("type", ty.to_string()),
        ("start", start.to_string()),
        ("increment", increment.to_string()),
        ("min", min.to_string()),
        ("max", max.to_string()),
        ("cycle", cycle.to_string()),
        ("cache", cache.unwrap_or(1).to_string()),
    ];
    Sequence { properties: properties.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

/// The properties of an identity's sequence on a column of type `ty` (PostgreSQL), as its catalog
/// reports them.
pub(crate) fn identity_sequence(ty: &ColumnType, options: &ops::SequenceOptions) -> Sequence {
    let o = options;
    sequence_properties(integer_type_name(ty), o.start, o.increment, o.min, o.max, o.cache, o.cycle.unwrap_or(false))
}

/// How PostgreSQL's catalog names an integer type (an identity's sequence takes its column's).
fn integer_type_name(ty: &ColumnType) -> &'static str {
    match ty {
        ColumnType::SmallInt => "smallint",
        ColumnType::Integer => "integer",
        _ => "bigint",
    }
}

/// A sequence's properties after `ALTER SEQUENCE .. SET ..` of `options` (the ones given).
pub(crate) fn alter_sequence(sequence: &mut Sequence, options: &ops::SequenceOptions) {
    let mut set = |key: &str, v: Option<i64>| {
        if let Some(v) = v {
            sequence.properties.insert(key.to_string(), v.to_string());
        }
    };
    set("start", options.start);
    set("increment", options.increment);
    set("min", options.min);
    set("max", options.max);
    set("cache", options.cache);
    if let Some(cycle) = options.cycle {
        sequence.properties.insert("cycle".into(), cycle.to_string());
    }
}

/// A sequence's properties after its column's type changed from `from` to `to`.
pub(crate) fn retype_sequence(sequence: &mut Sequence, from: &ColumnType, to: &ColumnType) {
    let bounds = |ty: &ColumnType| {
        let d = identity_sequence(ty, &ops::SequenceOptions::default());
        (
            d.properties.get("max").cloned(),
            sequence_properties(integer_type_name(ty), None, Some(-1), None, None, None, false)
                .properties
                .get("min")
                .cloned(),
        )
    };
    let (old_max, old_min) = bounds(from);
    let (new_max, new_min) = bounds(to);
    for (key, old, new) in [("max", old_max, new_max), ("min", old_min, new_min)] {
        if sequence.properties.get(key) == old.as_ref() {
            if let Some(new) = new {
                sequence.properties.insert(key.to_string(), new);
            }
        }
    }
    sequence.properties.insert("type".into(), integer_type_name(to).to_string());
}

fn create_sequence(f: &mut Folder<'_>, o: &CreateSequence) -> Result<(), FoldError> {
    if f.target == Target::Sqlite {
        return Ok(());
    }
    if f.schema.sequences.contains_key(&o.name) && !f.schema.is_unknown(&o.name) {
        return Err(FoldError::new(
            format!("create_sequence({}): the sequence already exists at this revision", q(&o.name)),
            "pick another name, or drop it first",
            Some(ObjectKey::Sequence(o.name.clone())),
        ));
    }
    let sequence = match f.target {
        Target::Postgres => sequence_properties("bigint", o.start, o.increment, o.min, o.max, o.cache, o.cycle),
        // MariaDB's sequences are tables to its catalog; their properties are not read.
        _ => Sequence::default(),
    };
    f.schema.sequences.insert(o.name.clone(), sequence);
    Ok(())
}

fn create_view(f: &mut Folder<'_>, o: &CreateView) -> Result<(), FoldError> {
    let call = call!("create_view({})", q(&o.name));
    if f.schema.tables.contains_key(&o.name) && !f.schema.is_unknown(&o.name) {
        return Err(FoldError::new(
            format!("{call}: a table named {} exists at this revision", q(&o.name)),
            "pick another name",
            Some(ObjectKey::Table(o.name.clone())),
        ));
    }
    if f.schema.views.contains_key(&o.name) && !o.or_replace && !f.schema.is_unknown(&o.name) {
        return Err(FoldError::new(
            format!("{call}: the view already exists at this revision"),
            "write `.or_replace()` (with `.replaces(..)` for its downgrade), or drop it first",
            Some(ObjectKey::View(o.name.clone())),
        ));
    }
    if o.materialized && f.target != Target::Postgres {
        return Ok(());
    }
    let comment = f.schema.views.get(&o.name).and_then(|v| v.comment.clone());
    f.schema.views.insert(o.name.clone(), View { materialized: o.materialized, definition: o.query.clone(), comment });
    Ok(())
}

fn partitioned<'a>(f: &'a Folder<'_>, call: &dyn fmt::Display, parent: &str) -> Result<&'a Table, FoldError> {
    match f.schema.tables.get(parent) {
        Some(t) if t.partition_key.is_some() => Ok(t),
        Some(_) => Err(FoldError::new(
            format!("{call}: table {} is not partitioned", q(parent)),
            "create it with `.partition_by(..)`",
            Some(ObjectKey::Table(parent.into())),
        )),
        None => Err(FoldError::new(
            format!("{call}: there is no table {} at this revision", q(parent)),
            CHECK_NAME,
            Some(ObjectKey::Table(parent.into())),
        )),
    }
}

/// A partition bound as PostgreSQL prints it.
pub(crate) fn bound_sql(bound: &PartitionBound) -> String {
    let values =
        |vs: &[crate::ops::Value]| vs.iter().map(|v| value_sql(v, Target::Postgres)).collect::<Vec<_>>().join(", ");
    match bound {
        PartitionBound::Range { from, to } => format!("FOR VALUES FROM ({}) TO ({})", values(from), values(to)),
        PartitionBound::List(vs) => format!("FOR VALUES IN ({})", values(vs)),
        PartitionBound::Hash { modulus, remainder } => {
            format!("FOR VALUES WITH (modulus {modulus}, remainder {remainder})")
        }
        PartitionBound::Default => "DEFAULT".into(),
    }
}

/// Why a new partition's bound (as [`bound_sql`] prints it) cannot sit beside its siblings':
/// an empty range, a range or list value that a sibling covers, a second default or hash
/// remainder. Bounds whose values the model cannot order (anything but numbers, ISO dates and
/// MINVALUE/MAXVALUE) are not compared, which is never an error.
fn bound_problem<'a>(bound: &str, siblings: impl Iterator<Item = (&'a String, &'a String)>) -> Option<String> {
    let mine = Bound::parse(bound)?;
    if let Bound::Range(from, to) = &mine {
        if from >= to {
            return Some(format!("the range {bound} is empty (its lower bound is not below its upper bound)"));
        }
    }
    for (name, other) in siblings {
        let Some(theirs) = Bound::parse(other) else { continue };
        let overlap = match (&mine, &theirs) {
            (Bound::Range(a, b), Bound::Range(c, d)) => a < d && c < b,
            (Bound::List(a), Bound::List(b)) => a.iter().any(|v| b.contains(v)),
            (Bound::Default, Bound::Default) => true,
            (Bound::Hash(m1, r1), Bound::Hash(m2, r2)) => m1 == m2 && r1 == r2,
            _ => false,
        };
        if overlap {
            return Some(format!("its bound {bound} overlaps partition {} ({other})", q(name)));
        }
    }
    None
}

/// A value of a range bound, ordered as PostgreSQL orders it.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    Min,
    Number(f64),
    Date(String),
    Max,
}

/// A partition bound, read back from its SQL.
#[derive(Debug, PartialEq)]
enum Bound {
    Range(Vec<Key>, Vec<Key>),
    List(Vec<String>),
    Hash(String, String),
    Default,
}

impl Bound {
    fn parse(sql: &str) -> Option<Bound> {
        if sql == "DEFAULT" {
            return Some(Bound::Default);
        }
        let rest = sql.strip_prefix("FOR VALUES ")?;
        if let Some(range) = rest.strip_prefix("FROM (") {
            let (from, to) = range.split_once(") TO (")?;
            let keys = |list: &str| list.split(", ").map(Key::parse).collect::<Option<Vec<Key>>>();
            return Some(Bound::Range(keys(from)?, keys(to.strip_suffix(')')?)?));
        }
        if let Some(list) = rest.strip_prefix("IN (") {
            // Values are compared as written: commas inside quotes make the split unsafe.
            let list = list.strip_suffix(')')?;
            if list.contains('\'') && list.matches('\'').count() != 2 * list.split(", ").count() {
                return None;
            }
            return Some(Bound::List(list.split(", ").map(str::to_string).collect()));
        }
        let hash = rest.strip_prefix("WITH (modulus ")?.strip_suffix(')')?;
        let (modulus, remainder) = hash.split_once(", remainder ")?;
        Some(Bound::Hash(modulus.to_string(), remainder.to_string()))
    }
}

impl Key {
    fn parse(value: &str) -> Option<Key> {
        match value {
            "MINVALUE" => return Some(Key::Min),
            "MAXVALUE" => return Some(Key::Max),
            _ => {}
        }
        if let Ok(n) = value.parse::<f64>() {
            return Some(Key::Number(n));
        }
        let text = value.strip_prefix('\'')?.strip_suffix('\'')?;
        let b = text.as_bytes();
        let iso = b.len() >= 10
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[7] == b'-'
            && b[8..10].iter().all(u8::is_ascii_digit);
        iso.then(|| Key::Date(text.to_string()))
    }
}

fn create_partition(f: &mut Folder<'_>, o: &CreatePartition) -> Result<(), FoldError> {
    if f.target != Target::Postgres {
        return Ok(());
    }
    let call = call!("create_partition({}, {})", q(&o.name), q(&o.parent));
    if f.schema.tables.contains_key(&o.name) && !f.schema.is_unknown(&o.name) {
        return Err(FoldError::new(
            format!("{call}: table {} already exists at this revision", q(&o.name)),
            "pick another name",
            Some(ObjectKey::Table(o.name.clone())),
        ));
    }
    let parent = match f.schema.tables.get(&o.parent) {
        Some(_) => (*partitioned(f, &call, &o.parent)?).clone(),
        None => {
            let what = format!("there is no table {}", q(&o.parent));
            return f.missing(&call, what, CHECK_NAME, ObjectKey::Table(o.parent.clone()), &o.parent).map(drop);
        }
    };
    // A partition has its parent's columns; its keys and checks are the parent's, its primary
    // key and unique constraints renamed after it, its foreign keys cloned under their names.
    let mut table = Table { columns: parent.columns.clone(), ..Table::default() };
    for (name, c) in &parent.constraints {
        let name = match c.kind {
            ConstraintKind::PrimaryKey => format!("{}_pkey", o.name),
            ConstraintKind::Unique => format!("{}_{}_key", o.name, c.columns.join("_")),
            _ => name.clone(),
        };
        table.constraints.insert(name, c.clone());
    }
    for c in &mut table.columns {
        // Serial defaults keep reading the parent's sequence.
        let _ = c;
    }
    let bound = bound_sql(&o.bound);
    if let Some(problem) = bound_problem(&bound, parent.partitions.iter()) {
        return Err(FoldError::new(
            format!("{call}: {problem}; PostgreSQL refuses it"),
            "give the partition a bound no sibling covers, with its lower bound below its upper bound",
            Some(ObjectKey::Table(o.parent.clone())),
        ));
    }
    let indexes: Vec<(String, Index)> = f
        .schema
        .indexes
        .iter()
        .filter(|((t, _), _)| *t == o.parent)
        .map(|((_, _), ix)| (partition_index_name(&o.name, ix), ix.clone()))
        .collect();
    for (name, ix) in indexes {
        f.schema.indexes.insert((o.name.clone(), name), ix);
    }
    f.schema.tables.insert(o.name.clone(), table.into());
    if let Some(t) = f.schema.table_mut(&o.parent) {
        t.partitions.insert(o.name.clone(), bound);
    }
    Ok(())
}

/// The name PostgreSQL gives a partition's copy of its parent's index: `{table}_{columns}_idx`,
/// `{table}_expr_idx` for expressions (cut to 63 bytes).
fn partition_index_name(table: &str, ix: &Index) -> String {
    let columns: Vec<&str> = ix
        .columns
        .iter()
        .map(|k| {
            let c = key_column(k);
            if c.contains('(') {
                "expr"
            } else {
                c
            }
        })
        .collect();
    let suffix = if ix.unique { "key" } else { "idx" };
    let mut name = format!("{table}_{}_{suffix}", columns.join("_"));
    name.truncate(63);
    name
}

/// The schema at a merge: a three-way union of the parents' schemas against `base`, the schema
/// at their last common ancestor. An object (or a table's column, constraint or partition) that
/// only some parents changed takes their version; two parents that changed it differently are
/// an error naming both.
pub(crate) fn union(base: &Schema, parents: &[(&str, &Schema)]) -> Result<Schema, FoldError> {
    let Some((_, first)) = parents.first() else { return Ok(base.clone()) };
    if parents.iter().all(|(_, s)| s == first) {
        return Ok((*first).clone());
    }
    let mut out = Schema { namespaces: base.namespaces.clone(), unknown: base.unknown.clone(), ..Schema::default() };
    // A fold never forgets a name it has seen, so the first parent's include the base's: the
    // union starts from them and looks only at what the other parents saw.
    out.unknown.seen = first.unknown.seen.clone();
    for (_, s) in parents {
        merge_unknown(&mut out.unknown, &s.unknown);
        out.namespaces.extend(s.namespaces.iter().cloned());
    }
    let pick =
        |f: fn(&Schema) -> &ChunkMap<String, Arc<Table>>| parents.iter().map(|(id, s)| (*id, f(s))).collect::<Vec<_>>();
    out.tables = merge3(&base.tables, &pick(|s| &s.tables), "table", Some(merge_table), ObjectKey::Table)?;
    macro_rules! plain {
        ($field:ident, $what:literal, $key:expr) => {{
            let sides: Vec<_> = parents.iter().map(|(id, s)| (*id, &s.$field)).collect();
            out.$field = merge3(&base.$field, &sides, $what, None, $key)?;
        }};
    }
    plain!(views, "view", ObjectKey::View);
    plain!(sequences, "sequence", ObjectKey::Sequence);
    plain!(enums, "enum type", ObjectKey::Enum);
    plain!(extensions, "extension", ObjectKey::Extension);
    plain!(routines, "routine", ObjectKey::View);
    let index_key = |(t, n): (String, String)| ObjectKey::Index(t, n);
    plain!(indexes, "index", index_key);
    let trigger_key = |(t, _): (String, String)| ObjectKey::Table(t);
    plain!(triggers, "trigger", trigger_key);
    Ok(out)
}

type Deeper<V> = fn(Option<&V>, &[(&str, Option<&V>)]) -> Result<Option<V>, FoldError>;

/// A three-way merge of one map: per key, the base's value unless some side changed it; sides
/// that changed it must agree, or `deeper` merges them (tables), or it is a conflict.
fn merge3<K: Ord + Clone + std::fmt::Debug, V: Clone + PartialEq, M: SortedMap<K, V>>(
    base: &M,
    sides: &[(&str, &M)],
    what: &str,
    deeper: Option<Deeper<V>>,
    key: fn(K) -> ObjectKey,
) -> Result<M, FoldError> {
    // Start from the first side (a cheap copy: values are shared or small) and change only
    // the keys where the merge differs from it. Those are keys another side changed: one that
    // no side changed keeps the base's value, which the first side has, and one only the
    // first side changed keeps its value.
    let Some((_, first)) = sides.first() else { return Ok(base.clone()) };
    let mut keys: Vec<&K> = Vec::new();
    for (_, side) in &sides[1..] {
        keys.extend(side.differing(base));
    }
    keys.sort();
    keys.dedup();
    let mut out = (*first).clone();
    for k in keys {
        let before = base.value(k);
        let changed: Vec<(&str, Option<&V>)> =
            sides.iter().map(|(id, s)| (*id, s.value(k))).filter(|(_, v)| *v != before).collect();
        let value: Option<V> = match changed.as_slice() {
            [] => {
                if first.value(k) == before {
                    continue;
                }
                before.cloned()
            }
            [(_, v), rest @ ..] if rest.iter().all(|(_, w)| w == v) => {
                if first.value(k) == *v {
                    continue;
                }
                v.cloned()
            }
            [(a, _), (b, _), ..] => match deeper {
                Some(deeper) => deeper(before, &changed)?,
                None => {
                    return Err(FoldError::new(
                        format!("merging revisions {a} and {b}: they define {what} {:?} differently", k),
                        format!("make the branches agree on the {what}: change it on one branch only"),
                        Some(key(k.clone())),
                    ))
                }
            },
            [_] => continue,
        };
        match value {
            Some(v) => out.put(k.clone(), v),
            None => out.delete(k),
        }
    }
    Ok(out)
}

/// Two branches changed one table: merged by column, constraint and partition.
fn merge_table(
    base: Option<&Arc<Table>>,
    sides: &[(&str, Option<&Arc<Table>>)],
) -> Result<Option<Arc<Table>>, FoldError> {
    let conflict = |a: &str, b: &str, part: &str| {
        FoldError::new(
            format!("merging revisions {a} and {b}: they change {part} differently"),
            "make the branches agree: change it on one branch only",
            None,
        )
    };
    let present: Vec<(&str, &Table)> = sides.iter().filter_map(|(id, t)| t.map(|t| (*id, &**t))).collect();
    if present.len() != sides.len() {
        let (a, b) = (sides[0].0, sides[1].0);
        return Err(conflict(a, b, "a table (one drops it, another alters it)"));
    }
    let empty = Table::default();
    let base = base.map_or(&empty, |b| &**b);
    let by_name = |t: &Table| t.columns.iter().map(|c| (c.name.clone(), c.clone())).collect::<BTreeMap<_, _>>();
    let base_columns = by_name(base);
    let side_columns: Vec<(&str, BTreeMap<String, super::model::Column>)> =
        present.iter().map(|(id, t)| (*id, by_name(t))).collect();
    let refs: Vec<(&str, &BTreeMap<String, super::model::Column>)> =
        side_columns.iter().map(|(id, m)| (*id, m)).collect();
    let columns = merge3(&base_columns, &refs, "column", None, ObjectKey::Table)?;
    let constraints: Vec<_> = present.iter().map(|(id, t)| (*id, &t.constraints)).collect();
    let constraints = merge3(&base.constraints, &constraints, "constraint", None, ObjectKey::Table)?;
    let partitions: Vec<_> = present.iter().map(|(id, t)| (*id, &t.partitions)).collect();
    let partitions = merge3(&base.partitions, &partitions, "partition", None, ObjectKey::Table)?;
    let scalar = |f: fn(&Table) -> &Option<String>, part: &str| -> Result<Option<String>, FoldError> {
        let changed: Vec<(&str, &Option<String>)> =
            present.iter().map(|(id, t)| (*id, f(t))).filter(|(_, v)| *v != f(base)).collect();
        match changed.as_slice() {
            [] => Ok(f(base).clone()),
            [(_, v), rest @ ..] if rest.iter().all(|(_, w)| w == v) => Ok((*v).clone()),
            [(a, _), (b, _), ..] => Err(conflict(a, b, part)),
            [_] => Ok(None),
        }
    };
    // Columns keep the order of the first side, then the others' additions.
    let mut order: Vec<String> = Vec::new();
    for (_, t) in &present {
        for c in &t.columns {
            if !order.contains(&c.name) {
                order.push(c.name.clone());
            }
        }
    }
    let mut table = Table {
        comment: scalar(|t| &t.comment, "a table's comment")?,
        partition_key: scalar(|t| &t.partition_key, "a table's partitioning")?,
        constraints,
        partitions,
        ..Table::default()
    };
    table.columns = order.into_iter().filter_map(|n| columns.get(&n).cloned()).collect();
    Ok(Some(Arc::new(table)))
}
