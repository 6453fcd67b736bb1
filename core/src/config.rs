//! Configuration resolution: where the database URL and the migration settings come from.
//!
//! Sources, from lowest to highest precedence (ripgrep's low → high rule, so a flag always wins):
//!
//! 1. built-in defaults, including the embedded database where the app opts into one
//!    ([`Sources::default_sqlite`]: a SQLite file, relative to the app's folder); without it, no
//!    URL at all is [`ConfigError::NoDatabaseUrl`] for the commands that need one;
//! 2. `retort.toml` (`--config PATH`, else `./retort.toml`, else `<app dir>/retort.toml`);
//! 3. `DATABASE_URL` in a `.env` file (`./.env`, else `<app dir>/.env`), read without touching
//!    the process environment;
//! 4. the `DATABASE_URL` environment variable (an empty value counts as unset);
//! 5. `--database-url URL`.
//!
//! Only the database URL comes from every layer; the other settings are the file's business.
//! Resolution reads the files named by [`Sources`] and nothing else, so tests pass every input
//! explicitly and [`Sources::from_process`] is the only place that looks at the environment.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::runner::{LockAttempt, DEFAULT_LOCK_RETRIES};

/// The configuration file's name, looked up in the working directory and the app's folder.
pub const CONFIG_FILE_NAME: &str = "retort.toml";
/// The dotenv file's name, looked up in the working directory and the app's folder.
pub const DOTENV_FILE_NAME: &str = ".env";
/// The environment variable (and `.env` key) holding the database URL.
pub const DATABASE_URL_VAR: &str = "DATABASE_URL";
/// Default name of the version table.
pub const DEFAULT_VERSION_TABLE: &str = "retort_version";
/// Default name of the history table.
pub const DEFAULT_HISTORY_TABLE: &str = "retort_history";
/// Default migrations folder, relative to the app's folder.
pub const DEFAULT_MIGRATIONS_DIR: &str = "src/migrations";
/// Default file name template of revisions written by `new` and `merge`.
///
/// It starts with a letter because the file stem becomes a Rust module name, and a revision id
/// or a date may start with a digit; the date first keeps `ls` in creation order.
pub const DEFAULT_FILE_TEMPLATE: &str = "r{date}_{rev}_{slug}.rs";

/// Everything configuration resolution reads: the app's identity, the working directory, the
/// command-line values and the `DATABASE_URL` variable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sources {
    /// The app's name.
    pub app_name: String,
    /// The app's folder (its crate root): searched for `retort.toml` and `.env` after the
    /// working directory, and the base of a relative [`Sources::default_sqlite`].
    pub app_dir: PathBuf,
    /// The embedded default database the app opted into: a SQLite file, relative to `app_dir`
    /// unless absolute. `None` (the default) means no URL unless a source gives one, so that a
    /// production binary missing its configuration stops instead of migrating a stray file.
    pub default_sqlite: Option<PathBuf>,
    /// The app's migrations folder when `retort.toml` names none, relative to `app_dir` unless absolute.
    pub migrations_dir: PathBuf,
    /// The working directory, searched first for `retort.toml` and `.env`.
    pub cwd: PathBuf,
    /// `--database-url`.
    pub database_url_flag: Option<String>,
    /// `--config`: when given, the file must exist.
    pub config_path: Option<PathBuf>,
    /// The `DATABASE_URL` environment variable.
    pub database_url_env: Option<String>,
}

impl Sources {
    /// Sources for an app, with no flags and no environment: fill in the rest with the setters.
    pub fn new(app_name: impl Into<String>, app_dir: impl Into<PathBuf>, cwd: impl Into<PathBuf>) -> Self {
        Self {
            app_name: app_name.into(),
            app_dir: app_dir.into(),
            default_sqlite: None,
            migrations_dir: PathBuf::from(DEFAULT_MIGRATIONS_DIR),
            cwd: cwd.into(),
            database_url_flag: None,
            config_path: None,
            database_url_env: None,
        }
    }

    /// Sources for an app as the running process sees them: the working directory and `DATABASE_URL`.
    pub fn from_process(app_name: impl Into<String>, app_dir: impl Into<PathBuf>) -> Self {
        let app_dir = app_dir.into();
        let cwd = std::env::current_dir().unwrap_or_else(|_| app_dir.clone());
        let mut sources = Self::new(app_name, app_dir, cwd);
        sources.database_url_env = std::env::var(DATABASE_URL_VAR).ok();
        sources
    }

