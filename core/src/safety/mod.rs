//! The migration-safety rules of SAFETY.md, over ops. Shared with the macro, like `ops`.
