//! MySQL and MariaDB: the renderer (`render.rs`), the statements sea-query lacks (`ext.rs`) and
//! what it reads from the live database (`introspect.rs`).

pub(crate) mod catalog;
mod ext;
pub(crate) mod inspect;
#[cfg(feature = "mysql")]
mod introspect;
mod render;

#[cfg(feature = "mysql")]
pub use introspect::introspect_mysql_table;
pub(crate) use render::{defined_table, Mysql};
