//! r25 `2986d4bda315`: table restructure, step 2: copy the grants into the new shape.

retort::migration! {
    /// Copy user_roles into role_assignments
    revision: "2986d4bda315",
    parent: "8fd832a096ac",
    up {
        // Both shapes hold a handful of rows per user, small enough for one statement.
        #[allow(raw_sql, reason = "INSERT .. SELECT across two tables; no typed op copies between tables")]
        execute(
            "INSERT INTO role_assignments (user_id, role_id, granted_at) \
             SELECT ur.user_id, r.id, ur.granted_at FROM user_roles ur JOIN roles r ON r.name = ur.role"
        );
    }
    down {
        // role_assignments is the source of truth from this revision on (grants made since
        // are in it too), so the old shape is rebuilt from it, not left as it was.
        execute("DELETE FROM user_roles");
        execute(
            "INSERT INTO user_roles (user_id, role, granted_at) \
             SELECT ra.user_id, r.name, ra.granted_at FROM role_assignments ra JOIN roles r ON r.id = ra.role_id"
        );
        execute("DELETE FROM role_assignments");
    }
}
