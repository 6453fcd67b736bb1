//! Phase 3: the compile-time checks, one file per rule family. Each records its errors and
//! returns; none stops at the first.

mod locate;
pub(crate) mod pairing;
pub(crate) mod safety;
pub(crate) mod transaction;
pub(crate) mod wellformed;