    /// Sets the app's migrations folder (relative to the app's folder unless absolute).
    pub fn migrations_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.migrations_dir = dir.into();
        self
    }

    /// Opts into an embedded default database: this SQLite file (relative to the app's folder
    /// unless absolute), used when no other source gives a URL.
    pub fn default_sqlite(mut self, file: Option<PathBuf>) -> Self {
        self.default_sqlite = file;
        self
    }

    /// Sets `--database-url`.
    pub fn database_url_flag(mut self, url: Option<String>) -> Self {
        self.database_url_flag = url;
        self
    }

    /// Sets `--config`.
    pub fn config_path(mut self, path: Option<PathBuf>) -> Self {
        self.config_path = path;
        self
    }

    /// Sets the `DATABASE_URL` environment variable's value.
    pub fn database_url_env(mut self, url: Option<String>) -> Self {
        self.database_url_env = url;
        self
    }
}

/// Where the database URL came from, for `-v` output and error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlSource {
    /// `--database-url`.
    Flag,
    /// The `DATABASE_URL` environment variable.
    Env,
    /// `DATABASE_URL` in this `.env` file.
    DotEnv(PathBuf),
    /// `database_url` in this `retort.toml`.
    ConfigFile(PathBuf),
    /// The embedded default the app opted into ([`Sources::default_sqlite`]).
    Default,
}

impl fmt::Display for UrlSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlSource::Flag => f.write_str("--database-url"),
            UrlSource::Env => write!(f, "the {DATABASE_URL_VAR} environment variable"),
            UrlSource::DotEnv(path) => write!(f, "{DATABASE_URL_VAR} in {}", path.display()),
            UrlSource::ConfigFile(path) => write!(f, "database_url in {}", path.display()),
            UrlSource::Default => f.write_str("the app's embedded default"),
        }
    }
}

/// The validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The database URL, `None` when no source gives one and the app has no embedded default
    /// ([`Config::url`] is then [`ConfigError::NoDatabaseUrl`]). Print it with
    /// [`Config::display_url`], never directly.
    pub database_url: Option<String>,
    /// Where the database URL came from; `None` with it.
    pub database_url_source: Option<UrlSource>,
    /// The `retort.toml` that was read, if any.
    pub config_file: Option<PathBuf>,
    /// The folder `new` and `merge` write revision files into (absolute when the inputs are).
    pub migrations_dir: PathBuf,
    /// Name of the version table.
    pub version_table: String,
    /// Name of the history table.
    pub history_table: String,
    /// Schema of both tables (PostgreSQL); `None` for the connection's default.
    pub schema: Option<String>,
    /// Create `schema` when it does not exist (`create_schema` in `retort.toml`); otherwise a
    /// missing schema is an error.
    pub create_schema: bool,
    /// `lock_timeout` for lock-taking steps; `None` for the runner's default.
    pub lock_timeout: Option<Duration>,
    /// `statement_timeout` for lock-holding steps; `None` for the runner's default.
    pub statement_timeout: Option<Duration>,
    /// How long to wait for another migrator's lock; `None` for the runner's default.
    pub lock_wait: Option<Duration>,
    /// The lock retry schedule (`lock_retries` in `retort.toml`); `None` for the runner's
    /// default ([`crate::runner::DEFAULT_LOCK_RETRIES`]).
    pub lock_retries: Option<Vec<LockAttempt>>,
    /// File name template of revisions written by `new` and `merge`.
    pub file_template: FileTemplate,
    /// An empty database `check` builds the chain's schema in, instead of creating one
    /// (`scratch_url` in `retort.toml`; `check --scratch-url` overrides it).
    pub scratch_url: Option<String>,
}

