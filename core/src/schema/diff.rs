//! Comparing two schema snapshots: the chain's (folded from its ops) and the database's, or any two.
//!
//! The result is a sorted list of typed differences, one per object or property, each printable
//! as one line that names the object and both values. A missing or unexpected table (or view)
//! is one difference: its columns, constraints, indexes and triggers are not listed again.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::chunked::SortedMap;
use super::model::{type_sql, Column, Constraint, ConstraintKind, Index, Schema, Table, View};
use super::normalize;

/// One difference between the chain's schema and the database's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Drift {
    /// The object (and part of it) that differs.
    pub object: ObjectRef,
    /// How it differs.
    pub change: Change,
}

/// How an object differs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The chain creates it; the database does not have it.
    Missing,
    /// The database has it; the chain does not create it.
    Unexpected,
    /// Both have it, with different values of one property.
    Changed {
        /// The property: `type`, `nullability`, `default`, `definition`, `columns`, ...
        what: String,
        /// Its value in the chain's schema.
        chain: String,
        /// Its value in the database.
        database: String,
    },
}

impl Change {
    /// `missing`, `unexpected` or `changed`.
    pub fn name(&self) -> &'static str {
        match self {
            Change::Missing => "missing",
            Change::Unexpected => "unexpected",
            Change::Changed { .. } => "changed",
        }
    }
}

/// An object of the schema, or a part of one (a table's column, a view's index).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectRef {
    /// The object's name (qualified outside the default schema).
    pub name: String,
    /// What the object is.
    pub kind: ObjectKind,
    /// The part of it that differs; `None` for the object itself.
    pub member: Option<Member>,
}

/// A part of an object: a column, constraint, index, trigger or partition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Member {
    /// What the part is.
    pub kind: MemberKind,
    /// Its name; see the model's `Schema` for the names made up from definitions.
    pub name: String,
}

/// What a schema object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    /// A table (partitioned or a partition included).
    Table,
    /// A view.
    View,
    /// A materialized view.
    MaterializedView,
    /// A sequence.
    Sequence,
    /// An enum type.
    Enum,
    /// An extension.
    Extension,
    /// A function or procedure.
    Routine,
}

impl ObjectKind {
    /// How messages and JSON name it: `table`, `materialized view`, `enum type`, ...
    pub fn name(self) -> &'static str {
        match self {
            ObjectKind::Table => "table",
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized view",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Enum => "enum type",
            ObjectKind::Extension => "extension",
            ObjectKind::Routine => "routine",
        }
    }
}

/// What a part of an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberKind {
    /// A column.
    Column,
    /// A table constraint.
    Constraint(ConstraintKind),
    /// An index.
    Index,
    /// A trigger.
    Trigger,
    /// A partition of a partitioned table.
    Partition,
}

impl MemberKind {
    /// How messages and JSON name it: `column`, `foreign key`, `index`, ...
    pub fn name(self) -> &'static str {
        match self {
            MemberKind::Column => "column",
            MemberKind::Constraint(kind) => kind.name(),
            MemberKind::Index => "index",
            MemberKind::Trigger => "trigger",
            MemberKind::Partition => "partition",
        }
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\"", self.kind.name(), self.name)?;
        if let Some(member) = &self.member {
            write!(f, ": {member}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name.as_str() {
            "" => f.write_str(self.kind.name()),
            made_up if made_up.starts_with('(') => write!(f, "{} {made_up}", self.kind.name()),
            name => write!(f, "{} \"{name}\"", self.kind.name()),
        }
    }
}

/// The human line: `table "users": column "email": type is text in the database,
/// character varying(255) in the chain`. Long values are cut around their first difference.
impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.change {
            Change::Missing => write!(f, "{}: in the chain, missing from the database", self.object),
            Change::Unexpected => write!(f, "{}: in the database, not in the chain", self.object),
            Change::Changed { what, chain, database } => {
                let (database, chain) = excerpts(database, chain);
                write!(f, "{}: {what} is {database} in the database, {chain} in the chain", self.object)
            }
        }
    }
}

