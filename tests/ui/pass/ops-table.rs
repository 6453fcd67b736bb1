//! Tables: create (with every column and table option), rename, drop with its definition.

retort::migration! {
    /// Create the accounts table
    ///
    /// One row per customer.
    revision: "t0001",
    parent: none,
    up {
        create_table("accounts", [
            column("id", BigInt).primary_key().identity_always(),
            column("email", Text).not_null().unique().check("email <> ''").comment("login"),
            column("plan", Text).not_null().default("free"),
            column("balance", Numeric(12, 2)).not_null().default(0),
            column("ratio", Double).default(1.5),
            column("active", Boolean).not_null().default(true),
            column("note", Text).nullable().default(null),
            column("created_at", TimestampTz).not_null().default(now()),
            column("token", Uuid).default(sql("gen_random_uuid()")),
            column("search", custom("tsvector")).generated("to_tsvector('simple', email)"),
            column("tags", Array(Text)),
            column("data", Jsonb),
            column("avatar", Bytes),
            column("birthday", Date),
            column("wake_at", Time),
            column("grace", Interval),
            column("score", Real),
            column("level", SmallInt),
            column("count", Integer),
        ])
        .constraint(check("ck_accounts_balance", "balance >= 0"))
        .if_not_exists()
        .comment("one row per customer");
        create_table("account_tags", [
            column("account_id", BigInt).not_null().references("accounts", "id").on_delete(Cascade).on_update(NoAction),
            column("tag", Text).not_null(),
        ])
        .primary_key(["account_id", "tag"]);
        rename_table("account_tags", "account_labels");
    }
}

retort::migration! {
    /// Drop the labels again
    revision: "t0002",
    parent: "t0001",
    up {
        #[allow(drop_table, reason = "the labels never shipped")]
        drop_table("account_labels").if_exists().cascade().definition(create_table("account_labels", [
            column("account_id", BigInt).not_null(),
            column("tag", Text).not_null(),
        ]));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let first = registry.get("t0001").unwrap();
    assert_eq!(first.message, "Create the accounts table\n\nOne row per customer.");
    assert_eq!(first.parents.len(), 0);
    assert_eq!(first.up().unwrap().len(), 3);
    // The derived downgrade undoes the rename, then drops both tables, last first.
    let down: Vec<_> = first.down().unwrap().iter().map(|op| op.kind()).collect();
    assert_eq!(down, ["rename_table", "drop_table", "drop_table"]);
    let second = registry.get("t0002").unwrap();
    assert_eq!(&*second.allowed, ["drop-table@1: the labels never shipped"]);
    assert_eq!(second.down().unwrap()[0].kind(), "create_table");
}