/// `lock_retries` as written: a number of retries (the first ones of the default schedule; 0
/// turns retries off) or the schedule itself, one `{ lock_timeout_ms, pause_ms }` per attempt.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum LockRetriesFile {
    Count(u64),
    Schedule(Vec<LockAttemptFile>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockAttemptFile {
    lock_timeout_ms: u64,
    #[serde(default)]
    pause_ms: u64,
}

impl LockRetriesFile {
    fn schedule(self) -> Result<Vec<LockAttempt>, ConfigError> {
        match self {
            LockRetriesFile::Count(0) => Ok(Vec::new()),
            LockRetriesFile::Count(n) => {
                let max = DEFAULT_LOCK_RETRIES.len() - 1;
                match usize::try_from(n) {
                    Ok(n) if n <= max => Ok(DEFAULT_LOCK_RETRIES[..=n].to_vec()),
                    _ => Err(ConfigError::TooManyLockRetries { count: n, max }),
                }
            }
            LockRetriesFile::Schedule(attempts) => {
                Ok(attempts.into_iter().map(|a| LockAttempt::ms(a.lock_timeout_ms, a.pause_ms)).collect())
            }
        }
    }
}

/// `retort.toml` as written. Unknown keys are an error, so that a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    migrations_dir: Option<PathBuf>,
    version_table: Option<String>,
    history_table: Option<String>,
    schema: Option<String>,
    create_schema: Option<bool>,
    lock_timeout_ms: Option<u64>,
    statement_timeout_ms: Option<u64>,
    lock_wait_ms: Option<u64>,
    lock_retries: Option<LockRetriesFile>,
    /// `[timeouts]`: read and checked by `crate::runner::Timeouts::from_config_file`.
    #[allow(dead_code)]
    timeouts: Option<toml::Table>,
    file_template: Option<String>,
    scratch_url: Option<String>,
}

/// The configuration could not be resolved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `--config` names a file that does not exist.
    #[error("configuration file {} does not exist; check the path given to --config", path.display())]
    MissingConfigFile {
        /// The path given.
        path: PathBuf,
    },
    /// A configuration or dotenv file exists but cannot be read.
    #[error("could not read {}; check that it is a readable file", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `retort.toml` is not valid.
    #[error(
        "{} is not a valid retort configuration; known keys: database_url, migrations_dir, version_table, history_table, schema, create_schema, lock_timeout_ms, statement_timeout_ms, lock_wait_ms, lock_retries, file_template, scratch_url",
        path.display()
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML error, with the offending line.
        source: toml::de::Error,
    },
    /// A `.env` file cannot be parsed.
    #[error("could not parse {}; fix the line it names or remove the file", path.display())]
    DotEnv {
        /// The file.
        path: PathBuf,
        /// The dotenv error.
        source: dotenvy::Error,
    },
    /// No source gives a database URL and the app opted into no embedded default.
    #[error(
        "no database URL is configured; give one with --database-url URL, the DATABASE_URL environment variable, \
         DATABASE_URL in a .env file, or database_url in retort.toml (both files are looked up in the working \
         directory, then in the app's folder); for development, an app can opt into a SQLite file as its default \
         with `.default_sqlite(\"app.sqlite3\")` on the `App` its migrate binary runs (docs/cli.md)"
    )]
    NoDatabaseUrl,
    /// The database URL is empty.
    #[error(
        "the database URL from {source_name} is empty; set it to e.g. postgres://user@host/db or sqlite://app.sqlite3"
    )]
    EmptyDatabaseUrl {
        /// Where it came from.
        source_name: UrlSource,
    },
    /// The database URL has a control character (a newline, tab or terminal escape), which no
    /// address has: a pasting accident, or text meant for the terminal.
    #[error(
        "the database URL from {source_name} contains the control character {character:?}; remove it \
         (a trailing newline from a file or a pasted escape sequence)"
    )]
    ControlCharacterInUrl {
        /// Where it came from.
        source_name: UrlSource,
        /// The first control character.
        character: char,
    },
    /// A table or schema name is not a plain SQL identifier.
    #[error("{key} = {value:?} is not a plain identifier; use letters, digits and `_`, at most 63 bytes, not starting with a digit")]
    InvalidIdentifier {
        /// The configuration key.
        key: &'static str,
        /// The value given.
        value: String,
    },
    /// The version and history tables have the same name.
    #[error("version_table and history_table are both {name:?}; give them different names")]
    SameTables {
        /// The shared name.
        name: String,
    },
    /// `lock_retries` asks for more retries than the default schedule has.
    #[error(
        "lock_retries = {count} is more than the {max} retries of the default schedule; give at most {max}, \
         or write the schedule out: lock_retries = [{{ lock_timeout_ms = 100, pause_ms = 1000 }}, ..]"
    )]
    TooManyLockRetries {
        /// The count given.
        count: u64,
        /// The retries of the default schedule.
        max: usize,
    },
    /// The file name template is not usable.
    #[error("file_template = {template:?} is not usable: {reason}")]
    InvalidTemplate {
        /// The template given.
        template: String,
        /// What is wrong and how to fix it.
        reason: String,
    },
}

