//! MySQL and MariaDB: the renderer (`render.rs`) and the statements sea-query lacks (`ext.rs`).

mod ext;
mod render;

pub(crate) use render::Mysql;
