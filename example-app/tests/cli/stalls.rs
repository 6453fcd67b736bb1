//! A server that stops answering ends the run within the configured timeouts, on PostgreSQL and
//! MariaDB: a listener that accepts and never answers (the connect), and a connection that
//! stalls after connecting (a small TCP proxy in the test that forwards, then stops).

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use retort_tests::TestDb;

use crate::support::{head, ids, json, Migrate};

/// `retort.toml` with short timeouts: one second to connect, one second before a long call is
/// checked.
const SHORT_TIMEOUTS: &str = "[timeouts]\nconnect_ms = 1000\nstall_ms = 1000\n";

fn config_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), SHORT_TIMEOUTS).unwrap();
    dir
}

/// The `host:port` of a server URL (`scheme://user@host:port/db`).
fn server_of(url: &str, default_port: u16) -> SocketAddr {
    let rest = url.split_once("://").unwrap().1;
    let authority = rest.split('/').next().unwrap();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let with_port = if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:{default_port}") };
    with_port.to_socket_addrs().unwrap().next().unwrap()
}

/// `url` with its host and port replaced by 127.0.0.1:`port`.
fn via(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap();
    let user = authority.rsplit_once('@').map(|(u, _)| format!("{u}@")).unwrap_or_default();
    format!("{scheme}://{user}127.0.0.1:{port}/{path}")
}

/// What a frozen proxy does with connections.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Freeze {
    /// Every connection, old and new, stops (a network partition).
    All,
    /// Connections open at the freeze stop; new ones are forwarded (a stuck proxy or NAT entry).
    Existing,
}

/// A TCP proxy to `upstream` that forwards until the client sends `needle` (forwarded), then
/// stops forwarding as `freeze` says. Dropping it closes every connection.
struct Proxy {
    port: u16,
    stop: Arc<AtomicBool>,
    held: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    fn start(upstream: SocketAddr, needle: &'static [u8], freeze: Freeze) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let frozen = Arc::new(AtomicBool::new(false));
        let held = Arc::new(Mutex::new(Vec::new()));
        let (s, h) = (Arc::clone(&stop), Arc::clone(&held));
        thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let client = match listener.accept() {
                    Ok((client, _)) => client,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(10));
                        continue;
                    }
                    Err(e) => panic!("proxy accept: {e}"),
                };
                client.set_nonblocking(false).unwrap();
                let is_frozen = frozen.load(Ordering::SeqCst);
                if is_frozen && freeze == Freeze::All {
                    // Accepted, never answered.
                    h.lock().unwrap().push(client);
                    continue;
                }
                let server = TcpStream::connect(upstream).unwrap();
                // A connection opened after the freeze (Existing) is never frozen itself.
                let gate = if is_frozen { Arc::new(AtomicBool::new(false)) } else { Arc::clone(&frozen) };
                for (from, to, needle) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap(), Some(needle)),
                    (server.try_clone().unwrap(), client.try_clone().unwrap(), None),
                ] {
                    let (gate, stop) = (Arc::clone(&gate), Arc::clone(&s));
                    thread::spawn(move || pump(from, to, needle, &gate, &stop));
                }
                h.lock().unwrap().extend([client, server]);
            }
        });
        Proxy { port, stop, held }
    }
}

/// Copies `from` to `to` while the gate is open; sets the gate when `needle` passes.
fn pump(mut from: TcpStream, mut to: TcpStream, needle: Option<&[u8]>, frozen: &AtomicBool, stop: &AtomicBool) {
    from.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
    let mut buf = [0u8; 16384];
    while !stop.load(Ordering::SeqCst) {
        if frozen.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(20));
            continue;
        }
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(_) => break,
        };
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
        if needle.is_some_and(|needle| buf[..n].windows(needle.len()).any(|w| w == needle)) {
            frozen.store(true, Ordering::SeqCst);
        }
    }
    let _ = to.shutdown(Shutdown::Both);
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for s in self.held.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

fn upgrade_through(url: &str, dir: &Path) -> (crate::support::Run, Duration) {
    let started = Instant::now();
    let run = Migrate::db(url).in_dir(dir).args(["upgrade", "head"]).run();
    (run, started.elapsed())
}

/// A listener that accepts connections and never says a word.
fn silent_listener() -> (u16, Arc<Mutex<Vec<TcpStream>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = Arc::new(Mutex::new(Vec::new()));
    let h = Arc::clone(&held);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            h.lock().unwrap().push(stream);
        }
    });
    (port, held)
}

#[test]
fn a_listener_that_never_answers_fails_the_connect_within_connect_timeout() {
    let (port, _held) = silent_listener();
    let dir = config_dir();
    for url in [format!("postgres://postgres@127.0.0.1:{port}/x"), format!("mysql://root@127.0.0.1:{port}/x")] {
        let started = Instant::now();
        let run = Migrate::db(&url).in_dir(dir.path()).args(["current"]).run();
        let took = started.elapsed();
        assert_eq!(run.code, 2, "{url}: {run:?}");
        assert!(run.stderr.contains("no answer within 1s (timeouts.connect_ms"), "{url}: {}", run.stderr);
        assert!(took < Duration::from_secs(5), "{url}: took {took:?}");
    }
    // Without a configuration, a connect_timeout in the URL bounds the connect, on MySQL too
    // (whose driver ignores it).
    let started = Instant::now();
    let run = Migrate::db(&format!("mysql://root@127.0.0.1:{port}/x?connect_timeout=1")).args(["current"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no answer within 1s"), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

/// A stalled connection ends the run with exit 1 and the watchdog's message, well within
/// stall + connect (1 s + 1 s) plus the run's own time; afterwards a direct run converges.
fn stalled_run_ends_and_the_rerun_converges(db: &TestDb, default_port: u16, freeze: Freeze, expect: &str) {
    let proxy = Proxy::start(server_of(db.url(), default_port), b"CREATE TABLE", freeze);
    let dir = config_dir();
    let (run, took) = upgrade_through(&via(db.url(), proxy.port), dir.path());
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains(expect), "{}", run.stderr);
    assert!(took < Duration::from_secs(10), "took {took:?}");
    drop(proxy);
    let config = tempfile::tempdir().unwrap();
    Migrate::db(db.url()).in_dir(config.path()).args(["upgrade", "head"]).run().ok();
    assert_eq!(ids(&json(db.url(), &["current"])["current"]), [head()]);
}

#[test]
fn postgres_that_stops_answering_after_connect_ends_the_run_with_exit_1() {
    let db = TestDb::postgres().unwrap();
    stalled_run_ends_and_the_rerun_converges(&db, 5432, Freeze::All, "the database server stopped answering");
}

#[test]
fn postgres_session_whose_answer_is_lost_is_ended_on_the_server_and_the_run_exits_1() {
    let db = TestDb::postgres().unwrap();
    stalled_run_ends_and_the_rerun_converges(
        &db,
        5432,
        Freeze::Existing,
        "the session was ended on the server, rolling back its open transaction",
    );
}

#[test]
fn mariadb_that_stops_answering_after_connect_ends_the_run_with_exit_1() {
    let db = TestDb::mysql().unwrap();
    stalled_run_ends_and_the_rerun_converges(&db, 3306, Freeze::All, "the database server stopped answering");
}

#[test]
fn mariadb_session_whose_answer_is_lost_is_killed_on_the_server_and_the_run_exits_1() {
    let db = TestDb::mysql().unwrap();
    stalled_run_ends_and_the_rerun_converges(
        &db,
        3306,
        Freeze::Existing,
        "the session was ended on the server, rolling back its open transaction",
    );
}