impl Config {
    /// Resolves the configuration from its sources and validates it.
    pub fn resolve(sources: &Sources) -> Result<Config, ConfigError> {
        let app_dir = &sources.app_dir;
        let (file, config_file) = read_config_file(sources)?;
        let file_dir = config_file.as_deref().and_then(Path::parent).map(Path::to_path_buf);

        // Lowest precedence first; each layer that has a value replaces the one below.
        let mut url =
            sources.default_sqlite.as_deref().map(|file| (default_database_url(app_dir, file), UrlSource::Default));
        if let (Some(u), Some(path)) = (file.database_url, &config_file) {
            url = Some((u, UrlSource::ConfigFile(path.clone())));
        }
        if let Some((u, path)) = read_dotenv(sources)? {
            url = Some((u, UrlSource::DotEnv(path)));
        }
        if let Some(u) = sources.database_url_env.clone().filter(|u| !u.is_empty()) {
            url = Some((u, UrlSource::Env));
        }
        if let Some(u) = sources.database_url_flag.clone() {
            url = Some((u, UrlSource::Flag));
        }
        if let Some((database_url, source_name)) = &url {
            if database_url.trim().is_empty() {
                return Err(ConfigError::EmptyDatabaseUrl { source_name: source_name.clone() });
            }
            if let Some(c) = crate::redact::control_character(database_url) {
                return Err(ConfigError::ControlCharacterInUrl { source_name: source_name.clone(), character: c });
            }
        }
        let (database_url, database_url_source) = url.unzip();

        // A relative path in the file is relative to the file, so the file works from any directory.
        let migrations_dir = match (file.migrations_dir, file_dir) {
            (Some(dir), Some(base)) => base.join(dir),
            (Some(dir), None) => app_dir.join(dir),
            (None, _) => app_dir.join(&sources.migrations_dir),
        };

        let version_table = identifier("version_table", file.version_table, DEFAULT_VERSION_TABLE)?;
        let history_table = identifier("history_table", file.history_table, DEFAULT_HISTORY_TABLE)?;
        if version_table == history_table {
            return Err(ConfigError::SameTables { name: version_table });
        }
        let schema = match file.schema {
            Some(s) => Some(identifier("schema", Some(s), "")?),
            None => None,
        };
        let file_template = FileTemplate::parse(file.file_template.as_deref().unwrap_or(DEFAULT_FILE_TEMPLATE))?;

        Ok(Config {
            database_url,
            database_url_source,
            config_file,
            migrations_dir,
            version_table,
            history_table,
            schema,
            create_schema: file.create_schema.unwrap_or(false),
            lock_timeout: file.lock_timeout_ms.map(Duration::from_millis),
            // 0 means "no statement timeout", as in PostgreSQL.
            statement_timeout: file.statement_timeout_ms.filter(|&ms| ms > 0).map(Duration::from_millis),
            lock_wait: file.lock_wait_ms.map(Duration::from_millis),
            lock_retries: file.lock_retries.map(LockRetriesFile::schedule).transpose()?,
            file_template,
            scratch_url: file.scratch_url.filter(|u| !u.trim().is_empty()),
        })
    }

    /// The database URL, or [`ConfigError::NoDatabaseUrl`] naming the ways to give one: what a
    /// command that touches a database asks for.
    pub fn url(&self) -> Result<&str, ConfigError> {
        self.database_url.as_deref().ok_or(ConfigError::NoDatabaseUrl)
    }

    /// The database URL with its password replaced by `***`, for messages and logs.
    pub fn display_url(&self) -> String {
        match &self.database_url {
            Some(url) => obfuscate_url(url),
            None => "(no database URL)".to_string(),
        }
    }

    /// Which database the URL names, for the line a command starts with: a SQLite file's
    /// absolute path (`SQLite in memory` for `sqlite::memory:`), else the URL obfuscated.
    pub fn location(&self) -> Result<String, ConfigError> {
        Ok(location(self.url()?))
    }
}

