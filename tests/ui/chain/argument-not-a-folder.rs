//! The argument is a folder as a string literal, or nothing.

mod migrations {
    retort::migrations!(migrations);
}

fn main() {}
