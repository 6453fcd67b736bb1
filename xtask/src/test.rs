//! `cargo xtask test`: the whole check a change must pass, the same as CI runs (`.ci/run` only
//! calls it).
//!
//! The set-up and database check come first because they take seconds, while the build takes
//! minutes: on Debian or Ubuntu the missing packages are installed and the servers started
//! (`setup.rs`); elsewhere a newcomer whose servers are down learns it, and how to start them,
//! before waiting for anything. With `CI=true` (or `--fresh-machine`) the quick start is then
//! proven to build with no system library (`.ci/fresh-machine`).

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use crate::cmd;

/// A database family the tests need, and how a newcomer gets it running.
struct Server {
    product: &'static str,
    env_var: &'static str,
    default_port: u16,
    start: &'static str,
    install: &'static str,
}

const SERVERS: [Server; 2] = [
    Server {
        product: "PostgreSQL",
        env_var: "TEST_DATABASE_URL",
        default_port: 5432,
        start: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        install: "apt-get install postgresql",
    },
    Server {
        product: "MariaDB",
        env_var: "TEST_MYSQL_URL",
        default_port: 3306,
        start: "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
        install: "apt-get install mariadb-server",
    },
];

/// Runs the checks in order and stops at the first failure with its exit code.
pub fn run(args: &[String]) -> ExitCode {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let (mut trust_local, mut fresh_machine) = (ci, ci);
    for arg in args {
        match arg.as_str() {
            "--trust-local" => trust_local = true,
            "--fresh-machine" => fresh_machine = true,
            _ => {
                eprintln!(
                    "error: `cargo xtask test` takes only --trust-local (let the test users in over local TCP without \
                     a password) and --fresh-machine (also prove the quick start builds with no system library); \
                     got `{arg}`; run `cargo test` directly to filter"
                );
                return ExitCode::from(2);
            }
        }
    }
    if let Err(e) = crate::setup::prepare(trust_local) {
        eprintln!("xtask: set-up failed: {e}");
        return ExitCode::FAILURE;
    }
    let Some(containers) = servers_answer() else {
        return ExitCode::FAILURE;
    };
    // testcontainers (about 240 crates) is built only when a server has to come from Docker.
    let test: &[&str] = if containers {
        &["test", "--workspace", "--features", "retort-tests/testcontainers"]
    } else {
        &["test", "--workspace"]
    };
    let steps: [&[&str]; 3] =
        [&["fmt", "--all", "--", "--check"], &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], test];
    for step in steps {
        if let Err(code) = cmd::run_timed(&mut cmd::cargo(step)) {
            return code;
        }
    }
    if fresh_machine {
        let script = cmd::workspace_root().join(".ci").join("fresh-machine");
        if let Err(code) = cmd::run_timed(&mut std::process::Command::new(script)) {
            return code;
        }
    }
    ExitCode::SUCCESS
}

/// Whether every server the tests need answers, or can be provided by testcontainers; prints how
/// to start the ones that are missing. `Some(true)` when testcontainers must provide one.
fn servers_answer() -> Option<bool> {
    let docker = docker_reachable();
    let mut ok = true;
    let mut containers = false;
    for server in &SERVERS {
        let (target, from_env) = match std::env::var(server.env_var).ok().filter(|u| !u.trim().is_empty()) {
            Some(url) => (host_port(&url, server.default_port), true),
            None => (Some(format!("127.0.0.1:{}", server.default_port)), false),
        };
        let Some(shown) = target else {
            // e.g. a Unix-socket URL: the harness itself reports it if it does not work
            eprintln!(
                "xtask: cannot tell where {} points; the tests will report it if it does not answer",
                server.env_var
            );
            continue;
        };
        if answers(&shown) {
            eprintln!("xtask: {} answers on {shown}", server.product);
        } else if docker && !from_env {
            containers = true;
            eprintln!(
                "xtask: {} does not answer on {shown}; the tests will start one with testcontainers",
                server.product
            );
        } else {
            ok = false;
            let var = server.env_var;
            if from_env {
                eprintln!(
                    "xtask: {} does not answer on {shown} (from {var}): fix {var}, or unset it to use a local server",
                    server.product
                );
            } else {
                eprintln!(
                    "xtask: {} does not answer on {shown}.\n  start it:   {}\n  install it: {}\n  \
                     or set {var} to a server the tests may create databases on\n  \
                     (`.ci/run` does all of this on a CI machine)",
                    server.product, server.start, server.install,
                );
            }
        }
    }
    ok.then_some(containers)
}

fn answers(host_port: &str) -> bool {
    let addrs: Vec<SocketAddr> = host_port.to_socket_addrs().map(Iterator::collect).unwrap_or_default();
    addrs.iter().any(|addr| TcpStream::connect_timeout(addr, Duration::from_millis(500)).is_ok())
}

fn docker_reachable() -> bool {
    std::env::var_os("DOCKER_HOST").is_some_and(|v| !v.is_empty())
        || std::path::Path::new("/var/run/docker.sock").exists()
}

/// `host:port` of a `scheme://[user[:password]@]host[:port][/db][?query]` URL, without a URL crate
/// (xtask stays dependency-free so that it builds in seconds).
fn host_port(url: &str, default_port: u16) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    if host_port.is_empty() {
        return None;
    }
    // `[::1]:5432` keeps its brackets; a bare host gets the default port
    let has_port = match host_port.rfind(']') {
        Some(close) => host_port[close..].contains(':'),
        None => host_port.contains(':'),
    };
    Some(if has_port { host_port.to_owned() } else { format!("{host_port}:{default_port}") })
}

#[cfg(test)]
mod tests {
    use super::host_port;

    #[test]
    fn host_port_is_read_from_database_urls() {
        assert_eq!(
            host_port("postgres://u:p@db.example:6543/x?sslmode=disable", 5432).as_deref(),
            Some("db.example:6543")
        );
        assert_eq!(host_port("mysql://root@127.0.0.1/mysql", 3306).as_deref(), Some("127.0.0.1:3306"));
        assert_eq!(host_port("postgres://[::1]/x", 5432).as_deref(), Some("[::1]:5432"));
        assert_eq!(host_port("postgres://[::1]:1/x", 5432).as_deref(), Some("[::1]:1"));
        assert_eq!(host_port("not a url", 5432), None);
    }
}
