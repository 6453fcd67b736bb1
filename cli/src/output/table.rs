//! Tables in text output, laid out by comfy-table in one house style: no borders, two spaces
//! between columns, a bold header, and free lines under a row (a blocker, a statement) indented
//! past the first column.

use std::io::{self, Write};

use comfy_table::presets::NOTHING;
use comfy_table::{ContentArrangement, Table};

use super::style::BOLD;

/// A table row, and lines printed under it.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The cells, one per column. Plain text: an escape sequence would count in the widths.
    pub cells: Vec<String>,
    /// Lines under the row, not part of the columns.
    pub after: Vec<String>,
}

impl Row {
    /// A row of these cells.
    pub fn cells<const N: usize>(cells: [String; N]) -> Row {
        Row { cells: cells.into(), after: Vec::new() }
    }
}

/// Writes `rows` under `headers` (which may be empty), each line after `indent`.
pub fn write(w: &mut dyn Write, indent: &str, headers: &[&str], rows: &[Row]) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(NOTHING).set_content_arrangement(ContentArrangement::Disabled);
    if !headers.is_empty() {
        table.set_header(headers.to_vec());
    }
    for row in rows {
        table.add_row(row.cells.clone());
    }
    let columns = table.column_count();
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i + 1 < columns { 2 } else { 0 }));
    }
    let pad = " ".repeat(table.column_max_content_widths().first().map_or(0, |w| usize::from(*w) + 2));
    let mut lines = table.lines().map(|line| line.trim_end().to_string());
    if !headers.is_empty() {
        if let Some(header) = lines.next() {
            writeln!(w, "{indent}{BOLD}{header}{BOLD:#}")?;
        }
    }
    // Without wrapping, each row is exactly one line, so the free lines go under the right one.
    for (row, line) in rows.iter().zip(lines) {
        writeln!(w, "{indent}{line}")?;
        for extra in &row.after {
            writeln!(w, "{indent}{pad}{extra}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(headers: &[&str], rows: &[Row]) -> String {
        let mut out = Vec::new();
        write(&mut out, "", headers, rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_are_padded_to_their_widest_cell_but_the_last() {
        let rows = [Row::cells(["1".into(), "add_column".into()]), Row::cells(["10".into(), "x".into()])];
        assert_eq!(text(&[], &rows), "1   add_column\n10  x\n");
    }

    #[test]
    fn headers_count_in_the_widths_and_free_lines_follow_their_row() {
        let mut first = Row::cells(["1".into(), "a".into()]);
        first.after.push("note".into());
        let rows = [first, Row::cells(["2".into(), "b".into()])];
        assert_eq!(text(&["#", "what"], &rows), format!("{BOLD}#  what{BOLD:#}\n1  a\n   note\n2  b\n"));
    }

    #[test]
    fn wide_characters_keep_the_columns_aligned() {
        let rows = [Row::cells(["✓".into(), "x".into()]), Row::cells(["ab".into(), "y".into()])];
        assert_eq!(text(&[], &rows), "✓   x\nab  y\n");
    }
}
