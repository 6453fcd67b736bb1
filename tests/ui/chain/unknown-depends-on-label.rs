//! A misspelt branch label in `depends_on`: did you mean the label.

mod migrations {
    retort::migrations!("fixtures/unknown-depends-on-label");
}

fn main() {}
