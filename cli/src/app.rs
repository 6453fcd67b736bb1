//! The embedding app: its name and folder, which locate the migrations (and the embedded
//! default database, for an app that opts into one).

use std::path::{Path, PathBuf};

/// The app whose `migrate` binary runs the CLI.
///
/// Build it with [`app!`](crate::app), which records the calling crate's name and folder at
/// compile time: that folder holds `src/migrations` (and the default SQLite file, see
/// [`App::default_sqlite`]), whatever directory the binary is started from. A binary deployed
/// where that folder does not exist falls back to the working directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    name: String,
    dir: PathBuf,
    migrations_dir: PathBuf,
    default_sqlite: Option<PathBuf>,
}

impl App {
    /// An app with the given name and folder, its revisions in `<dir>/src/migrations`.
    pub fn new(name: impl Into<String>, dir: impl Into<PathBuf>) -> Self {
        Self {
            name: name.into(),
            dir: dir.into(),
            migrations_dir: PathBuf::from(retort::config::DEFAULT_MIGRATIONS_DIR),
            default_sqlite: None,
        }
    }

    /// The app in the working directory, named after it: what [`run`](crate::run) uses.
    pub fn from_current_dir() -> Self {
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("app").to_string();
        Self::new(name, dir)
    }

    /// Sets the folder revision files are written to, relative to the app's folder unless
    /// absolute (`migrations_dir` in `retort.toml` overrides it).
    pub fn migrations_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.migrations_dir = dir.into();
        self
    }

    /// Opts into an embedded default database: this SQLite file (relative to the app's folder
    /// unless absolute) when no `--database-url`, `DATABASE_URL`, `.env` or `retort.toml` gives
    /// a URL, so that a fresh clone runs with no configuration:
    /// `retort_cli::app!().default_sqlite("my-app.sqlite3")`.
    ///
    /// Without it, a command that needs a database and finds no URL stops with exit code 2 and
    /// names the ways to give one: a production binary whose configuration went missing must not
    /// quietly migrate a new file instead.
    pub fn default_sqlite(mut self, file: impl Into<PathBuf>) -> Self {
        self.default_sqlite = Some(file.into());
        self
    }

    /// The embedded default database the app opted into, if any.
    pub fn default_sqlite_setting(&self) -> Option<&Path> {
        self.default_sqlite.as_deref()
    }

    /// The app's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The app's folder as given, or the working directory when it does not exist here.
    pub fn dir(&self) -> PathBuf {
        if self.dir.is_dir() {
            self.dir.clone()
        } else {
            std::env::current_dir().unwrap_or_else(|_| self.dir.clone())
        }
    }

    /// The migrations folder as given (relative to [`App::dir`] unless absolute).
    pub fn migrations_dir_setting(&self) -> &Path {
        &self.migrations_dir
    }
}

/// The calling crate as an [`App`]: `retort_cli::run_with(retort_cli::app!())`.
///
/// Expands to `App::new(env!("CARGO_PKG_NAME"), env!("CARGO_MANIFEST_DIR"))`, evaluated in the
/// caller's crate, so the binary knows its own crate's folder.
#[macro_export]
macro_rules! app {
    () => {
        $crate::App::new(::core::env!("CARGO_PKG_NAME"), ::core::env!("CARGO_MANIFEST_DIR"))
    };
}
