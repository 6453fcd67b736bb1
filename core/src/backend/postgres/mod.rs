//! PostgreSQL: the renderer (`render.rs`), the statements sea-query lacks (`ext.rs`) and what
//! depends on the server's version (`server.rs`).

pub(crate) mod catalog;
mod ext;
pub(crate) mod inspect;
mod render;
mod server;

pub(crate) use render::Postgres;
