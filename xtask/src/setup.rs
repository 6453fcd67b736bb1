//! The set-up `cargo xtask test` does before anything else, so that a newcomer needs one command:
//! on a Debian or Ubuntu machine, as root or with passwordless sudo, it installs the missing
//! packages, starts PostgreSQL and MariaDB if they are down and waits until they answer. Only with
//! `CI=true` or `--trust-local` does it let the test users in over TCP without a password, as a
//! fresh install does not (it never changes authentication otherwise). Elsewhere it changes
//! nothing, and the server check after it says exactly what to install and start.

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What the tests and the build need from Debian: the servers, the client libraries the
/// PostgreSQL and MySQL backends link, OpenSSL for the bundled libpq, and a German locale for the
/// test that lock retries do not depend on the server's message language.
pub const PACKAGES: [&str; 7] =
    ["postgresql", "mariadb-server", "libpq-dev", "libmariadb-dev-compat", "libssl-dev", "pkg-config", "locales"];

const WAIT: Duration = Duration::from_secs(60);

/// Installs and starts what is missing. `Err` when a step that should have worked failed.
pub fn prepare(trust_local: bool) -> Result<(), String> {
    if !Path::new("/etc/debian_version").exists() {
        return Ok(());
    }
    let Some(sudo) = privilege() else {
        let missing = missing_packages();
        if !missing.is_empty() {
            eprintln!(
                "xtask: missing Debian packages: {}\n  install them: sudo apt-get install {}",
                missing.join(" "),
                missing.join(" ")
            );
        }
        return Ok(());
    };
    install(&sudo)?;
    locale(&sudo);
    postgres(&sudo, trust_local)?;
    mariadb(&sudo, trust_local)
}

/// `Some([])` as root, `Some(["sudo", "-n"])` with passwordless sudo, `None` without either.
fn privilege() -> Option<Vec<&'static str>> {
    if output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0") {
        return Some(Vec::new());
    }
    succeeds(&["sudo", "-n", "true"]).then(|| vec!["sudo", "-n"])
}

fn missing_packages() -> Vec<&'static str> {
    PACKAGES
        .into_iter()
        .filter(|p| {
            output("dpkg-query", &["-W", "-f=${Status}", p]).is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect()
}

fn install(sudo: &[&str]) -> Result<(), String> {
    let missing = missing_packages();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {}", missing.join(" "));
    let update = [sudo, &["apt-get", "update", "-qq"]].concat();
    let mut install = [sudo, &["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq"]].concat();
    install.push("--no-install-recommends");
    install.extend(&missing);
    for step in [update, install] {
        if !succeeds(&step) {
            return Err(format!("`{}` failed", step.join(" ")));
        }
    }
    Ok(())
}

/// The lock-retry test on a server whose messages are not English needs a German locale, which
/// Debian generates only when asked. Outside the locale archive (`--no-archive`), so that a server
/// already running sees it without a restart.
fn locale(sudo: &[&str]) {
    if Path::new("/usr/lib/locale/de_DE.utf8").is_dir() {
        return;
    }
    eprintln!("xtask: generating the de_DE.UTF-8 locale");
    let localedef = [sudo, &["localedef", "--no-archive", "-i", "de_DE", "-f", "UTF-8", "de_DE.UTF-8"]].concat();
    if !succeeds(&localedef) {
        eprintln!("xtask: could not generate the de_DE.UTF-8 locale; the lc_messages test will say so");
    }
}

fn postgres(sudo: &[&str], trust_local: bool) -> Result<(), String> {
    if pg_answers() {
        return Ok(());
    }
    let version = output("ls", &["/etc/postgresql"])
        .and_then(|v| v.split_whitespace().last().map(str::to_string))
        .ok_or("no PostgreSQL cluster under /etc/postgresql (reinstall the postgresql package)")?;
    if !succeeds(&["pg_isready", "-q", "-h", "127.0.0.1", "-t", "2"]) {
        eprintln!("xtask: PostgreSQL is down; starting it");
        let start = [sudo, &["pg_ctlcluster", "--skip-systemctl-redirect", &version, "main", "start"]].concat();
        let _ = succeeds(&start); // already running is fine: the wait below decides
    }
    if wait_for(pg_answers) {
        return Ok(());
    }
    if !trust_local {
        return Err("PostgreSQL does not answer on 127.0.0.1:5432 as user postgres; check its log under \
                    /var/log/postgresql, or rerun with --trust-local to let local TCP connections in without a password"
            .into());
    }
    // A fresh Debian cluster lets `postgres` in over the Unix socket only.
    let hba = format!("/etc/postgresql/{version}/main/pg_hba.conf");
    let current = std::fs::read_to_string(&hba).unwrap_or_default();
    if !current.contains("host all all 127.0.0.1/32 trust") {
        eprintln!("xtask: trusting local TCP connections in {hba}");
        let edit =
            [sudo, &["sed", "-i", r"1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust", &hba]].concat();
        let reload = [sudo, &["pg_ctlcluster", "--skip-systemctl-redirect", &version, "main", "reload"]].concat();
        if !(succeeds(&edit) && succeeds(&reload)) {
            return Err(format!("could not edit {hba}"));
        }
    }
    if wait_for(pg_answers) {
        Ok(())
    } else {
        Err("PostgreSQL runs but refuses postgres@127.0.0.1".into())
    }
}

fn mariadb(sudo: &[&str], trust_local: bool) -> Result<(), String> {
    if mariadb_answers() {
        return Ok(());
    }
    let ping = [sudo, &["mariadb-admin", "ping", "--connect-timeout=2"]].concat();
    if !succeeds(&ping) {
        eprintln!("xtask: MariaDB is down; starting it");
        // mariadbd needs its socket directory, which systemd would create.
        let dir = [sudo, &["install", "-d", "-o", "mysql", "-g", "mysql", "/run/mysqld"]].concat();
        let start =
            [sudo, &["start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"]]
                .concat();
        if !(succeeds(&dir) && succeeds(&start)) {
            return Err("could not start /usr/sbin/mariadbd".into());
        }
    }
    if wait_for(mariadb_answers) {
        return Ok(());
    }
    if !trust_local {
        return Err("MariaDB does not answer on 127.0.0.1:3306 as root; check /var/log/mysql, or rerun with \
                    --trust-local to let root in over TCP without a password"
            .into());
    }
    // A fresh MariaDB lets root in through the Unix socket only.
    eprintln!("xtask: letting root in over TCP without a password");
    let grant = [
        sudo,
        &[
            "mariadb",
            "-uroot",
            "-e",
            "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; \
             GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;",
        ],
    ]
    .concat();
    if succeeds(&grant) && wait_for(mariadb_answers) {
        Ok(())
    } else {
        Err("MariaDB runs but refuses root@127.0.0.1".into())
    }
}

fn pg_answers() -> bool {
    succeeds(&["pg_isready", "-q", "-h", "127.0.0.1", "-t", "2"])
        && succeeds(&["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qtAc", "select 1"])
}

fn mariadb_answers() -> bool {
    succeeds(&["mariadb", "-h127.0.0.1", "-uroot", "--connect-timeout=2", "-e", "select 1"])
}

fn wait_for(check: fn() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < WAIT {
        if check() {
            return true;
        }
        thread::sleep(Duration::from_secs(1));
    }
    false
}

/// Runs `argv` quietly, no stdin; whether it exited 0 (a missing program is a no).
fn succeeds(argv: &[&str]) -> bool {
    let Some((program, args)) = argv.split_first() else { return false };
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
