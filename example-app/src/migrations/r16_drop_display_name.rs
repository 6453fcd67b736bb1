//! r16 `b2b265c5e375`: rename, phase 3 (contract): drop `display_name`, keeping it restorable.

retort::migration! {
    /// Drop users.display_name (contract phase of the rename)
    revision: "b2b265c5e375",
    parent: "279c684e8e43",
    up {
        // With its definition the drop is reversible: the downgrade re-adds the column, and
        // r15's downgrade copies the names back into it.
        #[allow(drop_column, reason = "contract phase: no release since r14 reads display_name; full_name holds the data")]
        drop_column("users", "display_name").definition(column("display_name", Text));
    }
}