/// Values longer than this are shown as an excerpt around their first difference.
const EXCERPT: usize = 72;

fn excerpts(a: &str, b: &str) -> (String, String) {
    if a.chars().count() <= EXCERPT && b.chars().count() <= EXCERPT {
        return (a.to_string(), b.to_string());
    }
    let first_difference = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let start = first_difference.saturating_sub(EXCERPT / 3);
    let cut = |s: &str| {
        let len = s.chars().count();
        let body: String = s.chars().skip(start).take(EXCERPT).collect();
        let head = if start > 0 { "…" } else { "" };
        let tail = if start + EXCERPT < len { "…" } else { "" };
        format!("{head}{body}{tail}")
    };
    (cut(a), cut(b))
}

/// The differences between the chain's schema and the database's, sorted by object name, then
/// kind, then part.
///
/// Objects the database holds in a schema that the chain never creates (PostgreSQL) are out
/// of scope, like Alembic's default `include_schemas=False`.
pub fn diff(chain: &Schema, database: &Schema) -> Vec<Drift> {
    let mut differ = Differ { chain, database, out: Vec::new(), gone: BTreeSet::new() };
    differ.tables();
    differ.views();
    differ.indexes();
    differ.triggers();
    differ.others();
    let mut out = differ.out;
    out.sort();
    out.dedup();
    out
}

struct Differ<'a> {
    chain: &'a Schema,
    database: &'a Schema,
    out: Vec<Drift>,
    /// Relations reported missing or unexpected as a whole: their parts are not listed again.
    gone: BTreeSet<String>,
}

/// Each key of either map, with the value on each side.
fn pairs<'a, K: Ord + 'a, V: 'a, M: SortedMap<K, V>>(
    chain: &'a M,
    database: &'a M,
) -> Vec<(&'a K, Option<&'a V>, Option<&'a V>)> {
    let keys: BTreeSet<&K> = chain.entries().chain(database.entries()).map(|(k, _)| k).collect();
    keys.into_iter().map(|k| (k, chain.value(k), database.value(k))).collect()
}

fn object(kind: ObjectKind, name: &str) -> ObjectRef {
    ObjectRef { name: name.to_string(), kind, member: None }
}

fn member(kind: ObjectKind, name: &str, member_kind: MemberKind, member_name: &str) -> ObjectRef {
    ObjectRef {
        name: name.to_string(),
        kind,
        member: Some(Member { kind: member_kind, name: member_name.to_string() }),
    }
}

fn or_none(value: Option<&str>) -> String {
    value.unwrap_or("none").to_string()
}

fn quoted(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_string(), |v| format!("{v:?}"))
}

fn list(items: &[String]) -> String {
    format!("({})", items.join(", "))
}

fn view_kind(view: &View) -> ObjectKind {
    if view.materialized {
        ObjectKind::MaterializedView
    } else {
        ObjectKind::View
    }
}

