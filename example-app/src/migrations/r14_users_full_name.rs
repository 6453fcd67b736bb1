//! r14 `ab43a9d12723`: rename `display_name` to `full_name`, phase 1 (expand): add the new column.

retort::migration! {
    /// Add users.full_name (expand phase of renaming display_name)
    revision: "ab43a9d12723",
    parent: "ad0ca55057dc",
    up {
        // A plain RENAME COLUMN breaks every running instance that still says display_name.
        // Instead: add full_name, write both from the app, copy (r15), drop the old one (r16).
        add_column("users", column("full_name", Text).comment("replaces display_name"));
    }
}
