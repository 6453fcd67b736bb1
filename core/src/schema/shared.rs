//! The part of the schema module that the `migration!` and `migrations!` macros mount as well,
//! the way they mount `ops/`: the model, expression equality, folding ops into a model and diffing two.
//!
//! These files depend only on std, serde and `crate::ops`. The macro crate mounts this file as
//! a module named `schema` next to its `ops`:
//!
//! ```ignore
//! #[path = "../../core/src/schema/shared.rs"]
//! mod schema;
//! ```

#[path = "chunked.rs"]
pub mod chunked;
#[path = "diff.rs"]
pub mod diff;
#[path = "fold.rs"]
pub mod fold;
#[path = "fold_objects.rs"]
mod fold_objects;
#[path = "fold_raw.rs"]
pub mod fold_raw;
#[path = "model.rs"]
pub mod model;
#[path = "normalize.rs"]
pub mod normalize;
