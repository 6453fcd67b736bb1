//! Everything the CLI prints: data on stdout (text or JSON), notes, warnings and errors on stderr.
//!
//! Commands build a view (a `Serialize` struct) and hand it to [`Output::emit`], which writes it
//! as JSON or through the view's own text rendering, so the two formats cannot disagree.
//! Writes to stdout return errors (a closed pipe ends the program quietly with exit code 0);
//! writes to stderr are best effort.

pub mod graph;
pub mod op_text;
pub mod progress;
pub mod style;
pub mod table;

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

use anstream::ColorChoice;
use serde::Serialize;

use crate::args::{ColorWhen, Format, GlobalArgs};
use crate::error::CliError;
pub use progress::Progress;
use style::{BOLD, ERROR, WARN};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: data and errors only.
    Quiet,
    /// The default.
    Normal,
    /// `-v`: details and statements.
    Verbose,
    /// `-vv`: also debug logs.
    Debug,
}

/// Data a command prints: as JSON (its `Serialize` form) or as text.
pub trait View: Serialize {
    /// Writes the text form.
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()>;

    /// Writes the Graphviz form, for the views that have one (`history --graph`).
    fn dot(&self, w: &mut dyn Write) -> Option<io::Result<()>> {
        let _ = w;
        None
    }
}

/// The CLI's printer.
pub struct Output {
    format: Format,
    verbosity: Verbosity,
    out: anstream::Stdout,
    err: anstream::Stderr,
    progress: bool,
    /// The database the command works on (obfuscated URL), once said: a field of every JSON
    /// document from then on.
    database: Option<String>,
    /// Whether a document (or raw text) went to stdout: an error after it is not printed as a
    /// second JSON document.
    emitted: bool,
}

/// A JSON document with the database it is about as its first field.
#[derive(Serialize)]
struct WithDatabase<'a, V: Serialize> {
    database: &'a str,
    #[serde(flatten)]
    view: &'a V,
}

