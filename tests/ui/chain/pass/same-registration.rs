//! A revision that `migrations!()` registers in its table is the very one its file's own
//! `migration!` registers (same ops, checksum and `source`), so that building a chain either
//! way never changes the checksum of an applied revision. The same files are registered both
//! ways here, and compared field by field.

#[path = "../fixtures/same-registration/mod.rs"]
mod chain;

#[path = "../fixtures/same-registration/r1_base.rs"]
mod r1_base;
#[path = "../fixtures/same-registration/r2_rename.rs"]
mod r2_rename;
#[path = "../fixtures/same-registration/r3_gone.rs"]
mod r3_gone;

fn main() {
    let listed: Vec<&retort::Revision> =
        retort::__private::inventory::iter::<retort::__private::Revision>.into_iter().collect();
    let tabled: Vec<retort::Revision> = retort::__private::inventory::iter::<retort::__private::RevisionTable>
        .into_iter()
        .flat_map(|t| t.decode().expect("the table decodes"))
        .collect();
    assert_eq!(listed.len(), 4, "{listed:#?}");
    assert_eq!(tabled.len(), 4, "every file is registered by the table: {tabled:#?}");
    for l in listed {
        let t = tabled.iter().find(|t| t.id == l.id).expect("registered both ways");
        assert_eq!(format!("{l:?}"), format!("{t:?}"));
    }
    let second = tabled.iter().find(|t| t.id == "same02").unwrap();
    assert!(second.source.ends_with("same-registration/r2_rename.rs:6"), "{}", second.source);
}
