//! Extensions, enum types, sequences and comments.

retort::migration! {
    /// Objects beside tables
    revision: "o0001",
    parent: none,
    up {
        create_extension("pg_trgm").if_not_exists();
        create_enum("mood", ["sad", "ok", "happy"]);
        create_sequence("invoice_numbers").start(1000).increment(1).min_value(1000).max_value(999999).cache(10).cycle();
        create_table("invoices", [column("number", BigInt).primary_key().default(sql("nextval('invoice_numbers')"))]);
        comment_on_table("invoices", "issued invoices").from_none();
        comment_on_column("invoices", "number", "from invoice_numbers").from("invoice number");
    }
}

retort::migration! {
    /// Own the sequence, then drop what is no longer needed
    revision: "o0002",
    parent: "o0001",
    up {
        drop_sequence("old_numbers").definition(create_sequence("old_numbers").start(1).owned_by("invoices", "number"));
        drop_enum("old_mood").values(["a", "b"]);
        drop_extension("hstore").if_exists();
    }
}

retort::migration! {
    /// Enum labels cannot be removed, so this revision writes its downgrade
    revision: "o0003",
    parent: "o0002",
    up {
        add_enum_value("mood", "ecstatic").after("happy").if_not_exists();
        add_enum_value("mood", "meh").before("ok");
    }
    down {
        #[allow(raw_sql, reason = "renaming a label is the closest inverse")]
        execute("ALTER TYPE mood RENAME VALUE 'meh' TO 'meh_unused'");
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let down = registry.get("o0001").unwrap().down().unwrap();
    assert_eq!(down.len(), 6);
    assert_eq!(registry.get("o0003").unwrap().down().unwrap()[0].kind(), "execute");
}
