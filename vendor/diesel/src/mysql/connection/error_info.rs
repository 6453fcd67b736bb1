//! The error information of a failed MySQL statement, with its error number and SQLSTATE.
//!
//! Added by retort's vendored copy (see `vendor/README.md`): upstream keeps only the message.

use crate::result::DatabaseErrorInformation;

#[derive(Debug)]
pub(super) struct MysqlErrorInformation {
    pub(super) message: String,
    pub(super) errno: u32,
    pub(super) sql_state: String,
}

impl DatabaseErrorInformation for MysqlErrorInformation {
    fn message(&self) -> &str {
        &self.message
    }
    fn details(&self) -> Option<&str> {
        None
    }
    fn hint(&self) -> Option<&str> {
        None
    }
    fn table_name(&self) -> Option<&str> {
        None
    }
    fn column_name(&self) -> Option<&str> {
        None
    }
    fn constraint_name(&self) -> Option<&str> {
        None
    }
    fn statement_position(&self) -> Option<i32> {
        None
    }
    fn sql_state(&self) -> Option<&str> {
        Some(self.sql_state.as_str()).filter(|s| !s.is_empty())
    }
    fn native_code(&self) -> Option<u32> {
        Some(self.errno).filter(|n| *n != 0)
    }
}