impl Differ<'_> {
    fn push(&mut self, object: ObjectRef, change: Change) {
        self.out.push(Drift { object, change });
    }

    fn changed(&mut self, object: &ObjectRef, what: &str, chain: String, database: String) {
        if chain != database {
            self.push(object.clone(), Change::Changed { what: what.to_string(), chain, database });
        }
    }

    /// Like `changed`, for expressions: equal in normal form is equal.
    fn changed_expr(&mut self, object: &ObjectRef, what: &str, chain: Option<&str>, database: Option<&str>) {
        if !normalize::same_opt(chain, database) {
            self.changed(object, what, or_none(chain), or_none(database));
        }
    }

    /// Whether raw SQL in the chain may have changed `name`: the chain's model cannot say.
    fn unknown(&self, name: &str) -> bool {
        self.chain.is_unknown(name) || self.database.is_unknown(name)
    }

    /// Whether `name` lives in a schema the database has and the chain never creates.
    fn out_of_scope(&self, name: &str) -> bool {
        self.database
            .namespaces
            .difference(&self.chain.namespaces)
            .any(|ns| name.strip_prefix(ns.as_str()).is_some_and(|rest| rest.starts_with('.')))
    }

    /// Reports an object present on one side only; `false` when both have it.
    fn presence<V>(&mut self, object: ObjectRef, chain: Option<&V>, database: Option<&V>) -> bool {
        match (chain, database) {
            (Some(_), None) => self.push(object, Change::Missing),
            (None, Some(_)) if !self.out_of_scope(&object.name) => self.push(object, Change::Unexpected),
            (None, Some(_)) => {}
            _ => return false,
        }
        true
    }

    /// The kind of relation `name` is, for naming its indexes and triggers.
    fn relation_kind(&self, name: &str) -> ObjectKind {
        [self.chain, self.database].iter().find_map(|s| s.views.get(name).map(view_kind)).unwrap_or(ObjectKind::Table)
    }

    fn tables(&mut self) {
        for (name, chain, database) in pairs(&self.chain.tables, &self.database.tables) {
            if self.unknown(name) {
                self.gone.insert(name.clone());
                continue;
            }
            let object = object(ObjectKind::Table, name);
            if self.presence(object.clone(), chain, database) {
                self.gone.insert(name.clone());
            } else if let (Some(chain), Some(database)) = (chain, database) {
                self.table(&object, chain, database);
            }
        }
    }

    fn table(&mut self, object: &ObjectRef, chain: &Table, database: &Table) {
        let name = object.name.as_str();
        self.changed(object, "comment", quoted(chain.comment.as_deref()), quoted(database.comment.as_deref()));
        self.changed(
            object,
            "partitioning",
            or_none(chain.partition_key.as_deref()),
            or_none(database.partition_key.as_deref()),
        );
        let columns = |t: &Table| t.columns.iter().map(|c| (c.name.clone(), c.clone())).collect::<BTreeMap<_, _>>();
        let (chain_columns, database_columns) = (columns(chain), columns(database));
        for (column, c, d) in pairs(&chain_columns, &database_columns) {
            let object = member(ObjectKind::Table, name, MemberKind::Column, column);
            if !self.presence(object.clone(), c, d) {
                if let (Some(c), Some(d)) = (c, d) {
                    self.column(&object, c, d);
                }
            }
        }
        let (chain_constraints, database_constraints) = pair_anonymous(&chain.constraints, &database.constraints);
        for (constraint, c, d) in pairs(&chain_constraints, &database_constraints) {
            let kind = c.or(d).map_or(ConstraintKind::Check, |k| k.kind);
            let object = member(ObjectKind::Table, name, MemberKind::Constraint(kind), constraint);
            if !self.presence(object.clone(), c, d) {
                if let (Some(c), Some(d)) = (c, d) {
                    self.constraint(&object, c, d);
                }
            }
        }
        for (partition, c, d) in pairs(&chain.partitions, &database.partitions) {
            let object = member(ObjectKind::Table, name, MemberKind::Partition, partition);
            if !self.presence(object.clone(), c, d) {
                if let (Some(c), Some(d)) = (c, d) {
                    self.changed_expr(&object, "bound", Some(c), Some(d));
                }
            }
        }
    }

    fn column(&mut self, object: &ObjectRef, chain: &Column, database: &Column) {
        let nullability = |c: &Column| if c.nullable { "NULL" } else { "NOT NULL" }.to_string();
        let identity = |c: &Column| c.identity.map_or("none", |i| i.as_sql()).to_string();
        fn generated(c: &Column) -> Option<(&str, bool)> {
            c.generated.as_ref().map(|g| (g.expr.as_str(), g.stored))
        }
        self.changed(object, "type", type_sql(&chain.ty), type_sql(&database.ty));
        self.changed(object, "nullability", nullability(chain), nullability(database));
        self.changed_expr(object, "default", chain.default.as_deref(), database.default.as_deref());
        self.changed(object, "identity", identity(chain), identity(database));
        if let (Some(c), Some(d)) = (&chain.identity_sequence, &database.identity_sequence) {
            let show = |s: &super::model::Sequence| {
                s.properties.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
            };
            self.changed(object, "identity sequence", show(c), show(d));
        }
        match (generated(chain), generated(database)) {
            (Some((a, sa)), Some((b, sb))) if normalize::same(a, b) && sa == sb => {}
            (None, None) => {}
            (c, d) => {
                let show = |g: Option<(&str, bool)>| {
                    g.map_or("none".to_string(), |(e, s)| format!("{e} {}", if s { "STORED" } else { "VIRTUAL" }))
                };
                self.changed(object, "generated", show(c), show(d));
            }
        }
        self.changed(object, "collation", or_none(chain.collation.as_deref()), or_none(database.collation.as_deref()));
        self.changed(object, "character set", or_none(chain.charset.as_deref()), or_none(database.charset.as_deref()));
        self.changed(object, "comment", quoted(chain.comment.as_deref()), quoted(database.comment.as_deref()));
    }

    fn constraint(&mut self, object: &ObjectRef, chain: &Constraint, database: &Constraint) {
        let validation = |c: &Constraint| if c.validated { "validated" } else { "NOT VALID" }.to_string();
        self.changed(object, "kind", chain.kind.name().to_string(), database.kind.name().to_string());
        self.changed(object, "definition", chain.definition(), database.definition());
        self.changed(object, "validation", validation(chain), validation(database));
    }

    fn views(&mut self) {
        for (name, chain, database) in pairs(&self.chain.views, &self.database.views) {
            if self.unknown(name) {
                self.gone.insert(name.clone());
                continue;
            }
            let kind = chain.or(database).map_or(ObjectKind::View, view_kind);
            let object = object(kind, name);
            if self.presence(object.clone(), chain, database) {
                self.gone.insert(name.clone());
                continue;
            }
            if let (Some(c), Some(d)) = (chain, database) {
                self.changed(&object, "kind", view_kind(c).name().to_string(), view_kind(d).name().to_string());
                self.changed_expr(&object, "definition", Some(&c.definition), Some(&d.definition));
                self.changed(&object, "comment", quoted(c.comment.as_deref()), quoted(d.comment.as_deref()));
            }
        }
    }

    fn indexes(&mut self) {
        for ((table, index), chain, database) in pairs(&self.chain.indexes, &self.database.indexes) {
            if self.gone.contains(table) || self.unknown(index) {
                continue;
            }
            let object = member(self.relation_kind(table), table, MemberKind::Index, index);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    self.index(&object, c, d);
                }
            }
        }
    }

    fn index(&mut self, object: &ObjectRef, chain: &Index, database: &Index) {
        let unique = |i: &Index| if i.unique { "UNIQUE" } else { "not unique" }.to_string();
        let nulls = |i: &Index| if i.nulls_not_distinct { "NULLS NOT DISTINCT" } else { "NULLS DISTINCT" }.to_string();
        let method = |i: &Index| i.method.clone().unwrap_or_else(|| "the default".to_string());
        let validity = |i: &Index| if i.valid { "valid" } else { "INVALID" }.to_string();
        let keys = |i: &Index| i.columns.iter().map(|k| normalize::expression(k)).collect::<Vec<_>>();
        if keys(chain) != keys(database) {
            self.changed(object, "columns", list(&chain.columns), list(&database.columns));
        }
        self.changed(object, "included columns", list(&chain.include), list(&database.include));
        self.changed(object, "uniqueness", unique(chain), unique(database));
        self.changed(object, "nulls", nulls(chain), nulls(database));
        self.changed(object, "method", method(chain), method(database));
        self.changed_expr(object, "predicate", chain.predicate.as_deref(), database.predicate.as_deref());
        self.changed(object, "validity", validity(chain), validity(database));
    }

    fn triggers(&mut self) {
        for ((table, trigger), chain, database) in pairs(&self.chain.triggers, &self.database.triggers) {
            if self.gone.contains(table) || self.unknown(trigger) {
                continue;
            }
            let object = member(self.relation_kind(table), table, MemberKind::Trigger, trigger);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    self.changed(&object, "definition", c.clone(), d.clone());
                }
            }
        }
    }

    /// Sequences, enum types, extensions and routines.
    fn others(&mut self) {
        for (name, chain, database) in pairs(&self.chain.sequences, &self.database.sequences) {
            if self.unknown(name) {
                continue;
            }
            let object = object(ObjectKind::Sequence, name);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    // A property one side does not know (MariaDB's) is not compared.
                    for (property, cv, dv) in pairs(&c.properties, &d.properties) {
                        if cv.is_none() || dv.is_none() {
                            continue;
                        }
                        self.changed(
                            &object,
                            property,
                            or_none(cv.map(String::as_str)),
                            or_none(dv.map(String::as_str)),
                        );
                    }
                }
            }
        }
        for (name, chain, database) in pairs(&self.chain.enums, &self.database.enums) {
            if self.unknown(name) {
                continue;
            }
            let object = object(ObjectKind::Enum, name);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    self.changed(&object, "labels", list(c), list(d));
                }
            }
        }
        for (name, chain, database) in pairs(&self.chain.extensions, &self.database.extensions) {
            let object = object(ObjectKind::Extension, name);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    self.changed(&object, "schema", c.clone(), d.clone());
                }
            }
        }
        for (name, chain, database) in pairs(&self.chain.routines, &self.database.routines) {
            if self.unknown(name.split('(').next().unwrap_or(name)) {
                continue;
            }
            let object = object(ObjectKind::Routine, name);
            if !self.presence(object.clone(), chain, database) {
                if let (Some(c), Some(d)) = (chain, database) {
                    self.changed(&object, "definition", c.clone(), d.clone());
                }
            }
        }
    }
}

