//! The PostgreSQL server the benchmarks run against, through `psql`: a fresh database per
//! measurement, dropped afterwards, and the database's own cost of running a script.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::proc;

/// Default server: the local PostgreSQL the tests use.
pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432";

/// A server, as a URL without a database (`postgres://user[:password]@host:port`).
#[derive(Debug, Clone)]
pub struct Server {
    base: String,
}

impl Server {
    /// The server at `url`; a trailing `/` or `/database` is dropped.
    pub fn new(url: &str) -> Self {
        let url = url.trim_end_matches('/');
        let base = match url.split_once("://") {
            Some((scheme, rest)) => match rest.split_once('/') {
                Some((authority, _)) => format!("{scheme}://{authority}"),
                None => url.to_string(),
            },
            None => url.to_string(),
        };
        Self { base }
    }

    /// The URL of database `db` on this server.
    pub fn url(&self, db: &str) -> String {
        format!("{}/{db}", self.base)
    }

    /// `psql` connected to `db`, without `~/.psqlrc`, quiet, stopping at the first error.
    pub fn psql(&self, db: &str) -> Command {
        let mut command = Command::new(psql_program());
        command.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &self.url(db)]);
        command
    }

    /// Checks that `psql` exists and the server answers, before anything slow starts.
    pub fn check(&self) -> Result<(), String> {
        if proc::on_path("psql").is_none() {
            return Err(
                "`psql` is not on PATH; install the PostgreSQL client (apt-get install postgresql-client)".into()
            );
        }
        proc::stdout(self.psql("postgres").args(["-c", "select 1"])).map(drop).map_err(|e| {
            format!("{e}\nthe benchmarks need a PostgreSQL server: start the local one or pass --server postgres://user@host:port")
        })
    }

    /// A new empty database, dropped when the guard goes out of scope.
    pub fn fresh(&self, tag: &str) -> Result<Database<'_>, String> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("retort_bench_{}_{tag}_{n}", std::process::id());
        proc::stdout(self.psql("postgres").args(["-c", &format!("CREATE DATABASE \"{name}\"")]))?;
        Ok(Database { server: self, name })
    }
}

/// The psql client itself. On Debian `psql` on PATH is `pg_wrapper`, a Perl script that picks
/// a cluster's client and costs some 40 ms of start-up per call: a floor measured through it would
/// flatter every tool compared with it. The newest `/usr/lib/postgresql/<version>/bin/psql` is the
/// binary the wrapper ends up running.
fn psql_program() -> &'static Path {
    static PROGRAM: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        let versions = std::fs::read_dir("/usr/lib/postgresql").into_iter().flatten().flatten();
        versions
            .filter_map(|entry| {
                let version: u32 = entry.file_name().to_str()?.parse().ok()?;
                let psql = entry.path().join("bin").join("psql");
                psql.is_file().then_some((version, psql))
            })
            .max()
            .map(|(_, psql)| psql)
            .unwrap_or_else(|| "psql".into())
    })
}

/// A database created for one measurement.
#[derive(Debug)]
pub struct Database<'a> {
    server: &'a Server,
    name: String,
}

impl Database<'_> {
    /// Its URL.
    pub fn url(&self) -> String {
        self.server.url(&self.name)
    }

    /// `psql` connected to it.
    pub fn psql(&self) -> Command {
        self.server.psql(&self.name)
    }

    /// `psql -f script` (with `-1`: the whole script in one transaction).
    pub fn psql_file(&self, script: &Path, single_transaction: bool) -> Command {
        let mut command = self.psql();
        if single_transaction {
            command.arg("-1");
        }
        command.arg("-f").arg(script);
        command
    }

    /// The single value `sql` returns.
    pub fn query(&self, sql: &str) -> Result<String, String> {
        Ok(proc::stdout(self.psql().args(["-A", "-t", "-c", sql]))?.trim().to_string())
    }

    /// How many of the benchmark's tables exist: the check that a run did what it says.
    pub fn bench_tables(&self) -> Result<usize, String> {
        let count = self.query("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench\\_t%'")?;
        count.parse().map_err(|_| format!("unexpected table count `{count}`"))
    }
}

impl Drop for Database<'_> {
    fn drop(&mut self) {
        // FORCE ends a session a failed tool left behind; a leftover database is only noise, so
        // a failure here is reported and not fatal.
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(e) = proc::stdout(self.server.psql("postgres").args(["-c", &sql])) {
            eprintln!("xtask bench: could not drop database {}: {e}", self.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Server;

    #[test]
    fn a_server_url_loses_its_database() {
        assert_eq!(Server::new("postgres://u@h:1/db").url("x"), "postgres://u@h:1/x");
        assert_eq!(Server::new("postgres://u@h:1/").url("x"), "postgres://u@h:1/x");
        assert_eq!(Server::new("postgres://u@h:1").url("x"), "postgres://u@h:1/x");
    }
}
