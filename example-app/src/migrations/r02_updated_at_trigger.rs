//! r02 `1a5769c0b403`: keep `users.updated_at` current with a trigger (PostgreSQL).

retort::migration! {
    /// Maintain users.updated_at with a trigger
    revision: "1a5769c0b403",
    parent: "c53736363ba8",
    up {
        // There is no typed op for functions and triggers; this is the raw-SQL escape hatch,
        // paired with its exact inverse below.
        #[allow(raw_sql, reason = "plpgsql function and trigger: no typed op exists; the down drops both")]
        execute(
            "CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql \
             AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$"
        ).only([postgres]);
        #[allow(raw_sql, reason = "plpgsql function and trigger: no typed op exists; the down drops both")]
        execute(
            "CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users \
             FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        ).only([postgres]);
    }
    down {
        execute("DROP TRIGGER trg_users_updated_at ON users").only([postgres]);
        execute("DROP FUNCTION set_updated_at()").only([postgres]);
    }
}