impl Output {
    /// A printer for the global options; also sets the process-wide color choice.
    pub fn new(global: &GlobalArgs) -> Self {
        let choice = match global.color {
            ColorWhen::Never => ColorChoice::Never,
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
        };
        choice.write_global();
        let verbosity = match (global.quiet, global.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, 1) => Verbosity::Verbose,
            (false, _) => Verbosity::Debug,
        };
        Self {
            format: global.format,
            verbosity,
            out: anstream::stdout(),
            err: anstream::stderr(),
            // Progress bars only where someone watches them, and never between JSON and its reader.
            progress: io::stderr().is_terminal() && verbosity != Verbosity::Quiet,
            database: None,
            emitted: false,
        }
    }

    /// The output format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The verbosity.
    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// Whether progress bars may be drawn.
    pub fn progress_enabled(&self) -> bool {
        self.progress
    }

    /// Says which database the command works on, before anything else: `database: <where>
    /// (from <source>)` on stderr (not with `-q`), and `"database": url` in the JSON documents
    /// that follow. `location` is a SQLite file's path or the obfuscated URL; `url` is always
    /// the obfuscated URL, as the JSON field has always been.
    pub fn database(&mut self, url: String, location: &str, source: Option<&retort::config::UrlSource>) {
        match source {
            Some(source) => self.note(format_args!("{BOLD}database:{BOLD:#} {location} (from {source})")),
            None => self.note(format_args!("{BOLD}database:{BOLD:#} {location}")),
        }
        self.database = Some(url);
    }

    /// Prints a command's result on stdout.
    pub fn emit(&mut self, view: &impl View) -> Result<(), CliError> {
        self.emitted = true;
        let result = match self.format {
            Format::Json => self.json(view),
            Format::Text => view.text(&mut self.out, self.verbosity),
            Format::Dot => match view.dot(&mut self.out) {
                Some(result) => result,
                None => {
                    return Err(CliError::Usage("this command has no Graphviz form; use --format text or json".into()))
                }
            },
        };
        result.and_then(|()| self.out.flush()).map_err(CliError::Output)
    }

    /// Writes `view` as one JSON document, with the database it is about unless it names it
    /// itself (`current`, `check`, `plan`, ... always have).
    fn json(&mut self, view: &impl Serialize) -> io::Result<()> {
        let names_database = || serde_json::to_value(view).is_ok_and(|v| v.get("database").is_some());
        match self.database.as_deref() {
            Some(database) if !names_database() => {
                serde_json::to_writer_pretty(&mut self.out, &WithDatabase { database, view })
            }
            _ => serde_json::to_writer_pretty(&mut self.out, view),
        }
        .map_err(io::Error::from)?;
        writeln!(self.out)
    }

    /// Writes raw text (SQL scripts) to stdout.
    pub fn raw(&mut self, text: &str) -> Result<(), CliError> {
        self.emitted = true;
        self.out.write_all(text.as_bytes()).and_then(|()| self.out.flush()).map_err(CliError::Output)
    }

    /// A note on stderr, unless `-q`.
    pub fn note(&mut self, note: impl Display) {
        if self.verbosity > Verbosity::Quiet {
            let _ = writeln!(self.err, "{note}");
        }
    }

    /// A detail on stderr, with `-v` only.
    pub fn detail(&mut self, detail: impl Display) {
        if self.verbosity >= Verbosity::Verbose {
            let _ = writeln!(self.err, "{detail}");
        }
    }

    /// A warning on stderr, unless `-q`.
    pub fn warn(&mut self, warning: impl Display) {
        if self.verbosity > Verbosity::Quiet {
            let _ = writeln!(self.err, "{WARN}warning:{WARN:#} {warning}");
        }
    }

    /// An error and its causes on stderr: always printed. A cause whose text the message above
    /// it already quotes is not repeated. With `--format json`, also one JSON document on
    /// stdout (see [`ErrorDocument`]), unless the command already printed its own: `check`,
    /// `lint`, `plan` and `current --check-heads` report their findings there and then fail.
    pub fn error(&mut self, error: &CliError) {
        let causes = causes(error);
        let _ = writeln!(self.err, "{ERROR}error:{ERROR:#} {error}");
        for cause in &causes {
            // Multi-line causes (TOML errors quote the offending line) stay readable when indented.
            let _ = writeln!(self.err, "  {BOLD}caused by:{BOLD:#} {}", cause.replace('\n', "\n    "));
        }
        if self.format == Format::Json && !self.emitted {
            let document = ErrorDocument::new(error.kind(), error.to_string(), causes, error.exit_code());
            // Best effort, as stderr: the exit code says the same.
            let _ = self.json(&document).and_then(|()| self.out.flush());
        }
    }

    /// The stdout and stderr streams, for the progress decorator.
    pub(crate) fn streams(&mut self) -> (&mut anstream::Stdout, &mut anstream::Stderr) {
        (&mut self.out, &mut self.err)
    }
}

/// The causes of `error` worth printing under it: each one whose text the message above it does
/// not already quote, trimmed.
fn causes(error: &dyn std::error::Error) -> Vec<String> {
    let mut shown = error.to_string();
    let mut causes = Vec::new();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !shown.contains(&text) {
            causes.push(text.trim_end().to_string());
            shown = text;
        }
        source = cause.source();
    }
    causes
}

/// What `--format json` prints on stdout for an error: `{ "error": { "kind", "message",
/// "causes", "exit_code" } }`, plus `"database"` once the command has said which one.
#[derive(Debug, Serialize)]
pub struct ErrorDocument {
    /// The error.
    pub error: ErrorBody,
}

/// The error of an [`ErrorDocument`].
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// What kind of error, stable for scripts: `usage`, `config`, `graph`, `run`, ... (docs/cli.md).
    pub kind: &'static str,
    /// The message, as printed after `error:`.
    pub message: String,
    /// The `caused by:` lines.
    pub causes: Vec<String>,
    /// The process's exit code.
    pub exit_code: u8,
}

impl ErrorDocument {
    /// The document for an error of this kind.
    pub fn new(kind: &'static str, message: String, causes: Vec<String>, exit_code: u8) -> Self {
        Self { error: ErrorBody { kind, message, causes, exit_code } }
    }

    /// Prints the document on stdout: for errors met before an [`Output`] exists (clap's).
    pub fn print(&self) {
        let mut out = io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, self).map_err(io::Error::from).and_then(|()| writeln!(out));
    }
}
