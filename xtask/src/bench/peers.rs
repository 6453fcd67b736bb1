//! The other migration tools, timed on the same N revisions in their native formats: diesel_cli,
//! sqlx-cli and refinery_cli run the very SQL retort renders (their migrations are SQL files),
//! alembic runs the same ops written with `op.*`. They are found on PATH, never installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::crates::{index, rev_id, table};
use super::proc;
use super::sql::{self, RevisionSql};

/// A migration tool retort is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// diesel_cli: `migrations/<version>_<name>/{up,down}.sql`.
    Diesel,
    /// sqlx-cli: `migrations/<version>_<name>.{up,down}.sql`.
    Sqlx,
    /// refinery_cli: `migrations/V<n>__<name>.sql`, upgrade only.
    Refinery,
    /// alembic: `versions/<rev>.py` with `op.create_table(..)` etc.
    Alembic,
}

impl Tool {
    /// Every peer, in the order the issue lists them.
    pub fn all() -> Vec<Tool> {
        vec![Tool::Sqlx, Tool::Refinery, Tool::Diesel, Tool::Alembic]
    }

    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Diesel => "diesel_cli",
            Tool::Sqlx => "sqlx-cli",
            Tool::Refinery => "refinery_cli",
            Tool::Alembic => "alembic",
        }
    }

    /// The program looked up on PATH.
    pub fn program(self) -> &'static str {
        match self {
            Tool::Diesel => "diesel",
            Tool::Sqlx => "sqlx",
            Tool::Refinery => "refinery",
            Tool::Alembic => "alembic",
        }
    }

    /// The key of its measurements in the JSON report.
    pub fn key(self) -> &'static str {
        match self {
            Tool::Diesel => "diesel",
            Tool::Sqlx => "sqlx",
            Tool::Refinery => "refinery",
            Tool::Alembic => "alembic",
        }
    }
}

/// `(found with their paths, missing)`.
pub fn detect() -> (Vec<(Tool, PathBuf)>, Vec<Tool>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for tool in Tool::all() {
        match proc::on_path(tool.program()) {
            Some(path) => found.push((tool, path)),
            None => missing.push(tool),
        }
    }
    (found, missing)
}

/// A tool with its migrations written out.
#[derive(Debug, Clone)]
pub struct Peer {
    tool: Tool,
    program: PathBuf,
    dir: PathBuf,
}

impl Peer {
    /// Writes the chain in `tool`'s native format under `root/<tool>/`.
    pub fn prepare(
        tool: Tool,
        program: PathBuf,
        root: &Path,
        up: &[RevisionSql],
        down: &[RevisionSql],
    ) -> Result<Self, String> {
        let dir = root.join(tool.key());
        if dir.exists() {
            // Written fresh each time: a stale file from a larger N would be a migration too.
            std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        let peer = Self { tool, program, dir };
        let down_of = |id: &str| -> Result<&RevisionSql, String> {
            down.iter().find(|d| d.id == id).ok_or_else(|| format!("no downgrade SQL for revision {id}"))
        };
        let m = peer.dir.join("migrations");
        for (i, rev) in up.iter().enumerate() {
            let i = i + 1;
            let up_sql = rev.statements.join("\n") + "\n";
            match tool {
                Tool::Diesel => {
                    let folder = m.join(format!("{i:014}_bench_{i}"));
                    sql::write(&folder.join("up.sql"), &up_sql)?;
                    sql::write(&folder.join("down.sql"), &(down_of(&rev.id)?.statements.join("\n") + "\n"))?;
                }
                Tool::Sqlx => {
                    sql::write(&m.join(format!("{i:014}_bench_{i}.up.sql")), &up_sql)?;
                    sql::write(
                        &m.join(format!("{i:014}_bench_{i}.down.sql")),
                        &(down_of(&rev.id)?.statements.join("\n") + "\n"),
                    )?;
                }
                Tool::Refinery => sql::write(&m.join(format!("V{i}__bench_{i}.sql")), &up_sql)?,
                Tool::Alembic => {
                    sql::write(&peer.dir.join("versions").join(format!("r{i:05}.py")), &alembic_revision(i))?
                }
            }
        }
        match tool {
            // An empty configuration: no schema.rs to regenerate after each run.
            Tool::Diesel => sql::write(&peer.dir.join("diesel.toml"), "")?,
            Tool::Alembic => {
                sql::write(
                    &peer.dir.join("alembic.ini"),
                    &format!("[alembic]\nscript_location = {}\n", peer.dir.display()),
                )?;
                sql::write(&peer.dir.join("env.py"), ALEMBIC_ENV)?;
            }
            Tool::Sqlx | Tool::Refinery => {}
        }
        Ok(peer)
    }

    /// Its usual name.
    pub fn name(&self) -> &'static str {
        self.tool.name()
    }

