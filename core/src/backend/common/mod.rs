//! The generic SQL every dialect starts from: sea-query statements where they exist, shared
//! extension statements (views, indexes with features sea-query lacks) where they do not.

pub(crate) mod column;
pub(crate) mod constraint;
pub(crate) mod data;
pub(crate) mod index;
pub(crate) mod table;
pub(crate) mod view;
