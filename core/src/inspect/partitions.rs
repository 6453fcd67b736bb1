//! `partitions ensure`: creates the missing range partitions of a date-partitioned table, from
//! the end of the last one (or the current period) up to N periods ahead, each with the safe
//! recipe of `create_partition(..).standalone(key)`: a plain table `LIKE` the parent, a CHECK
//! matching the bound, `ATTACH PARTITION` (which the CHECK lets skip its scan), under the runner's
//! `lock_timeout`. Idempotent: a range an existing partition covers is never created again.

use std::fmt;
use std::str::FromStr;
use std::thread;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::{execute, flag, query, render_context, text, InspectError};
use crate::backend::inspect::{self as queries, BoundEnd, PrintedBound};
use crate::backend::{self, Dialect};
use crate::ops::{CreatePartition, Op, PartitionBound, Value};
use crate::runner::{Database, LockAttempt, Settings};

/// More candidate partitions than this is a mistake (a daily table last extended years ago),
/// not a maintenance run.
const MAX_NEW_PARTITIONS: usize = 1000;

/// PostgreSQL truncates longer identifiers.
const MAX_NAME_BYTES: usize = 63;

/// How long each partition's range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// One day.
    Day,
    /// One week, Monday to Monday.
    Week,
    /// One calendar month.
    Month,
    /// One calendar year.
    Year,
}

impl Interval {
    /// `day`, `week`, `month`, `year`.
    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The partition name template used when none is given: `{table}_{year}_{month}` for
    /// months (`events_2026_11`), the period's first day for days and weeks, `{table}_{year}`.
    pub fn default_template(self) -> &'static str {
        match self {
            Interval::Day | Interval::Week => "{table}_{year}_{month}_{day}",
            Interval::Month => "{table}_{year}_{month}",
            Interval::Year => "{table}_{year}",
        }
    }

    /// The start of the period holding `date`.
    pub fn floor(self, date: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => date,
            Interval::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Interval::Month => date.with_day(1).unwrap_or(date),
            Interval::Year => date.with_ordinal(1).unwrap_or(date),
        }
    }

    /// The start of the next period; `None` past the end of the calendar.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
            Interval::Year => start.checked_add_months(Months::new(12)),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "day" | "daily" => Ok(Interval::Day),
            "week" | "weekly" => Ok(Interval::Week),
            "month" | "monthly" => Ok(Interval::Month),
            "year" | "yearly" => Ok(Interval::Year),
            _ => Err(format!("unknown interval `{s}`; write day, week, month or year")),
        }
    }
}

/// What `ensure_partitions` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnsureOptions {
    /// The partitioned table.
    pub table: String,
    /// Each partition's range.
    pub interval: Interval,
    /// How many periods after the current one must have a partition.
    pub ahead: u32,
    /// The partitions' names: `{table}`, `{year}`, `{month}`, `{day}` (the period's first day),
    /// `{week}` and `{isoyear}` (its ISO week); `None` for [`Interval::default_template`].
    pub name_template: Option<String>,
    /// The current date; `None` asks the database (`current_date` in the session's time zone,
    /// the zone the bounds' dates are read in).
    pub today: Option<NaiveDate>,
    /// Compute what is missing, create nothing.
    pub dry_run: bool,
    /// `lock_timeout` of each partition's transaction when `lock_retries` is empty, and in the
    /// script (`--sql`).
    pub lock_timeout: Duration,
    /// The attempts of each partition's transaction, as the runner's: attempt `i` runs with
    /// `lock_retries[i].lock_timeout` and, when it times out, is rolled back and retried after
    /// `lock_retries[i].pause`.
    pub lock_retries: Vec<LockAttempt>,
    /// How long to wait for another `partitions ensure` of the same table.
    pub lock_wait: Duration,
}

impl EnsureOptions {
    /// Options with the runner's default timeouts.
    pub fn new(table: impl Into<String>, interval: Interval, ahead: u32) -> Self {
        let defaults = Settings::default();
        EnsureOptions {
            table: table.into(),
            interval,
            ahead,
            name_template: None,
            today: None,
            dry_run: false,
            lock_timeout: defaults.lock_timeout,
            lock_retries: defaults.lock_retries,
            lock_wait: defaults.lock_wait,
        }
    }

    /// The runner's `lock_timeout`, lock retry schedule and lock wait.
    pub fn settings(mut self, settings: &Settings) -> Self {
        self.lock_timeout = settings.lock_timeout;
        self.lock_retries = settings.lock_retries.clone();
        self.lock_wait = settings.lock_wait;
        self
    }
}

