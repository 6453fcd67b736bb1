//! The few text styles the CLI uses, so that colors mean the same thing everywhere.

use anstyle::{AnsiColor, Style};

/// A revision id.
pub const ID: Style = AnsiColor::Yellow.on_default();
/// `(head)`, success marks.
pub const OK: Style = AnsiColor::Green.on_default().bold();
/// Branch labels and other secondary names.
pub const LABEL: Style = AnsiColor::Cyan.on_default();
/// Durations, sources and other details.
pub const DIM: Style = Style::new().dimmed();
/// Headings.
pub const BOLD: Style = Style::new().bold();
/// `error:`.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// `warning:`.
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
