//! `Settings`: the runner's knobs (table names, timeouts, lock wait, run-level transaction).

use std::time::Duration;

use super::RunError;

/// Default `lock_timeout` for lock-taking steps on PostgreSQL.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(1);
/// Default wait for another migrator's lock.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);

/// How the runner behaves. Build with struct update syntax over [`Settings::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Name of the version table (one row per current head). Default `retort_version`.
    pub version_table: String,
    /// Name of the history table (one row per step, plus the per-statement journal of
    /// non-transactional revisions). Default `retort_history`.
    pub history_table: String,
    /// Schema (PostgreSQL) or database (MySQL) of both tables; `None` for the connection's
    /// default. Ignored by SQLite.
    pub schema: Option<String>,
    /// `lock_timeout` of each lock-taking step on PostgreSQL (MySQL: `lock_wait_timeout`, rounded
    /// up to whole seconds). A statement that waits longer for a lock fails instead of queueing
    /// every later query behind it.
    pub lock_timeout: Duration,
    /// `statement_timeout` of each lock-holding step on PostgreSQL; `None` leaves the server's
    /// setting. Always off for steps that take weak locks (`CONCURRENTLY`, `VALIDATE CONSTRAINT`).
    pub statement_timeout: Option<Duration>,
    /// How long to wait for another migrator's lock before giving up.
    pub lock_wait: Duration,
    /// Run the whole upgrade in one transaction (PostgreSQL and SQLite): every revision commits
    /// or none does. Revisions with `transaction: none` cannot be part of such a run.
    pub transaction_all: bool,
    /// Revision ids (or unique prefixes) whose edited ops are accepted: their new checksum is
    /// recorded in the history table instead of stopping the run.
    pub accept_checksum: Vec<String>,
    /// Pauses between retries of a revision whose lock-taking statement hit `lock_timeout`
    /// (PostgreSQL); empty means no retry. The revision's transaction is rolled back and run
    /// again after each pause.
    pub lock_retry_delays: Vec<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version_table: "retort_version".into(),
            history_table: "retort_history".into(),
            schema: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            statement_timeout: None,
            lock_wait: DEFAULT_LOCK_WAIT,
            transaction_all: false,
            accept_checksum: Vec::new(),
            lock_retry_delays: Vec::new(),
        }
    }
}

impl Settings {
    /// Checks table and schema names: plain identifiers only, so that they can be used in lock
    /// names and messages as they are.
    pub fn validate(&self) -> Result<(), RunError> {
        identifier("version_table", &self.version_table)?;
        identifier("history_table", &self.history_table)?;
        if let Some(schema) = &self.schema {
            identifier("schema", schema)?;
        }
        if self.version_table == self.history_table {
            return Err(RunError::config(format!(
                "version_table and history_table are both {:?}; give them different names",
                self.version_table
            )));
        }
        Ok(())
    }
}

fn identifier(key: &str, value: &str) -> Result<(), RunError> {
    let mut chars = value.chars();
    let valid = value.len() <= 63
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(RunError::config(format!(
            "{key} {value:?} is not a plain identifier; use letters, digits and `_` (at most 63, not starting with a digit)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_settings_are_valid() {
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn table_name_with_sql_in_it_is_refused() {
        let settings = Settings { version_table: "v; drop table x".into(), ..Settings::default() };
        let err = settings.validate().unwrap_err();
        assert!(err.to_string().contains("version_table"), "{err}");
        assert!(err.is_usage_error());
    }

    #[test]
    fn same_name_for_both_tables_is_refused() {
        let settings = Settings { history_table: "retort_version".into(), ..Settings::default() };
        assert!(settings.validate().is_err());
    }
}