    /// The key of its measurements in the JSON report.
    pub fn key(&self) -> &'static str {
        self.tool.key()
    }

    /// Whether it can revert migrations (refinery cannot).
    pub fn can_downgrade(&self) -> bool {
        self.tool != Tool::Refinery
    }

    /// The table label of its apply-all line.
    pub fn apply_label(&self) -> String {
        match self.tool {
            Tool::Diesel => "diesel migration run".into(),
            Tool::Sqlx => "sqlx migrate run".into(),
            Tool::Refinery => "refinery migrate".into(),
            Tool::Alembic => "alembic upgrade head".into(),
        }
    }

    /// The table label of its no-op line.
    pub fn noop_label(&self) -> String {
        format!("{}, nothing pending", self.apply_label())
    }

    /// The table label of its downgrade line.
    pub fn downgrade_label(&self) -> String {
        match self.tool {
            Tool::Diesel => "diesel migration revert --all".into(),
            Tool::Sqlx => "sqlx migrate revert --target-version 0".into(),
            Tool::Refinery => "refinery (no downgrade)".into(),
            Tool::Alembic => "alembic downgrade base".into(),
        }
    }

    /// Applies every pending migration to `url`.
    pub fn upgrade(&self, url: &str) -> Command {
        let m = self.dir.join("migrations");
        let mut command = self.command();
        match self.tool {
            Tool::Diesel => {
                command.args(["migration", "run", "--database-url", url, "--migration-dir"]).arg(&m);
            }
            Tool::Sqlx => {
                command.args(["migrate", "run", "--database-url", url, "--source"]).arg(&m);
            }
            Tool::Refinery => {
                command.args(["migrate", "-e", "DATABASE_URL", "-p"]).arg(&m).env("DATABASE_URL", url);
            }
            Tool::Alembic => {
                command.args(["upgrade", "head"]).env("BENCH_DATABASE_URL", sqlalchemy_url(url));
            }
        }
        command
    }

    /// Reverts every migration on `url`, when the tool can.
    pub fn downgrade(&self, url: &str) -> Option<Command> {
        let m = self.dir.join("migrations");
        let mut command = self.command();
        match self.tool {
            Tool::Diesel => {
                command.args(["migration", "revert", "--all", "--database-url", url, "--migration-dir"]).arg(&m);
            }
            Tool::Sqlx => {
                command.args(["migrate", "revert", "--target-version", "0", "--database-url", url, "--source"]).arg(&m);
            }
            Tool::Refinery => return None,
            Tool::Alembic => {
                command.args(["downgrade", "base"]).env("BENCH_DATABASE_URL", sqlalchemy_url(url));
            }
        }
        Some(command)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.current_dir(&self.dir);
        match self.tool {
            Tool::Diesel => {
                command.env("DIESEL_CONFIG_FILE", self.dir.join("diesel.toml"));
            }
            Tool::Alembic => {
                command.arg("-c").arg(self.dir.join("alembic.ini"));
            }
            Tool::Sqlx | Tool::Refinery => {}
        }
        command
    }
}

/// SQLAlchemy spells the scheme `postgresql` (it rejects `postgres://` since 1.4).
fn sqlalchemy_url(url: &str) -> String {
    match url.strip_prefix("postgres://") {
        Some(rest) => format!("postgresql://{rest}"),
        None => url.to_string(),
    }
}

/// Online mode only, one transaction per revision (as retort's default), no logging setup.
const ALEMBIC_ENV: &str = r#"# Generated by `cargo xtask bench`: alembic's online mode, one transaction per revision.
import os

from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["BENCH_DATABASE_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
"#;

/// Revision `i` as alembic users write it: the same three ops, with their downgrade.
fn alembic_revision(i: usize) -> String {
    let down_revision = if i == 1 { "None".to_string() } else { format!("\"{}\"", rev_id(i - 1)) };
    let (t, ix) = (table(i), index(i));
    format!(
        r#""""Bench revision {i}: table {t}"""
from alembic import op
import sqlalchemy as sa

revision = "{id}"
down_revision = {down_revision}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("{t}", sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True))
    op.add_column("{t}", sa.Column("note", sa.Text()))
    op.create_index("{ix}", "{t}", ["note"])


def downgrade():
    op.drop_index("{ix}", table_name="{t}")
    op.drop_column("{t}", "note")
    op.drop_table("{t}")
"#,
        id = rev_id(i),
    )
}

#[cfg(test)]
mod tests {
    use super::{alembic_revision, sqlalchemy_url};

    #[test]
    fn sqlalchemy_gets_its_own_scheme_spelling() {
        assert_eq!(sqlalchemy_url("postgres://u@h:1/d"), "postgresql://u@h:1/d");
        assert_eq!(sqlalchemy_url("postgresql://u@h/d"), "postgresql://u@h/d");
    }

    #[test]
    fn alembic_revisions_chain_to_their_parent() {
        assert!(alembic_revision(1).contains("down_revision = None"));
        assert!(alembic_revision(2).contains(&format!("down_revision = \"{}\"", super::rev_id(1))));
    }
}
