//! Output of a benchmark: a plain-text table on stdout and a JSON document under `target/bench/`.

use std::path::PathBuf;

use super::json::Json;
use crate::cmd::workspace_root;

/// A table whose first column is left-aligned and the others right-aligned (they hold numbers).
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with a header row.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self { rows: vec![header.into_iter().map(Into::into).collect()] }
    }

    /// Appends a row.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table as text: columns padded to their widest cell, a rule under the header.
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, &w)| {
                    let cell = row.get(c).map(String::as_str).unwrap_or("");
                    if c == 0 {
                        format!("{cell:<w$}")
                    } else {
                        format!("{cell:>w$}")
                    }
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                out.push_str(&rule.join("  "));
                out.push('\n');
            }
        }
        out
    }
}

/// `target/bench/`, where the generated crates, SQL scripts and reports live.
pub fn bench_dir() -> PathBuf {
    workspace_root().join("target").join("bench")
}

/// Writes `doc` to `target/bench/<name>.json` and says where.
pub fn write_json(name: &str, doc: &Json) -> Result<(), String> {
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, doc.to_pretty()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.strip_prefix(workspace_root()).unwrap_or(&path).display());
    Ok(())
}

/// `PASS` or `FAIL`, as the targets are printed.
pub fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "FAIL"
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn tables_align_text_left_and_numbers_right() {
        let mut t = Table::new(["what", "median"]);
        t.row(["psql -1", "2.97 s"]);
        t.row(["no-op", "12.1 ms"]);
        assert_eq!(t.render(), "what      median\n-------  -------\npsql -1   2.97 s\nno-op    12.1 ms\n");
    }
}