/// What `ensure_partitions` found and did.
#[derive(Debug, Clone, Serialize)]
pub struct EnsureReport {
    /// The database URL, password obfuscated.
    pub database: String,
    /// The partitioned table.
    pub table: String,
    /// Its partition key column.
    pub key: String,
    /// The key's type.
    pub key_type: String,
    /// Each partition's range.
    pub interval: Interval,
    /// Periods after the current one that must have a partition.
    pub ahead: u32,
    /// The current date the periods count from (`YYYY-MM-DD`).
    pub today: String,
    /// The partitions must cover up to this date (exclusive).
    pub through: String,
    /// Nothing was created: `created` lists what would be.
    pub dry_run: bool,
    /// The partitions that existed before.
    pub existing: Vec<ExistingPartition>,
    /// The partitions created (with `dry_run`: to be created), oldest first.
    pub created: Vec<NewPartition>,
    /// Periods left alone because an existing partition covers part of them (a period an
    /// existing partition covers exactly is not listed).
    pub skipped: Vec<SkippedPartition>,
    /// Things to know (a default partition, unreadable bounds).
    pub notes: Vec<String>,
    /// The SQL of `created`, one transaction each (what `--sql` prints).
    #[serde(skip)]
    pub script: String,
}

/// A partition that exists.
#[derive(Debug, Clone, Serialize)]
pub struct ExistingPartition {
    /// Its name.
    pub name: String,
    /// Its bound as the database prints it.
    pub bound: String,
}

/// A partition created (or, in a dry run, to be created).
#[derive(Debug, Clone, Serialize)]
pub struct NewPartition {
    /// Its name.
    pub name: String,
    /// First day of its range (inclusive).
    pub from: String,
    /// First day after its range (exclusive).
    pub to: String,
    /// The statements of the safe recipe.
    pub statements: Vec<String>,
}

/// A period left without a new partition.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedPartition {
    /// The name it would have had.
    pub name: String,
    /// First day of the period.
    pub from: String,
    /// First day after it.
    pub to: String,
    /// Why.
    pub reason: String,
}

/// A date range; `None` ends are unbounded (`MINVALUE`, `MAXVALUE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Span {
    fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.from.is_none_or(|f| f < to) && self.to.is_none_or(|t| from < t)
    }
}

/// The parent's shape, checked.
struct Parent {
    key: String,
    key_type: String,
}

/// Creates the missing partitions of `options.table` (see the module documentation), or with
/// `dry_run` only says which. PostgreSQL only; the table must be range-partitioned on one date
/// or timestamp column.
pub fn ensure_partitions(db: &mut Database, options: &EnsureOptions) -> Result<EnsureReport, InspectError> {
    let dialect = db.dialect();
    let table = options.table.as_str();
    let parent_sql = queries::partitioned_table_query(dialect, table).map_err(|reason| InspectError::Unsupported {
        what: "partitions ensure",
        dialect,
        reason,
    })?;
    let template = options.name_template.clone().unwrap_or_else(|| options.interval.default_template().to_string());
    check_template(&template)?;
    let parent = read_parent(db, dialect, table, &parent_sql)?;
    let today = match options.today {
        Some(today) => today,
        None => read_today(db, dialect)?,
    };
    // One run per table at a time: the next one reads what this one created.
    let lock = if options.dry_run { None } else { queries::maintenance_lock(dialect, table) };
    if let Some((take, _)) = &lock {
        take_lock(db, table, take, options.lock_wait)?;
    }
    let result = ensure_locked(db, options, &parent, &template, today);
    if let Some((_, release)) = &lock {
        // Also released when the session ends; a failure here changes nothing for the caller.
        let _ = db.batch_execute(release);
    }
    result
}