/// Which database `url` names, for people: a SQLite file's absolute path (relative paths are
/// taken from the working directory, as the driver takes them), `SQLite in memory`, or the URL
/// obfuscated.
pub fn location(url: &str) -> String {
    let Some(path) = url.strip_prefix("sqlite:").map(|rest| rest.strip_prefix("//").unwrap_or(rest)) else {
        return obfuscate_url(url);
    };
    // `?mode=ro` and friends are the driver's options, not part of the file's name.
    let path = path.split('?').next().unwrap_or_default();
    match path {
        ":memory:" => "SQLite in memory".to_string(),
        "" => obfuscate_url(url),
        path => std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path)).display().to_string(),
    }
}

/// The embedded default database's URL: `file`, relative to the app's folder unless absolute.
pub fn default_database_url(app_dir: &Path, file: &Path) -> String {
    format!("sqlite://{}", app_dir.join(file).display())
}

pub use crate::redact::obfuscate_url;

fn read_config_file(sources: &Sources) -> Result<(FileConfig, Option<PathBuf>), ConfigError> {
    let path = match &sources.config_path {
        Some(path) => {
            let path = sources.cwd.join(path);
            if !path.is_file() {
                return Err(ConfigError::MissingConfigFile { path });
            }
            Some(path)
        }
        None => first_existing(sources, CONFIG_FILE_NAME),
    };
    let Some(path) = path else { return Ok((FileConfig::default(), None)) };
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
    let file = toml::from_str(&text).map_err(|source| ConfigError::Parse { path: path.clone(), source })?;
    Ok((file, Some(path)))
}

/// `DATABASE_URL` from the first `.env` found, without setting anything in the environment.
fn read_dotenv(sources: &Sources) -> Result<Option<(String, PathBuf)>, ConfigError> {
    let Some(path) = first_existing(sources, DOTENV_FILE_NAME) else { return Ok(None) };
    let iter = dotenvy::from_path_iter(&path).map_err(|source| match source {
        dotenvy::Error::Io(source) => ConfigError::Read { path: path.clone(), source },
        source => ConfigError::DotEnv { path: path.clone(), source },
    })?;
    let mut found = None;
    for item in iter {
        let (key, value) = item.map_err(|source| ConfigError::DotEnv { path: path.clone(), source })?;
        if key == DATABASE_URL_VAR && !value.is_empty() {
            found = Some(value);
        }
    }
    Ok(found.map(|url| (url, path)))
}

fn first_existing(sources: &Sources, name: &str) -> Option<PathBuf> {
    [sources.cwd.join(name), sources.app_dir.join(name)].into_iter().find(|p| p.is_file())
}

fn identifier(key: &'static str, value: Option<String>, default: &str) -> Result<String, ConfigError> {
    let value = value.unwrap_or_else(|| default.to_string());
    let mut chars = value.chars();
    let valid = value.len() <= 63
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(value)
    } else {
        Err(ConfigError::InvalidIdentifier { key, value })
    }
}

/// A file name template for new revisions, e.g. `r{date}_{rev}_{slug}.rs`.
///
/// Tokens: `{date}` (UTC, `YYYYMMDD`), `{time}` (UTC, `HHMMSS`), `{rev}` (the revision id) and
/// `{slug}` (the message in lower snake case, at most 40 characters). The stem becomes the
/// module's name, so the template must start with a lowercase letter or `_`, contain `{rev}` (two
/// files never collide), use only lowercase letters, digits and `_` outside tokens and end in `.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTemplate {
    template: String,
}

/// The values a [`FileTemplate`] substitutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNameParts<'a> {
    /// `YYYYMMDD`.
    pub date: &'a str,
    /// `HHMMSS`.
    pub time: &'a str,
    /// The revision id.
    pub rev: &'a str,
    /// The message's slug, see [`slug`].
    pub slug: &'a str,
}

