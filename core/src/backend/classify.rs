//! What a failed statement means, from the server's error code, never its message text.
//!
//! The message is translated when the server's `lc_messages` is not English, so matching it
//! made lock retries silently stop on such servers. PostgreSQL's SQLSTATE and MySQL/MariaDB's
//! error number come through diesel's `DatabaseErrorInformation::sql_state` / `native_code`
//! (the vendored diesel, `vendor/README.md`). The two never collide: PostgreSQL has no native
//! code, and MySQL's number is read before its (coarser) SQLSTATE.

use diesel::result::{DatabaseErrorKind, Error};

/// The kind of a database error the runner acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// A lock wait ran out (`lock_timeout`, `lock_wait_timeout`, `innodb_lock_wait_timeout`):
    /// worth a retry. PostgreSQL `55P03`, MySQL 1205.
    LockTimeout,
    /// The statement ran out of time or was cancelled (`statement_timeout`,
    /// `max_statement_time`, `pg_cancel_backend`, `KILL QUERY`). PostgreSQL `57014`, MySQL 1969,
    /// 3024, 1317.
    Canceled,
    /// The server chose this statement as a deadlock victim. PostgreSQL `40P01`, MySQL 1213.
    Deadlock,
    /// The session is gone: the connection broke or the server ended it. PostgreSQL `08xxx`,
    /// `57P01`-`57P05`, MySQL 2006, 2013, 2055, 1053, 1927.
    ConnectionLost,
    /// Anything else: the statement itself failed.
    Other,
}

/// PostgreSQL: `lock_not_available`.
const PG_LOCK_NOT_AVAILABLE: &str = "55P03";
/// PostgreSQL: `query_canceled` (statement timeout or a cancel request).
const PG_QUERY_CANCELED: &str = "57014";
/// PostgreSQL: `deadlock_detected`.
const PG_DEADLOCK: &str = "40P01";

/// MySQL/MariaDB error numbers (server errors below 2000, client errors from 2000).
mod mysql {
    pub const LOCK_WAIT_TIMEOUT: u32 = 1205;
    pub const DEADLOCK: u32 = 1213;
    pub const QUERY_INTERRUPTED: u32 = 1317;
    /// MariaDB `ER_STATEMENT_TIMEOUT` (`max_statement_time`).
    pub const MARIADB_STATEMENT_TIMEOUT: u32 = 1969;
    /// MySQL `ER_QUERY_TIMEOUT` (`max_execution_time`).
    pub const QUERY_TIMEOUT: u32 = 3024;
    pub const SERVER_SHUTDOWN: u32 = 1053;
    /// MariaDB `ER_CONNECTION_KILLED`.
    pub const CONNECTION_KILLED: u32 = 1927;
    pub const SERVER_GONE: u32 = 2006;
    pub const SERVER_LOST: u32 = 2013;
    pub const SERVER_LOST_EXTENDED: u32 = 2055;
}

/// Classifies a diesel error by the server's code.
pub fn classify(error: &Error) -> ErrorClass {
    let Error::DatabaseError(kind, info) = error else { return ErrorClass::Other };
    if matches!(kind, DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand) {
        return ErrorClass::ConnectionLost;
    }
    if let Some(code) = info.native_code() {
        return classify_mysql(code);
    }
    info.sql_state().map_or(ErrorClass::Other, classify_sqlstate)
}

/// Classifies a PostgreSQL SQLSTATE.
pub fn classify_sqlstate(code: &str) -> ErrorClass {
    match code {
        PG_LOCK_NOT_AVAILABLE => ErrorClass::LockTimeout,
        PG_QUERY_CANCELED => ErrorClass::Canceled,
        PG_DEADLOCK => ErrorClass::Deadlock,
        // 08: connection exception; 57P01-57P05: admin/crash shutdown, cannot connect now,
        // idle session timeout
        c if c.starts_with("08") || c.starts_with("57P") => ErrorClass::ConnectionLost,
        _ => ErrorClass::Other,
    }
}

/// Classifies a MySQL/MariaDB error number.
pub fn classify_mysql(code: u32) -> ErrorClass {
    match code {
        mysql::LOCK_WAIT_TIMEOUT => ErrorClass::LockTimeout,
        mysql::QUERY_INTERRUPTED | mysql::MARIADB_STATEMENT_TIMEOUT | mysql::QUERY_TIMEOUT => ErrorClass::Canceled,
        mysql::DEADLOCK => ErrorClass::Deadlock,
        mysql::SERVER_SHUTDOWN
        | mysql::CONNECTION_KILLED
        | mysql::SERVER_GONE
        | mysql::SERVER_LOST
        | mysql::SERVER_LOST_EXTENDED => ErrorClass::ConnectionLost,
        _ => ErrorClass::Other,
    }
}

/// Whether a database error is a lock timeout: worth a retry.
pub fn is_lock_timeout(error: &Error) -> bool {
    classify(error) == ErrorClass::LockTimeout
}

/// Whether a database error ended the statement by time (a lock or statement timeout, or a
/// cancel), rather than by something in the statement.
pub fn is_timeout(error: &Error) -> bool {
    matches!(classify(error), ErrorClass::LockTimeout | ErrorClass::Canceled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlstates_map_to_their_class() {
        assert_eq!(classify_sqlstate("55P03"), ErrorClass::LockTimeout);
        assert_eq!(classify_sqlstate("57014"), ErrorClass::Canceled);
        assert_eq!(classify_sqlstate("40P01"), ErrorClass::Deadlock);
        assert_eq!(classify_sqlstate("57P01"), ErrorClass::ConnectionLost);
        assert_eq!(classify_sqlstate("08006"), ErrorClass::ConnectionLost);
        assert_eq!(classify_sqlstate("42P07"), ErrorClass::Other);
    }

    #[test]
    fn mysql_numbers_map_to_their_class() {
        assert_eq!(classify_mysql(1205), ErrorClass::LockTimeout);
        assert_eq!(classify_mysql(1969), ErrorClass::Canceled);
        assert_eq!(classify_mysql(3024), ErrorClass::Canceled);
        assert_eq!(classify_mysql(2013), ErrorClass::ConnectionLost);
        assert_eq!(classify_mysql(1050), ErrorClass::Other);
    }

    #[test]
    fn a_message_that_reads_like_a_lock_timeout_is_not_one() {
        // No code: the text alone proves nothing (it may be a translated message, or user data).
        let error = Error::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("canceling statement due to lock timeout".to_string()),
        );
        assert_eq!(classify(&error), ErrorClass::Other);
        let closed = Error::DatabaseError(DatabaseErrorKind::ClosedConnection, Box::new(String::new()));
        assert_eq!(classify(&closed), ErrorClass::ConnectionLost);
    }
}