/// The constraints of both sides, where a name a catalog made up (`(user_id)`, or empty for a
/// primary key) is replaced by the other side's name for the constraint of the same kind and
/// definition: SQLite keeps no names for foreign keys and unique constraints, MySQL and SQLite
/// none for primary keys.
fn pair_anonymous(
    chain: &BTreeMap<String, Constraint>,
    database: &BTreeMap<String, Constraint>,
) -> (BTreeMap<String, Constraint>, BTreeMap<String, Constraint>) {
    let anonymous = |name: &str| name.is_empty() || name.starts_with('(');
    let rename = |from: &BTreeMap<String, Constraint>, other: &BTreeMap<String, Constraint>| {
        let mut out = BTreeMap::new();
        let mut taken = BTreeSet::new();
        for (name, c) in from {
            if !anonymous(name) || other.contains_key(name) {
                out.insert(name.clone(), c.clone());
                continue;
            }
            let same = |(n, o): &(&String, &Constraint)| {
                !anonymous(n)
                    && !from.contains_key(*n)
                    && !taken.contains(*n)
                    && o.kind == c.kind
                    && (o.definition() == c.definition() || c.kind == ConstraintKind::PrimaryKey)
            };
            match other.iter().find(same) {
                Some((n, _)) => {
                    taken.insert(n.clone());
                    out.insert(n.clone(), c.clone());
                }
                None => {
                    out.insert(name.clone(), c.clone());
                }
            }
        }
        out
    };
    let chain = rename(chain, database);
    let database = rename(database, &chain);
    (chain, database)
}