impl FileTemplate {
    /// Parses and validates a template.
    pub fn parse(template: &str) -> Result<FileTemplate, ConfigError> {
        let invalid =
            |reason: &str| ConfigError::InvalidTemplate { template: template.to_string(), reason: reason.to_string() };
        let Some(stem) = template.strip_suffix(".rs") else {
            return Err(invalid("it must end in `.rs`"));
        };
        if !stem.contains("{rev}") {
            return Err(invalid("it must contain `{rev}` so that two revisions never get the same file name"));
        }
        if !stem.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            return Err(invalid(
                "the file name is a Rust module name, so it must start with a lowercase letter or `_`, e.g. `r{date}_{rev}_{slug}.rs`",
            ));
        }
        let mut rest = stem;
        while let Some(open) = rest.find('{') {
            check_literal(&rest[..open]).map_err(|r| invalid(&r))?;
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or_else(|| invalid("a `{` is not closed"))?;
            match &after[..close] {
                "date" | "time" | "rev" | "slug" => {}
                other => {
                    return Err(invalid(&format!(
                        "unknown token `{{{other}}}`; the tokens are {{date}}, {{time}}, {{rev}} and {{slug}}"
                    )))
                }
            }
            rest = &after[close + 1..];
        }
        check_literal(rest).map_err(|r| invalid(&r))?;
        Ok(FileTemplate { template: template.to_string() })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    /// The file name for these values. A `{slug}` of an empty message leaves no doubled `_`.
    pub fn render(&self, parts: &FileNameParts<'_>) -> String {
        let name = self
            .template
            .replace("{date}", parts.date)
            .replace("{time}", parts.time)
            .replace("{rev}", parts.rev)
            .replace("{slug}", parts.slug);
        let (stem, ext) = name.split_at(name.len() - ".rs".len());
        let mut cleaned = String::with_capacity(name.len());
        for c in stem.chars() {
            if !(c == '_' && cleaned.ends_with('_')) {
                cleaned.push(c);
            }
        }
        let cleaned = if cleaned.len() > 1 { cleaned.trim_end_matches('_') } else { &cleaned };
        format!("{cleaned}{ext}")
    }
}

impl Default for FileTemplate {
    fn default() -> Self {
        FileTemplate { template: DEFAULT_FILE_TEMPLATE.to_string() }
    }
}

impl fmt::Display for FileTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.template)
    }
}

fn check_literal(literal: &str) -> Result<(), String> {
    match literal.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')) {
        Some(c) => Err(format!(
            "{c:?} cannot appear in a Rust module name; use lowercase letters, digits and `_` around the tokens"
        )),
        None => Ok(()),
    }
}

