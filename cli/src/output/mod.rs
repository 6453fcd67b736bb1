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

    /// Prints a command's result on stdout.
    pub fn emit(&mut self, view: &impl View) -> Result<(), CliError> {
        let result = match self.format {
            Format::Json => serde_json::to_writer_pretty(&mut self.out, view)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(self.out)),
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

    /// Writes raw text (SQL scripts) to stdout.
    pub fn raw(&mut self, text: &str) -> Result<(), CliError> {
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
    /// it already quotes is not repeated.
    pub fn error(&mut self, error: &CliError) {
        let mut shown = error.to_string();
        let _ = writeln!(self.err, "{ERROR}error:{ERROR:#} {shown}");
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            let text = cause.to_string();
            if !shown.contains(&text) {
                // Multi-line causes (TOML errors quote the offending line) stay readable when indented.
                let _ = writeln!(self.err, "  {BOLD}caused by:{BOLD:#} {}", text.trim_end().replace('\n', "\n    "));
                shown = text;
            }
            source = cause.source();
        }
    }

    /// The stdout and stderr streams, for the progress decorator.
    pub(crate) fn streams(&mut self) -> (&mut anstream::Stdout, &mut anstream::Stderr) {
        (&mut self.out, &mut self.err)
    }
}