fn ensure_locked(
    db: &mut Database,
    options: &EnsureOptions,
    parent: &Parent,
    template: &str,
    today: NaiveDate,
) -> Result<EnsureReport, InspectError> {
    let dialect = db.dialect();
    let table = options.table.as_str();
    let interval = options.interval;
    let (existing, spans, notes) = read_partitions(db, dialect, table)?;

    let current = interval.floor(today);
    let mut last = current;
    for _ in 0..options.ahead {
        last = interval
            .next(last)
            .ok_or_else(|| InspectError::refused("--ahead reaches past the calendar; ask for fewer periods"))?;
    }
    let through = interval
        .next(last)
        .ok_or_else(|| InspectError::refused("--ahead reaches past the calendar; ask for fewer periods"))?;
    // Fill the gap between the last partition and now too, so that no recent row lacks one.
    let last_end = spans.iter().filter_map(|(_, s)| s.to).max();
    let mut start = match last_end {
        Some(end) if end < current => interval.floor(end),
        _ => current,
    };
    let mut periods = Vec::new();
    while start <= last {
        let Some(end) = interval.next(start) else { break };
        periods.push((start, end));
        if periods.len() > MAX_NEW_PARTITIONS {
            return Err(InspectError::refused(format!(
                "{table} would need more than {MAX_NEW_PARTITIONS} new partitions (its last partition ends {}); create the \
                 old ones by hand, or use a longer --interval",
                last_end.map_or_else(|| "-".to_string(), |d| d.to_string())
            )));
        }
        start = end;
    }

    let ctx = render_context(db)?;
    let mut created = Vec::new();
    let mut skipped = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (from, to) in periods {
        let name = partition_name(template, table, from);
        if name.len() > MAX_NAME_BYTES {
            return Err(InspectError::refused(format!(
                "partition name {name} is {} bytes long (the limit is {MAX_NAME_BYTES}); shorten --name",
                name.len()
            )));
        }
        if !names.insert(name.clone()) {
            return Err(InspectError::refused(format!(
                "the name template {template} gives two {interval} partitions the name {name}; put the tokens of a \
                 {interval} in it (e.g. {})",
                interval.default_template()
            )));
        }
        if spans.iter().any(|(_, s)| s.from == Some(from) && s.to == Some(to)) {
            continue; // there already: nothing to say
        }
        if let Some((other, _)) = spans.iter().find(|(_, s)| s.overlaps(from, to)) {
            skipped.push(SkippedPartition {
                name,
                from: from.to_string(),
                to: to.to_string(),
                reason: format!("{other} already covers part of it"),
            });
            continue;
        }
        let op = Op::CreatePartition(
            CreatePartition::new(
                name.clone(),
                table,
                PartitionBound::Range {
                    from: vec![Value::Str(from.to_string())],
                    to: vec![Value::Str(to.to_string())],
                },
            )
            .standalone(parent.key.clone()),
        );
        let statements = backend::render(&op, dialect, &ctx)
            .map_err(|e| InspectError::refused(format!("cannot create partition {name} of {table}: {e}")))?;
        created.push(NewPartition { name, from: from.to_string(), to: to.to_string(), statements });
    }

    let script = created
        .iter()
        .map(|p| {
            let tx = queries::guarded_transaction(dialect, options.lock_timeout, &p.statements);
            format!("-- {} [{}, {})\n{};\n", p.name, p.from, p.to, tx.join(";\n"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    if !options.dry_run {
        create_all(db, options, &created)?;
    }
    Ok(EnsureReport {
        database: db.display_url().to_string(),
        table: table.to_string(),
        key: parent.key.clone(),
        key_type: parent.key_type.clone(),
        interval,
        ahead: options.ahead,
        today: today.to_string(),
        through: through.to_string(),
        dry_run: options.dry_run,
        existing,
        created,
        skipped,
        notes,
        script,
    })
}

/// Creates each partition in its own transaction, with the runner's lock retry schedule.
fn create_all(db: &mut Database, options: &EnsureOptions, partitions: &[NewPartition]) -> Result<(), InspectError> {
    let dialect = db.dialect();
    let attempts: Vec<(Duration, Duration)> = if options.lock_retries.is_empty() {
        vec![(options.lock_timeout, Duration::ZERO)]
    } else {
        options.lock_retries.iter().map(|a| (a.lock_timeout, a.pause)).collect()
    };
    for (i, p) in partitions.iter().enumerate() {
        for (attempt, (lock_timeout, pause)) in attempts.iter().enumerate() {
            let batch = queries::guarded_transaction(dialect, *lock_timeout, &p.statements).join("\n;\n");
            let Err(e) = db.batch_execute(&batch) else { break };
            let _ = db.batch_execute("ROLLBACK");
            let message = Database::message(&e);
            if crate::backend::is_lock_timeout(&e) && attempt + 1 < attempts.len() {
                tracing::warn!(partition = %p.name, attempt = attempt + 1, pause_ms = pause.as_millis(), "lock timeout, retrying");
                thread::sleep(*pause);
                continue;
            }
            return Err(InspectError::Partition {
                table: options.table.clone(),
                name: p.name.clone(),
                message,
                created: partitions[..i].iter().map(|p| p.name.clone()).collect(),
            });
        }
    }
    Ok(())
}

fn read_parent(db: &mut Database, dialect: Dialect, table: &str, sql: &str) -> Result<Parent, InspectError> {
    let rows = query::<5>(db, sql, format!("reading the partitioning of {table}"))?;
    let Some(row) = rows.first() else {
        return Err(InspectError::refused(format!("table {table} does not exist; check --table")));
    };
    let Some(strategy) = text(&row[1]) else {
        return Err(InspectError::refused(format!(
            "{table} is not a partitioned table; partitions ensure adds partitions to a table created with \
             `partition_by(Range, [\"<date column>\"])`"
        )));
    };
    if strategy != "r" {
        let kind = if strategy == "l" { "list" } else { "hash" };
        return Err(InspectError::refused(format!(
            "{table} is {kind}-partitioned; partitions ensure creates range partitions by date only"
        )));
    }
    if text(&row[2]).as_deref() != Some("1") {
        return Err(InspectError::refused(format!(
            "{table} is partitioned on several columns; partitions ensure handles a single date or timestamp key"
        )));
    }
    let (Some(key), Some(key_type)) = (text(&row[3]), text(&row[4])) else {
        return Err(InspectError::refused(format!(
            "{table} is partitioned on an expression; partitions ensure handles a date or timestamp column"
        )));
    };
    if !queries::is_date_type(dialect, &key_type) {
        return Err(InspectError::refused(format!(
            "the partition key {table}.{key} is {key_type}, not a date or timestamp; partitions ensure creates date ranges"
        )));
    }
    Ok(Parent { key, key_type })
}

fn read_today(db: &mut Database, dialect: Dialect) -> Result<NaiveDate, InspectError> {
    let rows = query::<1>(db, queries::today_query(dialect), "reading the current date")?;
    let value = rows.first().and_then(|[v]| text(v)).unwrap_or_default();
    NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| InspectError::Query {
        context: "reading the current date".into(),
        url: db.display_url().to_string(),
        message: format!("unexpected date {value:?}"),
    })
}

type Partitions = (Vec<ExistingPartition>, Vec<(String, Span)>, Vec<String>);

/// The partitions, the date span of each range partition, and notes about the others.
fn read_partitions(db: &mut Database, dialect: Dialect, table: &str) -> Result<Partitions, InspectError> {
    let Some(sql) = queries::partitions_query(dialect, table) else {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    };
    let context = format!("reading the partitions of {table}");
    let setup = queries::bound_format_setup(dialect);
    let rows = if setup.is_empty() {
        query::<2>(db, &sql, context)?
    } else {
        let mut framed = vec!["BEGIN".to_string()];
        framed.extend(setup);
        execute(db, &framed, context.clone())?;
        let rows = query::<2>(db, &sql, context.clone());
        let _ = db.batch_execute("COMMIT");
        rows?
    };
    let mut existing = Vec::new();
    let mut spans = Vec::new();
    let mut notes = Vec::new();
    for row in rows {
        let (Some(name), Some(bound)) = (text(&row[0]), text(&row[1])) else { continue };
        match queries::parse_bound(dialect, &bound) {
            PrintedBound::Range(from, to) => match (lower(&from), upper(&to)) {
                (Some(from), Some(to)) => spans.push((name.clone(), Span { from, to })),
                _ => notes.push(format!("cannot read the dates of {name} ({bound}); the database refuses an overlap")),
            },
            PrintedBound::Default => notes.push(format!(
                "{name} is the DEFAULT partition: each ATTACH scans it for rows of the new range under an exclusive \
                 lock, and fails if it holds any (move them out first)"
            )),
            PrintedBound::Other => notes.push(format!("{name} has a bound that is not a date range ({bound})")),
        }
        existing.push(ExistingPartition { name, bound });
    }
    Ok((existing, spans, notes))
}

/// A lower bound's day: `Some(None)` for `MINVALUE`; `None` when unreadable.
fn lower(end: &BoundEnd) -> Option<Option<NaiveDate>> {
    match end {
        BoundEnd::Min => Some(None),
        BoundEnd::Max => Some(Some(NaiveDate::MAX)),
        BoundEnd::Value(text) => date_of(text).map(|(date, _)| Some(date)),
    }
}

/// An upper bound's day, rounded up past a time of day: `Some(None)` for `MAXVALUE`.
fn upper(end: &BoundEnd) -> Option<Option<NaiveDate>> {
    match end {
        BoundEnd::Max => Some(None),
        BoundEnd::Min => Some(Some(NaiveDate::MIN)),
        BoundEnd::Value(text) => {
            let (date, midnight) = date_of(text)?;
            Some(Some(if midnight { date } else { date.succ_opt().unwrap_or(date) }))
        }
    }
}

/// The date of `2026-02-01`, `2026-02-01 00:00:00`, `2026-02-01 00:00:00+01`, and whether the
/// time of day (if any) is midnight.
fn date_of(text: &str) -> Option<(NaiveDate, bool)> {
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    let time = text[10..].trim();
    let clock = time.split(['+', '-']).next().unwrap_or_default();
    let midnight = clock.chars().all(|c| c == '0' || c == ':' || c == '.');
    Some((date, midnight))
}

/// Takes the per-table maintenance lock, waiting up to `wait` for another run to finish.
fn take_lock(db: &mut Database, table: &str, take: &str, wait: Duration) -> Result<(), InspectError> {
    let started = Instant::now();
    loop {
        let rows = query::<1>(db, take, format!("taking the partition-maintenance lock of {table}"))?;
        if rows.first().is_some_and(|[v]| flag(v)) {
            return Ok(());
        }
        if started.elapsed() >= wait {
            return Err(InspectError::Busy { table: table.to_string(), waited: started.elapsed() });
        }
        thread::sleep(Duration::from_millis(200));
    }
}

const TOKENS: [&str; 6] = ["table", "year", "month", "day", "week", "isoyear"];

fn check_template(template: &str) -> Result<(), InspectError> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(InspectError::refused(format!("the name template {template} has an unclosed `{{`")));
        };
        let token = &rest[open + 1..open + close];
        if !TOKENS.contains(&token) {
            return Err(InspectError::refused(format!(
                "the name template {template} has an unknown token {{{token}}}; use {}",
                TOKENS.map(|t| format!("{{{t}}}")).join(", ")
            )));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// The name of the partition whose period starts on `from`.
fn partition_name(template: &str, table: &str, from: NaiveDate) -> String {
    let iso = from.iso_week();
    template
        .replace("{table}", table)
        .replace("{isoyear}", &format!("{:04}", iso.year()))
        .replace("{year}", &format!("{:04}", from.year()))
        .replace("{month}", &format!("{:02}", from.month()))
        .replace("{day}", &format!("{:02}", from.day()))
        .replace("{week}", &format!("{:02}", iso.week()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_start_on_their_calendar_boundary() {
        assert_eq!(Interval::Month.floor(d("2026-11-21")), d("2026-11-01"));
        assert_eq!(Interval::Year.floor(d("2026-11-21")), d("2026-01-01"));
        assert_eq!(Interval::Week.floor(d("2026-11-21")), d("2026-11-16"));
        assert_eq!(Interval::Month.next(d("2026-12-01")), Some(d("2027-01-01")));
        assert_eq!(Interval::Week.next(d("2026-12-28")), Some(d("2027-01-04")));
    }

    #[test]
    fn names_follow_the_template() {
        assert_eq!(partition_name("{table}_{year}_{month}", "events", d("2026-11-01")), "events_2026_11");
        assert_eq!(partition_name("{table}_{isoyear}_w{week}", "events", d("2025-12-29")), "events_2026_w01");
        assert!(check_template("{table}_{year}_{month}").is_ok());
        assert!(check_template("{table}_{yr}").is_err());
        assert!(check_template("{table}_{year").is_err());
    }

    #[test]
    fn printed_bounds_become_day_spans() {
        assert_eq!(date_of("2026-02-01 00:00:00+00"), Some((d("2026-02-01"), true)));
        assert_eq!(date_of("2026-02-01 00:00:00-05"), Some((d("2026-02-01"), true)));
        assert_eq!(date_of("2026-02-01"), Some((d("2026-02-01"), true)));
        assert_eq!(date_of("2026-02-01 12:30:00+00"), Some((d("2026-02-01"), false)));
        assert_eq!(upper(&BoundEnd::Value("2026-02-01 12:30:00".into())), Some(Some(d("2026-02-02"))));
        assert_eq!(upper(&BoundEnd::Max), Some(None));
        assert_eq!(lower(&BoundEnd::Value("garbage".into())), None);
        let span = Span { from: Some(d("2026-01-01")), to: Some(d("2026-02-01")) };
        assert!(span.overlaps(d("2026-01-15"), d("2026-02-15")));
        assert!(!span.overlaps(d("2026-02-01"), d("2026-03-01")));
        assert!(Span { from: None, to: None }.overlaps(d("2026-02-01"), d("2026-03-01")));
    }

    #[test]
    fn interval_names_parse() {
        assert_eq!("month".parse::<Interval>(), Ok(Interval::Month));
        assert_eq!("Weekly".parse::<Interval>(), Ok(Interval::Week));
        assert!("fortnight".parse::<Interval>().is_err());
    }
}