#[cfg(test)]
mod tests {
    use super::super::model::Sequence;
    use super::*;

    fn users(email_type: &str) -> Table {
        let mut email = Column::new("email", super::super::model::type_from_spelling(email_type, "postgres"));
        email.nullable = false;
        Table {
            columns: vec![Column::new("id", crate::ops::ColumnType::BigInt), email],
            constraints: BTreeMap::from([(
                "users_pkey".to_string(),
                Constraint::new(ConstraintKind::PrimaryKey, ["id"]),
            )]),
            ..Table::default()
        }
    }

    fn schema(tables: Vec<(&str, Table)>) -> Schema {
        Schema { tables: tables.into_iter().map(|(n, t)| (n.to_string(), t.into())).collect(), ..Schema::default() }
    }

    fn lines(drift: &[Drift]) -> Vec<String> {
        drift.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn identical_schemas_have_no_drift() {
        let s = schema(vec![("users", users("text"))]);
        assert_eq!(diff(&s, &s.clone()), Vec::new());
    }

    #[test]
    fn a_changed_column_type_names_table_column_and_both_types() {
        let chain = schema(vec![("users", users("character varying(255)"))]);
        let database = schema(vec![("users", users("text"))]);
        assert_eq!(
            lines(&diff(&chain, &database)),
            [r#"table "users": column "email": type is text in the database, varchar(255) in the chain"#]
        );
    }

    #[test]
    fn a_missing_table_is_one_line_and_its_index_is_not_listed_again() {
        let mut chain = schema(vec![("users", users("text")), ("posts", Table::default())]);
        chain
            .indexes
            .insert(("posts".into(), "ix_posts".into()), Index { columns: vec!["id".into()], ..Index::default() });
        let database = schema(vec![("users", users("text"))]);
        assert_eq!(lines(&diff(&chain, &database)), [r#"table "posts": in the chain, missing from the database"#]);
    }

    #[test]
    fn unexpected_column_dropped_index_and_constraint_parts_are_each_reported_sorted() {
        let mut chain = schema(vec![("users", users("text"))]);
        chain.indexes.insert(
            ("users".into(), "ix_email".into()),
            Index { columns: vec!["email".into()], valid: true, ..Index::default() },
        );
        let mut db_users = users("text");
        db_users.columns.push(Column::new("nick", crate::ops::ColumnType::Text));
        db_users.constraints.insert("users_pkey".into(), Constraint::new(ConstraintKind::PrimaryKey, ["id", "email"]));
        let database = schema(vec![("users", db_users)]);
        assert_eq!(
            lines(&diff(&chain, &database)),
            [
                r#"table "users": column "nick": in the database, not in the chain"#,
                r#"table "users": primary key "users_pkey": definition is PRIMARY KEY (id, email) in the database, PRIMARY KEY (id) in the chain"#,
                r#"table "users": index "ix_email": in the chain, missing from the database"#,
            ]
        );
    }

    #[test]
    fn made_up_names_print_bare_and_long_values_are_cut_around_the_difference() {
        let fk = member(ObjectKind::Table, "t", MemberKind::Constraint(ConstraintKind::ForeignKey), "(user_id)");
        assert_eq!(fk.to_string(), r#"table "t": foreign key (user_id)"#);
        let pk = member(ObjectKind::Table, "t", MemberKind::Constraint(ConstraintKind::PrimaryKey), "");
        assert_eq!(pk.to_string(), r#"table "t": primary key"#);
        let long = "SELECT ".to_string() + &"a, ".repeat(40);
        let drift = Drift {
            object: object(ObjectKind::View, "v"),
            change: Change::Changed {
                what: "definition".into(),
                chain: format!("{long}x"),
                database: format!("{long}y"),
            },
        };
        let line = drift.to_string();
        assert!(
            line.contains("is …a, a,")
                && line.contains("a, a, y in the database, …a, a,")
                && line.ends_with("a, x in the chain"),
            "{line}"
        );
    }

    #[test]
    fn objects_in_a_schema_the_chain_never_creates_are_out_of_scope() {
        let chain = Schema::default();
        let mut database = schema(vec![("audit.log", Table::default()), ("stray", Table::default())]);
        database.namespaces.insert("audit".into());
        database.sequences.insert("audit.seq".into(), Sequence::default());
        assert_eq!(lines(&diff(&chain, &database)), [r#"table "stray": in the database, not in the chain"#]);
    }
}