/// The message as a lower snake case slug of at most 40 characters, cut at a word boundary:
/// `"Add user roles!"` → `add_user_roles`.
pub fn slug(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or_default();
    let mut words = Vec::new();
    let mut len = 0;
    for word in first_line.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        if len + word.len() + usize::from(len > 0) > 40 {
            if words.is_empty() {
                words.push(word[..40].to_string());
            }
            break;
        }
        len += word.len() + usize::from(len > 0);
        words.push(word);
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("retort-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("app")).unwrap();
        std::fs::create_dir_all(dir.join("cwd")).unwrap();
        dir
    }

    fn sources(dir: &Path) -> Sources {
        Sources::new("shop", dir.join("app"), dir.join("cwd"))
    }

    #[test]
    fn no_configuration_gives_no_url_unless_the_app_opted_into_a_sqlite_default() {
        let dir = temp_dir("default");
        let config = Config::resolve(&sources(&dir)).unwrap();
        assert_eq!((config.database_url.as_deref(), config.database_url_source.as_ref()), (None, None));
        let err = config.url().unwrap_err();
        assert!(matches!(err, ConfigError::NoDatabaseUrl), "{err:?}");
        for way in ["--database-url", "DATABASE_URL environment variable", ".env", "retort.toml", "default_sqlite"] {
            assert!(err.to_string().contains(way), "{way} missing from: {err}");
        }

        let config = Config::resolve(&sources(&dir).default_sqlite(Some("shop.sqlite3".into()))).unwrap();
        assert_eq!(config.url().unwrap(), format!("sqlite://{}", dir.join("app/shop.sqlite3").display()));
        assert_eq!(config.database_url_source, Some(UrlSource::Default));
        assert_eq!(config.location().unwrap(), dir.join("app/shop.sqlite3").display().to_string());
        assert_eq!(config.migrations_dir, dir.join("app/src/migrations"));
        assert_eq!(config.version_table, "retort_version");
        assert_eq!(config.history_table, "retort_history");
        assert_eq!(config.file_template.as_str(), DEFAULT_FILE_TEMPLATE);
    }

    #[test]
    fn each_layer_overrides_the_ones_below() {
        let dir = temp_dir("layers");
        std::fs::write(dir.join("app/retort.toml"), "database_url = \"postgres://file/db\"\n").unwrap();
        let s = sources(&dir).default_sqlite(Some("shop.sqlite3".into()));
        assert_eq!(Config::resolve(&s).unwrap().url().unwrap(), "postgres://file/db");

        std::fs::write(dir.join("cwd/.env"), "OTHER=1\nDATABASE_URL=postgres://dotenv/db\n").unwrap();
        let config = Config::resolve(&s).unwrap();
        assert_eq!(config.url().unwrap(), "postgres://dotenv/db");
        assert_eq!(config.database_url_source, Some(UrlSource::DotEnv(dir.join("cwd/.env"))));

        let s = s.database_url_env(Some("postgres://env/db".into()));
        assert_eq!(Config::resolve(&s).unwrap().url().unwrap(), "postgres://env/db");

        let s = s.database_url_flag(Some("postgres://flag/db".into()));
        let config = Config::resolve(&s).unwrap();
        assert_eq!(config.url().unwrap(), "postgres://flag/db");
        assert_eq!(config.database_url_source, Some(UrlSource::Flag));
    }

    #[test]
    fn empty_database_url_variable_counts_as_unset() {
        let dir = temp_dir("emptyenv");
        let config = Config::resolve(&sources(&dir).database_url_env(Some(String::new()))).unwrap();
        assert_eq!(config.database_url_source, None);
    }

    #[test]
    fn reading_dotenv_leaves_the_environment_alone() {
        let dir = temp_dir("dotenv");
        std::fs::write(dir.join("app/.env"), "DATABASE_URL=sqlite://x.db\nRETORT_DOTENV_PROBE=1\n").unwrap();
        let config = Config::resolve(&sources(&dir)).unwrap();
        assert_eq!(config.url().unwrap(), "sqlite://x.db");
        assert!(std::env::var("RETORT_DOTENV_PROBE").is_err());
    }

    #[test]
    fn config_file_settings_are_read_and_paths_are_relative_to_the_file() {
        let dir = temp_dir("file");
        std::fs::write(
            dir.join("cwd/retort.toml"),
            "migrations_dir = \"db/revs\"\nversion_table = \"v\"\nhistory_table = \"h\"\nschema = \"ops\"\n\
             lock_timeout_ms = 500\nstatement_timeout_ms = 0\nlock_wait_ms = 9000\nfile_template = \"m{time}_{rev}.rs\"\n\
             scratch_url = \"postgres://u@h/scratch\"\n",
        )
        .unwrap();
        let config = Config::resolve(&sources(&dir)).unwrap();
        assert_eq!(config.config_file, Some(dir.join("cwd/retort.toml")));
        assert_eq!(config.migrations_dir, dir.join("cwd/db/revs"));
        assert_eq!((config.version_table.as_str(), config.history_table.as_str()), ("v", "h"));
        assert_eq!(config.schema.as_deref(), Some("ops"));
        assert_eq!(config.lock_timeout, Some(Duration::from_millis(500)));
        assert_eq!(config.statement_timeout, None);
        assert_eq!(config.lock_wait, Some(Duration::from_secs(9)));
        assert_eq!(config.file_template.as_str(), "m{time}_{rev}.rs");
        assert_eq!(config.scratch_url.as_deref(), Some("postgres://u@h/scratch"));
    }

    #[test]
    fn lock_retries_is_a_count_of_default_retries_or_the_schedule_itself() {
        let dir = temp_dir("retries");
        let file = dir.join("app/retort.toml");
        assert_eq!(Config::resolve(&sources(&dir)).unwrap().lock_retries, None);
        std::fs::write(&file, "lock_retries = 0\n").unwrap();
        assert_eq!(Config::resolve(&sources(&dir)).unwrap().lock_retries, Some(Vec::new()));
        std::fs::write(&file, "lock_retries = 3\n").unwrap();
        assert_eq!(Config::resolve(&sources(&dir)).unwrap().lock_retries, Some(DEFAULT_LOCK_RETRIES[..4].to_vec()));
        std::fs::write(
            &file,
            "lock_retries = [{ lock_timeout_ms = 50, pause_ms = 200 }, { lock_timeout_ms = 2000 }]\n",
        )
        .unwrap();
        assert_eq!(
            Config::resolve(&sources(&dir)).unwrap().lock_retries,
            Some(vec![LockAttempt::ms(50, 200), LockAttempt::ms(2000, 0)])
        );
        std::fs::write(&file, "lock_retries = 41\n").unwrap();
        let err = Config::resolve(&sources(&dir)).unwrap_err();
        assert!(matches!(err, ConfigError::TooManyLockRetries { count: 41, max: 40 }), "{err:?}");
        assert!(err.to_string().contains("at most 40"), "{err}");
        std::fs::write(&file, "lock_retries = [{ lock_timeout = 5 }]\n").unwrap();
        assert!(matches!(Config::resolve(&sources(&dir)), Err(ConfigError::Parse { .. })));
    }

    #[test]
    fn unknown_key_in_config_file_is_an_error_listing_the_known_keys() {
        let dir = temp_dir("unknown");
        std::fs::write(dir.join("app/retort.toml"), "databse_url = \"x\"\n").unwrap();
        let err = Config::resolve(&sources(&dir)).unwrap_err();
        assert!(matches!(err, ConfigError::Parse { .. }), "{err:?}");
        assert!(err.to_string().contains("known keys: database_url"));
    }

    #[test]
    fn missing_explicit_config_file_is_an_error() {
        let dir = temp_dir("missing");
        let err = Config::resolve(&sources(&dir).config_path(Some("nope.toml".into()))).unwrap_err();
        assert!(matches!(err, ConfigError::MissingConfigFile { .. }), "{err:?}");
    }

    #[test]
    fn bad_table_names_are_rejected() {
        let dir = temp_dir("ident");
        std::fs::write(dir.join("app/retort.toml"), "version_table = \"drop table; --\"\n").unwrap();
        assert!(matches!(
            Config::resolve(&sources(&dir)),
            Err(ConfigError::InvalidIdentifier { key: "version_table", .. })
        ));
        std::fs::write(dir.join("app/retort.toml"), "history_table = \"retort_version\"\n").unwrap();
        assert!(matches!(Config::resolve(&sources(&dir)), Err(ConfigError::SameTables { .. })));
    }

    #[test]
    fn a_control_character_in_the_url_is_refused() {
        let dir = temp_dir("control");
        let err = Config::resolve(&sources(&dir).database_url_flag(Some("postgres://h/db\n".into()))).unwrap_err();
        assert!(matches!(err, ConfigError::ControlCharacterInUrl { character: '\n', .. }), "{err:?}");
        assert!(err.to_string().contains("--database-url contains the control character '\\n'; remove it"), "{err}");
    }

    #[test]
    fn location_is_a_sqlite_file_path_or_the_obfuscated_url() {
        assert_eq!(location("sqlite:///tmp/a.db?mode=ro"), "/tmp/a.db");
        assert_eq!(location("sqlite::memory:"), "SQLite in memory");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(location("sqlite://rel/a.db"), cwd.join("rel/a.db").display().to_string());
        assert_eq!(location("postgres://u:secret@h/db"), "postgres://u:***@h/db");
    }

    #[test]
    fn templates_that_cannot_name_a_module_are_rejected() {
        for bad in ["{rev}_{slug}.rs", "r{date}_{slug}.rs", "r{rev}.sql", "r-{rev}.rs", "r{rev}_{hour}.rs", "R{rev}.rs"]
        {
            assert!(FileTemplate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn template_renders_tokens_and_collapses_empty_slug() {
        let t = FileTemplate::default();
        let parts = FileNameParts { date: "20260115", time: "101500", rev: "9c2b3f1a4e5d", slug: "add_user_roles" };
        assert_eq!(t.render(&parts), "r20260115_9c2b3f1a4e5d_add_user_roles.rs");
        assert_eq!(t.render(&FileNameParts { slug: "", ..parts }), "r20260115_9c2b3f1a4e5d.rs");
    }

    #[test]
    fn slug_is_lower_snake_case_cut_at_a_word() {
        assert_eq!(slug("Add user roles!"), "add_user_roles");
        assert_eq!(slug("  Merge heads\nsecond line"), "merge_heads");
        assert_eq!(
            slug("a very long message that goes on and on and on forever"),
            "a_very_long_message_that_goes_on_and_on"
        );
        assert_eq!(slug("ünïcode ✓"), "n_code");
    }
}
