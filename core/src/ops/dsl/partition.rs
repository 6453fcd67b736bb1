//! Partitions: bounds (`range(..)`, `list(..)`, `hash(..)`, `default_partition()`) and
//! `create_partition`, `attach_partition`, `detach_partition`.

use super::cx::{Chain, Cx};
use super::expr::Expr;
use super::words::value;
use crate::ops::{AttachPartition, CreatePartition, DetachPartition, Op, PartitionBound};

const BOUNDS: &[&str] = &["range", "list", "hash", "default_partition"];

/// A partition bound.
fn bound(cx: &mut Cx<'_>, e: &Expr) -> Option<PartitionBound> {
    let Some(c) = Chain::of(e) else {
        cx.err(e.span, format!("expected a partition bound (`range([..], [..])`, `list([..])`, `hash(4, 0)`, `default_partition()`), found {}", e.describe()));
        return None;
    };
    if let Some(m) = c.methods.first() {
        cx.err(m.name_span, "a partition bound takes no methods");
        return None;
    }
    let call = c.head;
    match call.name {
        "range" => {
            let [from, to] = cx.args(&call, "range([\"from\"], [\"to\"])")?;
            let from = cx.list(from, "the lower bound", value);
            let to = cx.list(to, "the upper bound", value);
            Some(PartitionBound::Range { from: from?, to: to? })
        }
        "list" => {
            let [values] = cx.args(&call, "list([\"value\", ..])")?;
            Some(PartitionBound::List(cx.list(values, "the listed values", value)?))
        }
        "hash" => {
            let [modulus, remainder] = cx.args(&call, "hash(modulus, remainder)")?;
            let modulus = cx.u32(modulus, "the modulus");
            let remainder = cx.u32(remainder, "the remainder");
            let (modulus, remainder) = (modulus?, remainder?);
            if remainder >= modulus || modulus == 0 {
                cx.err(
                    call.span,
                    format!(
                        "a hash partition's remainder must be below its modulus, found `hash({modulus}, {remainder})`"
                    ),
                );
                return None;
            }
            Some(PartitionBound::Hash { modulus, remainder })
        }
        "default_partition" => cx.args::<0>(&call, "default_partition()").map(|_| PartitionBound::Default),
        other => {
            cx.unknown(call.name_span, "partition bound", other, BOUNDS);
            None
        }
    }
}

/// `create_partition("p", "parent", bound)` .standalone("key_column")
pub(super) fn create_partition(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, parent, b] = cx.args(&c.head, "create_partition(\"name\", \"parent\", range([..], [..]))")?;
    let name = cx.string(name, "the partition name");
    let parent = cx.string(parent, "the parent table");
    let b = bound(cx, b);
    let mut op = CreatePartition::new(name?, parent?, b?);
    for m in &c.methods {
        match m.name {
            "standalone" => {
                if let Some(key) = cx.arg_string(m, ".standalone(\"key_column\")", "the partition key column") {
                    op = op.standalone(key);
                }
            }
            _ => cx.unknown_method(m, "create_partition", &["standalone", "only"]),
        }
    }
    Some(Op::CreatePartition(op))
}

/// `attach_partition("parent", "p", bound)`
pub(super) fn attach_partition(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [parent, name, b] = cx.args(&c.head, "attach_partition(\"parent\", \"name\", range([..], [..]))")?;
    let parent = cx.string(parent, "the parent table");
    let name = cx.string(name, "the partition name");
    let b = bound(cx, b);
    for m in &c.methods {
        cx.unknown_method(m, "attach_partition", &["only"]);
    }
    Some(Op::AttachPartition(AttachPartition::new(parent?, name?, b?)))
}

/// `detach_partition("parent", "p")` .concurrently() .bound(bound)
pub(super) fn detach_partition(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [parent, name] = cx.args(&c.head, "detach_partition(\"parent\", \"name\")")?;
    let parent = cx.string(parent, "the parent table");
    let name = cx.string(name, "the partition name");
    let mut op = DetachPartition::new(parent?, name?);
    for m in &c.methods {
        match m.name {
            "concurrently" if cx.flag(m) => op = op.concurrently(),
            "concurrently" => {}
            "bound" => {
                let Some([b]) = cx.args(m, ".bound(range([..], [..]))") else { continue };
                if let Some(b) = bound(cx, b) {
                    op = op.bound(b);
                }
            }
            _ => cx.unknown_method(m, "detach_partition", &["concurrently", "bound", "only"]),
        }
    }
    Some(Op::DetachPartition(op))
}
