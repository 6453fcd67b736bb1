//! The `Op` sum type: what a revision does, its inverse and the properties the checks need.

use serde::{Deserialize, Serialize};

use super::*;

/// One schema or data change. Ops are data: rendering, reversal and linting read them, nothing
/// executes them directly.
//
// `remote = "Self"` makes the derives inherent functions (`Op::serialize`, `Op::deserialize`):
// the trait impls below wrap them, see `decode`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", rename_all = "snake_case", tag = "op")]
#[allow(missing_docs)] // each variant is documented on its payload type
pub enum Op {
    CreateTable(CreateTable),
    DropTable(DropTable),
    RenameTable(RenameTable),
    AddColumn(AddColumn),
    DropColumn(DropColumn),
    RenameColumn(RenameColumn),
    AlterColumn(AlterColumn),
    CreateIndex(CreateIndex),
    DropIndex(DropIndex),
    AddConstraint(AddConstraint),
    DropConstraint(DropConstraint),
    ValidateConstraint(ValidateConstraint),
    SetComment(SetComment),
    CreateExtension(CreateExtension),
    DropExtension(DropExtension),
    CreateEnum(CreateEnum),
    DropEnum(DropEnum),
    AddEnumValue(AddEnumValue),
    CreateSequence(CreateSequence),
    DropSequence(DropSequence),
    CreateView(CreateView),
    DropView(DropView),
    RenameView(RenameView),
    RefreshMaterializedView(RefreshMaterializedView),
    CreatePartition(CreatePartition),
    AttachPartition(AttachPartition),
    DetachPartition(DetachPartition),
    Execute(Execute),
    BulkInsert(BulkInsert),
    Backfill(Backfill),
    /// An op that runs only on the named dialects and is skipped (with a notice) elsewhere,
    /// e.g. partitions on PostgreSQL only. Written `.only([postgres])` in the DSL.
    Only(OnlyOn),
}

impl Serialize for Op {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Op::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Op, D::Error> {
        deserializer.deserialize_any(decode::OpVisitor)
    }
}

/// Decoding an op with its tag first, as retort writes it: the payload is read straight from
/// the input. The derived decoding of an internally tagged enum first copies every op into a
/// buffer, since the tag may come anywhere; an op whose tag does not come first still takes
/// that way, so the same JSON decodes to the same op.
mod decode {
    use std::fmt;

    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
    use serde::Deserialize;

    use super::Op;

    pub(super) struct OpVisitor;

    /// The first key of an op's map: the tag's name, or any other, kept to replay it.
    enum First {
        Tag,
        Other(String),
    }

