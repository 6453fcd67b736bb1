//! Views and materialized views: create, drop, rename, refresh.

use super::cx::{Chain, Cx};
use super::eval::nested;
use crate::ops::{CreateView, DropView, Op, RefreshMaterializedView, RenameView};

/// `create_view("v", "SELECT ..")` .or_replace() .replaces("SELECT old ..")
pub(super) fn create_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, query] = cx.args(&c.head, "create_view(\"name\", \"SELECT ..\")")?;
    let name = cx.string(name, "the view name");
    let query = cx.string(query, "the view's query");
    let mut v = CreateView::new(name?, query?);
    for m in &c.methods {
        match m.name {
            "or_replace" if cx.flag(m) => v = v.or_replace(),
            "or_replace" => {}
            "replaces" => {
                if let Some(old) = cx.arg_string(m, ".replaces(\"SELECT old ..\")", "the replaced view's query") {
                    v = v.replaces(old);
                }
            }
            _ => cx.unknown_method(m, "create_view", &["or_replace", "replaces", "only"]),
        }
    }
    Some(Op::CreateView(v))
}

/// `create_materialized_view("v", "SELECT ..")` .with_no_data()
pub(super) fn create_materialized_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, query] = cx.args(&c.head, "create_materialized_view(\"name\", \"SELECT ..\")")?;
    let name = cx.string(name, "the view name");
    let query = cx.string(query, "the view's query");
    let mut v = CreateView::materialized(name?, query?);
    for m in &c.methods {
        match m.name {
            "with_no_data" if cx.flag(m) => v = v.with_no_data(),
            "with_no_data" => {}
            _ => cx.unknown_method(m, "create_materialized_view", &["with_no_data", "only"]),
        }
    }
    Some(Op::CreateView(v))
}

/// `drop_view("v")` .if_exists() .cascade() .definition(create_view(..))
pub(super) fn drop_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "drop_view(\"name\")", "the view name")?;
    drop_any_view(cx, c, DropView::new(name), "drop_view", "create_view")
}

/// `drop_materialized_view("v")` .if_exists() .cascade() .definition(create_materialized_view(..))
pub(super) fn drop_materialized_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "drop_materialized_view(\"name\")", "the view name")?;
    drop_any_view(cx, c, DropView::materialized(name), "drop_materialized_view", "create_materialized_view")
}

fn drop_any_view(cx: &mut Cx<'_>, c: &Chain<'_>, mut v: DropView, word: &str, create: &str) -> Option<Op> {
    for m in &c.methods {
        match m.name {
            "if_exists" if cx.flag(m) => v = v.if_exists(),
            "cascade" if cx.flag(m) => v = v.cascade(),
            "if_exists" | "cascade" => {}
            "definition" => {
                let Some([def]) = cx.args(m, &format!(".definition({create}(..))")) else { continue };
                let def = nested(cx, def, create, |op| match op {
                    Op::CreateView(v) => Some(v),
                    _ => None,
                });
                let Some(def) = def else { continue };
                if def.name != v.name {
                    cx.err(
                        m.args[0].span,
                        format!(
                            "the definition is of view `{}`, but the op drops `{}`; they must match",
                            def.name, v.name
                        ),
                    );
                }
                v = v.definition(def);
            }
            _ => cx.unknown_method(m, word, &["if_exists", "cascade", "definition", "only"]),
        }
    }
    Some(Op::DropView(v))
}

/// `rename_view("a", "b")` .materialized()
pub(super) fn rename_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [from, to] = cx.args(&c.head, "rename_view(\"from\", \"to\")")?;
    let from = cx.string(from, "the current view name");
    let to = cx.string(to, "the new view name");
    let mut v = RenameView::new(from?, to?);
    for m in &c.methods {
        match m.name {
            "materialized" if cx.flag(m) => v = v.materialized(),
            "materialized" => {}
            _ => cx.unknown_method(m, "rename_view", &["materialized", "only"]),
        }
    }
    Some(Op::RenameView(v))
}

/// `refresh_materialized_view("v")` .concurrently()
pub(super) fn refresh_materialized_view(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "refresh_materialized_view(\"name\")", "the view name")?;
    let mut v = RefreshMaterializedView::new(name);
    for m in &c.methods {
        match m.name {
            "concurrently" if cx.flag(m) => v = v.concurrently(),
            "concurrently" => {}
            _ => cx.unknown_method(m, "refresh_materialized_view", &["concurrently", "only"]),
        }
    }
    Some(Op::RefreshMaterializedView(v))
}
