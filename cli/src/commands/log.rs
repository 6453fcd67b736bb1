//! `log`: the history table, what ran against the database (as Flyway's `info` shows it), where
//! `history` lists the revisions this binary holds.

use std::io::{self, Write};

use retort::runner::{HistoryRow, Migrator};
use serde::Serialize;

use super::migrate::{connect_existing, settings};
use super::{graph, registry, Ctx};
use crate::args::LogArgs;
use crate::error::CliError;
use crate::output::style::{DIM, ERROR, OK, WARN};
use crate::output::table::{self, Row};
use crate::output::{Verbosity, View};

/// What `log` prints (JSON fields in docs/cli.md).
#[derive(Serialize)]
struct LogView {
    /// The database URL, password obfuscated.
    database: String,
    /// The steps, oldest first.
    steps: Vec<LogStep>,
}

/// One row of the history table.
#[derive(Serialize)]
struct LogStep {
    /// The row's id: the order steps ran in.
    id: i64,
    revision: String,
    /// The revision's message when this binary holds it.
    message: Option<String>,
    /// `up`, `down`, `stamp`, `unstamp` or `accept` (an accepted checksum).
    direction: &'static str,
    started_at: String,
    finished_at: Option<String>,
    duration_ms: Option<i64>,
    /// `true` applied, `false` failed, `null` running or stopped by a dead migrator.
    success: Option<bool>,
    error: Option<String>,
    executed_by: Option<String>,
    host: Option<String>,
    statements_done: u32,
    statements_total: Option<u32>,
    retries: u32,
    transaction_mode: Option<String>,
    checksum: Option<String>,
    tool_version: Option<String>,
}

impl LogStep {
    fn new(row: HistoryRow, message: Option<String>) -> Self {
        Self {
            id: row.id,
            revision: row.revision,
            message,
            direction: row.kind.as_str(),
            started_at: row.started_at,
            finished_at: row.finished_at,
            duration_ms: row.duration_ms,
            success: row.success,
            error: row.error,
            executed_by: row.executed_by,
            host: row.host,
            statements_done: row.statements_done,
            statements_total: row.statements_total,
            retries: row.retries,
            transaction_mode: row.transaction_mode,
            checksum: row.checksum,
            tool_version: row.tool_version,
        }
    }

    fn outcome(&self) -> &'static str {
        match self.success {
            Some(true) => "ok",
            Some(false) => "failed",
            None => "unfinished",
        }
    }
}

impl View for LogView {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        // The note on stderr says nothing ran; an empty table would say no more.
        if self.steps.is_empty() {
            return Ok(());
        }
        let verbose = verbosity >= Verbosity::Verbose;
        let rows: Vec<Row> = self
            .steps
            .iter()
            .map(|s| {
                let mut row = Row::cells([
                    when(&s.started_at),
                    s.revision.clone(),
                    s.direction.to_string(),
                    s.duration_ms.map_or_else(|| "-".into(), |ms| retort::human::millis(ms as f64)),
                    s.executed_by.clone().unwrap_or_else(|| "-".into()),
                    s.host.clone().unwrap_or_else(|| "-".into()),
                    s.outcome().to_string(),
                ]);
                if let Some(error) = &s.error {
                    let error = if verbose { error.trim().to_string() } else { one_line(error, 100) };
                    row.after.push(format!("{ERROR}error:{ERROR:#} {}", error.replace('\n', "\n    ")));
                }
                if verbose {
                    if let Some(message) = &s.message {
                        row.after.push(format!("{DIM}{message}{DIM:#}"));
                    }
                    let total = s.statements_total.map_or_else(|| "?".into(), |t| t.to_string());
                    row.after.push(format!(
                        "{DIM}{} of {total} statements, {} retries, transaction {}, retort {}{DIM:#}",
                        s.statements_done,
                        s.retries,
                        s.transaction_mode.as_deref().unwrap_or("?"),
                        s.tool_version.as_deref().unwrap_or("?"),
                    ));
                }
                row
            })
            .collect();
        table::write(w, "", &["when (UTC)", "revision", "direction", "duration", "by", "host", "result"], &rows)?;
        let failed = self.steps.iter().filter(|s| s.success == Some(false)).count();
        let unfinished = self.steps.iter().filter(|s| s.success.is_none()).count();
        let steps = indicatif::HumanCount(self.steps.len() as u64);
        match (failed, unfinished) {
            (0, 0) => writeln!(w, "{OK}{steps} step(s){OK:#}, none failed"),
            _ => writeln!(w, "{WARN}{steps} step(s){WARN:#}: {failed} failed, {unfinished} unfinished"),
        }
    }
}

/// `2026-01-15 09:30:12` from the stored RFC 3339 time (UTC), or the stored text as it is.
fn when(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

/// The first line of `text`, cut to `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    if first.chars().count() > max || text.trim().lines().count() > 1 {
        format!("{}…", first.chars().take(max).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Prints the history table of the database; reads only, and creates nothing.
pub fn log(ctx: &mut Ctx<'_>, args: &LogArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let graph = graph(&registry)?;
    let mut rows = match connect_existing(&config)? {
        Some(mut db) => Migrator::new(&registry, settings(&config))?.history(&mut db)?,
        None => Vec::new(),
    };
    if let Some(last) = args.last {
        rows.drain(..rows.len().saturating_sub(last));
    }
    if rows.is_empty() {
        ctx.out.note(format_args!("{DIM}no migration has run against {}{DIM:#}", config.display_url()));
    }
    let steps = rows
        .into_iter()
        .map(|row| {
            let message =
                graph.get(&row.revision).map(|r| r.message.lines().next().unwrap_or_default().trim().to_string());
            LogStep::new(row, message)
        })
        .collect();
    ctx.out.emit(&LogView { database: config.display_url(), steps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_utc_without_the_t_and_the_fraction() {
        assert_eq!(when("2026-01-15T09:30:12.345Z"), "2026-01-15 09:30:12");
        assert_eq!(when("2026-01-15T10:30:12+01:00"), "2026-01-15 09:30:12");
        assert_eq!(when("yesterday"), "yesterday");
    }

    #[test]
    fn errors_show_their_first_line_cut() {
        assert_eq!(one_line("relation \"users\" already exists", 100), "relation \"users\" already exists");
        assert_eq!(one_line("first\nsecond", 100), "first…");
        assert_eq!(one_line("abcdef", 3), "abc…");
    }
}