    impl<'de> Deserialize<'de> for First {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<First, D::Error> {
            struct KeyVisitor;
            impl Visitor<'_> for KeyVisitor {
                type Value = First;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<First, E> {
                    Ok(if v == "op" { First::Tag } else { First::Other(v.to_string()) })
                }
            }
            deserializer.deserialize_identifier(KeyVisitor)
        }
    }

    /// A map whose first key was read already: it yields that key again, then the rest.
    struct Replay<A> {
        key: Option<String>,
        map: A,
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
        type Error = A::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
            match self.key.take() {
                Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
                None => self.map.next_key_seed(seed),
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
            self.map.next_value_seed(seed)
        }

        fn size_hint(&self) -> Option<usize> {
            self.map.size_hint().map(|n| n + usize::from(self.key.is_some()))
        }
    }

    /// The variant a tag names, by name or by index (as the derived decoding takes it).
    struct Tag(usize);

    impl<'de> Deserialize<'de> for Tag {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Tag, D::Error> {
            struct TagVisitor;
            impl Visitor<'_> for TagVisitor {
                type Value = Tag;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("variant identifier")
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tag, E> {
                    usize::try_from(v)
                        .ok()
                        .filter(|i| *i < VARIANTS.len())
                        .map(Tag)
                        .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &"variant index 0 <= i < 31"))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Tag, E> {
                    VARIANTS.iter().position(|n| *n == v).map(Tag).ok_or_else(|| E::unknown_variant(v, VARIANTS))
                }
                fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Tag, E> {
                    match VARIANTS.iter().position(|n| n.as_bytes() == v) {
                        Some(i) => Ok(Tag(i)),
                        None => Err(E::unknown_variant(&String::from_utf8_lossy(v), VARIANTS)),
                    }
                }
            }
            deserializer.deserialize_identifier(TagVisitor)
        }
    }

    macro_rules! variants {
        ($($name:literal => $variant:ident),* $(,)?) => {
            const VARIANTS: &[&str] = &[$($name),*];

            /// The payload of variant `tag`, from the rest of the op's map.
            fn payload<'de, A: MapAccess<'de>>(tag: usize, rest: A) -> Result<Op, A::Error> {
                let rest = MapAccessDeserializer::new(rest);
                let mut i = 0;
                $(
                    if tag == i {
                        return Deserialize::deserialize(rest).map(Op::$variant);
                    }
                    i += 1;
                )*
                let _ = i;
                Err(de::Error::custom("variant index out of range"))
            }
        };
    }

    variants! {
        "create_table" => CreateTable,
        "drop_table" => DropTable,
        "rename_table" => RenameTable,
        "add_column" => AddColumn,
        "drop_column" => DropColumn,
        "rename_column" => RenameColumn,
        "alter_column" => AlterColumn,
        "create_index" => CreateIndex,
        "drop_index" => DropIndex,
        "add_constraint" => AddConstraint,
        "drop_constraint" => DropConstraint,
        "validate_constraint" => ValidateConstraint,
        "set_comment" => SetComment,
        "create_extension" => CreateExtension,
        "drop_extension" => DropExtension,
        "create_enum" => CreateEnum,
        "drop_enum" => DropEnum,
        "add_enum_value" => AddEnumValue,
        "create_sequence" => CreateSequence,
        "drop_sequence" => DropSequence,
        "create_view" => CreateView,
        "drop_view" => DropView,
        "rename_view" => RenameView,
        "refresh_materialized_view" => RefreshMaterializedView,
        "create_partition" => CreatePartition,
        "attach_partition" => AttachPartition,
        "detach_partition" => DetachPartition,
        "execute" => Execute,
        "bulk_insert" => BulkInsert,
        "backfill" => Backfill,
        "only" => Only,
    }

    impl<'de> Visitor<'de> for OpVisitor {
        type Value = Op;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("internally tagged enum Op")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Op, A::Error> {
            match map.next_key::<First>()? {
                Some(First::Tag) => {
                    let Tag(tag) = map.next_value()?;
                    payload(tag, map)
                }
                Some(First::Other(key)) => Op::deserialize(MapAccessDeserializer::new(Replay { key: Some(key), map })),
                None => Op::deserialize(MapAccessDeserializer::new(map)),
            }
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Op, A::Error> {
            Op::deserialize(SeqAccessDeserializer::new(seq))
        }
    }
}

/// An op restricted to some dialects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnlyOn {
    /// Dialect names: `postgres`, `sqlite`, `mysql`.
    pub dialects: Vec<String>,
    /// The op (serialized as `inner`: `op` is the enum's tag).
    #[serde(rename = "inner")]
    pub op: Box<Op>,
}

impl OnlyOn {
    /// Whether the op runs on the named dialect.
    pub fn applies_to(&self, dialect: &str) -> bool {
        self.dialects.iter().any(|d| d == dialect)
    }
}

/// The name of an op's family member, as written in the DSL (`create_table`, ...).
pub type OpKind = &'static str;

/// Why an op cannot be reversed from its own data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Irreversible {
    /// The DSL name of the op.
    pub op: OpKind,
    /// What the op would need to carry to be reversible, phrased as the fix.
    pub hint: &'static str,
}

