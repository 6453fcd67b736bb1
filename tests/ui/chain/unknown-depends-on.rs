//! `depends_on` names neither a revision nor a branch label.

mod migrations {
    retort::migrations!("fixtures/unknown-depends-on");
}

fn main() {}