impl std::fmt::Display for Irreversible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` cannot be reversed automatically: {}", self.op, self.hint)
    }
}

impl std::error::Error for Irreversible {}

/// How a revision's statements are grouped into transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionMode {
    /// The revision's statements and its version-table update commit together.
    #[default]
    PerMigration,
    /// Each statement commits on its own; required by `CONCURRENTLY` and batched backfills.
    None,
}

impl Op {
    /// The op's DSL name.
    pub fn kind(&self) -> OpKind {
        match self {
            Op::CreateTable(_) => "create_table",
            Op::DropTable(_) => "drop_table",
            Op::RenameTable(_) => "rename_table",
            Op::AddColumn(_) => "add_column",
            Op::DropColumn(_) => "drop_column",
            Op::RenameColumn(_) => "rename_column",
            Op::AlterColumn(_) => "alter_column",
            Op::CreateIndex(_) => "create_index",
            Op::DropIndex(_) => "drop_index",
            Op::AddConstraint(_) => "add_constraint",
            Op::DropConstraint(_) => "drop_constraint",
            Op::ValidateConstraint(_) => "validate_constraint",
            Op::SetComment(_) => "set_comment",
            Op::CreateExtension(_) => "create_extension",
            Op::DropExtension(_) => "drop_extension",
            Op::CreateEnum(_) => "create_enum",
            Op::DropEnum(_) => "drop_enum",
            Op::AddEnumValue(_) => "add_enum_value",
            Op::CreateSequence(_) => "create_sequence",
            Op::DropSequence(_) => "drop_sequence",
            Op::CreateView(_) => "create_view",
            Op::DropView(_) => "drop_view",
            Op::RenameView(_) => "rename_view",
            Op::RefreshMaterializedView(_) => "refresh_materialized_view",
            Op::CreatePartition(_) => "create_partition",
            Op::AttachPartition(_) => "attach_partition",
            Op::DetachPartition(_) => "detach_partition",
            Op::Execute(_) => "execute",
            Op::BulkInsert(_) => "bulk_insert",
            Op::Backfill(_) => "backfill",
            Op::Only(o) => o.op.kind(),
        }
    }

    /// The inverse op. `Ok(None)` means there is nothing to undo (validating a constraint,
    /// refreshing a materialized view); `Err` means the op lacks the old state needed to undo it.
    pub fn reverse(&self) -> Result<Option<Op>, Irreversible> {
        match self {
            Op::CreateTable(o) => Ok(Some(Op::DropTable(o.reverse()))),
            Op::DropTable(o) => o.reverse().map(|c| Some(Op::CreateTable(c))),
            Op::RenameTable(o) => Ok(Some(Op::RenameTable(o.reverse()))),
            Op::AddColumn(o) => Ok(Some(Op::DropColumn(o.reverse()))),
            Op::DropColumn(o) => o.reverse().map(|c| Some(Op::AddColumn(c))),
            Op::RenameColumn(o) => Ok(Some(Op::RenameColumn(o.reverse()))),
            Op::AlterColumn(o) => o.reverse().map(|c| Some(Op::AlterColumn(c))),
            Op::CreateIndex(o) => Ok(Some(Op::DropIndex(o.reverse()))),
            Op::DropIndex(o) => o.reverse().map(|c| Some(Op::CreateIndex(c))),
            Op::AddConstraint(o) => Ok(Some(Op::DropConstraint(o.reverse()))),
            Op::DropConstraint(o) => o.reverse().map(|c| Some(Op::AddConstraint(c))),
            Op::ValidateConstraint(_) | Op::RefreshMaterializedView(_) => Ok(None),
            Op::SetComment(o) => o.reverse().map(|c| Some(Op::SetComment(c))),
            Op::CreateExtension(o) => Ok(Some(Op::DropExtension(o.reverse()))),
            Op::DropExtension(o) => Ok(Some(Op::CreateExtension(o.reverse()))),
            Op::CreateEnum(o) => Ok(Some(Op::DropEnum(o.reverse()))),
            Op::DropEnum(o) => o.reverse().map(|c| Some(Op::CreateEnum(c))),
            Op::AddEnumValue(_) => Err(Irreversible {
                op: "add_enum_value",
                hint: "PostgreSQL cannot remove a value from an enum type; write `down { .. }` or declare `irreversible`",
            }),
            Op::CreateSequence(o) => Ok(Some(Op::DropSequence(o.reverse()))),
            Op::DropSequence(o) => o.reverse().map(|c| Some(Op::CreateSequence(c))),
            Op::CreateView(o) => o.reverse().map(|c| Some(Op::DropView(c))),
            Op::DropView(o) => o.reverse().map(|c| Some(Op::CreateView(c))),
            Op::RenameView(o) => Ok(Some(Op::RenameView(o.reverse()))),
            Op::CreatePartition(o) => Ok(Some(Op::DetachPartition(o.reverse()))),
            Op::AttachPartition(o) => Ok(Some(Op::DetachPartition(o.reverse()))),
            Op::DetachPartition(o) => match &o.created {
                // The undo of a `create_partition` re-creates it rather than re-attaching.
                Some(created) => Ok(Some(Op::CreatePartition((**created).clone()))),
                None => o.reverse().map(|c| Some(Op::AttachPartition(c))),
            },
            Op::Execute(_) => Err(Irreversible {
                op: "execute",
                hint: "raw SQL has no known inverse; write `down { execute(\"..\"); }` or declare `irreversible`",
            }),
            Op::BulkInsert(_) => Err(Irreversible {
                op: "bulk_insert",
                hint: "inserted rows cannot be told apart from later ones; write `down { .. }` (e.g. an `execute(\"DELETE ..\")`) or declare `irreversible`",
            }),
            Op::Backfill(_) => Err(Irreversible {
                op: "backfill",
                hint: "the overwritten values are gone; write `down { .. }` or declare `irreversible`",
            }),
            Op::Only(o) => Ok(o
                .op
                .reverse()?
                .map(|inverse| Op::Only(OnlyOn { dialects: o.dialects.clone(), op: Box::new(inverse) }))),
        }
    }

    /// Whether the op cannot run inside a transaction block (and so needs `transaction: none`).
    pub fn requires_no_transaction(&self) -> bool {
        match self {
            Op::CreateIndex(o) => o.concurrently,
            Op::DropIndex(o) => o.concurrently,
            Op::DetachPartition(o) => o.concurrently,
            Op::RefreshMaterializedView(_) => false,
            Op::Backfill(_) => true,
            Op::Only(o) => o.op.requires_no_transaction(),
            _ => false,
        }
    }

    /// The existing tables whose locks the op takes, for the safety rules and `plan`.
    pub fn locked_tables(&self) -> Vec<&str> {
        match self {
            Op::CreateTable(o) => o
                .constraints
                .iter()
                .filter_map(|c| c.referenced_table())
                .chain(o.columns.iter().filter_map(|c| c.references.as_ref().map(|f| f.ref_table.as_str())))
                .collect(),
            Op::DropTable(o) => vec![o.name.as_str()],
            Op::RenameTable(o) => vec![o.from.as_str()],
            // A foreign key locks the table it references too (SHARE ROW EXCLUSIVE on PostgreSQL).
            Op::AddColumn(o) => std::iter::once(o.table.as_str())
                .chain(o.column.references.as_ref().map(|r| r.ref_table.as_str()))
                .collect(),
            Op::DropColumn(o) => vec![o.table.as_str()],
            Op::RenameColumn(o) => vec![o.table.as_str()],
            Op::AlterColumn(o) => vec![o.table.as_str()],
            Op::CreateIndex(o) => vec![o.table.as_str()],
            Op::DropIndex(o) => o.table.as_deref().into_iter().collect(),
            Op::AddConstraint(o) => {
                let mut t = vec![o.table.as_str()];
                t.extend(o.constraint.referenced_table());
                t
            }
            Op::DropConstraint(o) => std::iter::once(o.table.as_str())
                .chain(o.definition.as_ref().and_then(|c| c.referenced_table()))
                .collect(),
            Op::ValidateConstraint(o) => vec![o.table.as_str()],
            Op::CreatePartition(o) => vec![o.parent.as_str()],
            Op::AttachPartition(o) => vec![o.parent.as_str(), o.name.as_str()],
            Op::DetachPartition(o) => vec![o.parent.as_str()],
            Op::Backfill(o) => vec![o.table.as_str()],
            Op::BulkInsert(o) => vec![o.table.as_str()],
            Op::Only(o) => o.op.locked_tables(),
            _ => Vec::new(),
        }
    }
}
