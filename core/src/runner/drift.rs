//! Schema drift: the database's schema against the schema its applied revisions produce.
//!
//! The chain's schema is built, not derived: deriving it from the ops would need a model of
//! every dialect's DDL, and raw SQL (`execute`) could not be modelled at all. The revisions the
//! version table lists as applied are replayed, by this same runner, into a scratch database of
//! the same dialect: a temporary file for SQLite; `CREATE DATABASE retort_scratch_<token>` on
//! the same server with the same credentials for PostgreSQL and MySQL; or the empty database
//! that `scratch_url` names, for servers where the user may not create databases. Both catalogs
//! are then read and compared ([`crate::schema`]). The scratch database is dropped (or emptied,
//! for `scratch_url`) when the check ends, on error too. The checked database is only read.

use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{obfuscate_url, Database, Migrator, NoopObserver, RunError, Settings};
use crate::backend::catalog::{self, Excluded, ScratchPlace};
use crate::schema::{self, Drift, Schema};

/// Options of [`Migrator::check_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckOptions {
    /// An existing, empty database of the same dialect to build the chain's schema in, instead
    /// of creating one (for servers where the user may not create databases). It is emptied
    /// after use; a database holding objects that an earlier check did not leave is refused.
    pub scratch_url: Option<String>,
    /// Leave the schemas uncompared (no scratch database): [`CheckReport::drift`] is `None`.
    /// For chains that do not build from scratch, such as one whose first revisions alter
    /// tables made by hand before retort was adopted.
    ///
    /// [`CheckReport::drift`]: super::CheckReport::drift
    pub skip_drift: bool,
}

impl CheckOptions {
    /// Sets [`CheckOptions::scratch_url`].
    pub fn scratch_url(mut self, url: Option<String>) -> Self {
        self.scratch_url = url;
        self
    }

    /// Sets [`CheckOptions::skip_drift`].
    pub fn skip_drift(mut self, skip: bool) -> Self {
        self.skip_drift = skip;
        self
    }
}

/// Prefix of everything the drift check creates: scratch databases, files and its own version
/// and history tables in them (which tell a leftover scratch database from a user's one).
const PREFIX: &str = "retort_scratch_";

/// The differences between `db` and the schema the revisions `current` (its version rows)
/// produce, and the URL of the scratch database the chain was built in (obfuscated).
pub(super) fn compare(
    migrator: &Migrator,
    db: &mut Database,
    current: &[String],
    options: &CheckOptions,
) -> Result<(Vec<Drift>, String), RunError> {
    let live = super::read_schema(db, migrator.settings())?;
    let token = token();
    // Tables of their own: a scratch database is recognisable, and MySQL's server-wide lock
    // name (derived from the version table) never collides with a real migrator's.
    let settings = Settings {
        version_table: format!("{PREFIX}{token}_v"),
        history_table: format!("{PREFIX}{token}_h"),
        schema: None,
        transaction_all: false,
        accept_checksum: Vec::new(),
        ..migrator.settings().clone()
    };
    let replayer = migrator.with_settings(settings.clone());
    let mut scratch = Scratch::open(db, &token, options.scratch_url.as_deref())?;
    let display = scratch.display.clone();
    for revision in current {
        replayer
            .upgrade(scratch.db()?, revision, &mut NoopObserver)
            .map_err(|e| RunError::Replay { scratch: display.clone(), source: Box::new(e) })?;
    }
    let chain = super::read_schema(scratch.db()?, &settings)?;
    scratch.close()?;
    Ok((schema::diff(&chain, &live), display))
}

/// A short token, unique across processes and calls, for scratch names.
fn token() -> String {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.write_usize(CALLS.fetch_add(1, Ordering::Relaxed));
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

/// Where the scratch database lives, and so how it goes away.
enum Place {
    /// A database this check created on the server: dropped.
    Created(String),
    /// A SQLite file this check created: deleted, with its journal files.
    File(PathBuf),
    /// The user's `scratch_url`: emptied.
    Provided,
}

/// The scratch database, cleaned up when dropped, whatever happened meanwhile.
struct Scratch<'a> {
    /// The checked database's connection: creates and drops the scratch database (on the
    /// server, outside the checked database).
    server: &'a mut Database,
    conn: Option<Database>,
    place: Place,
    display: String,
    cleaned: bool,
}

impl<'a> Scratch<'a> {
    fn open(server: &'a mut Database, token: &str, provided: Option<&str>) -> Result<Scratch<'a>, RunError> {
        if let Some(url) = provided {
            return Scratch::provided(server, url);
        }
        match catalog::scratch_place(server.dialect()) {
            ScratchPlace::File => {
                let path = std::env::temp_dir().join(format!("{PREFIX}{token}.sqlite3"));
                let url = format!("sqlite://{}", path.display());
                let mut scratch = Scratch::new(server, Place::File(path), obfuscate_url(&url));
                let conn = Database::connect(&url).map_err(|e| RunError::Scratch {
                    context: "creating the scratch database file".into(),
                    url: scratch.display.clone(),
                    reason: e.to_string(),
                    fix: "check that the temporary directory (TMPDIR) is writable, or set scratch_url".into(),
                })?;
                scratch.conn = Some(conn);
                Ok(scratch)
            }
            ScratchPlace::ServerDatabase => {
                let name = format!("{PREFIX}{token}");
                let url = with_database(server, &name)?;
                let dialect = server.dialect();
                let create = catalog::create_database(dialect, &mut *server, &name).map_err(|e| RunError::Catalog {
                    url: server.display_url().into(),
                    message: Database::message(&e),
                })?;
                server.batch_execute(&create).map_err(|e| RunError::Scratch {
                    context: format!("creating the scratch database {name}"),
                    url: server.display_url().into(),
                    reason: Database::message(&e),
                    fix: catalog::scratch_privilege_fix(dialect).into(),
                })?;
                // From here on, dropping the guard drops the database.
                let settings = catalog::copy_database_settings(dialect, &mut *server, &name);
                let mut scratch = Scratch::new(server, Place::Created(name.clone()), obfuscate_url(&url));
                let failed = |context: &str, url: &str, e: diesel::result::Error| RunError::Scratch {
                    context: format!("{context} {name}"),
                    url: url.to_string(),
                    reason: Database::message(&e),
                    fix: "check that the user owns the databases it creates, or set scratch_url".into(),
                };
                let server_url = scratch.server.display_url().to_string();
                for statement in settings.map_err(|e| failed("reading the settings to copy to", &server_url, e))? {
                    scratch
                        .server
                        .batch_execute(&statement)
                        .map_err(|e| failed("copying the database's settings to", &server_url, e))?;
                }
                let conn = Database::connect(&url).map_err(|e| RunError::Scratch {
                    context: "connecting to the scratch database".into(),
                    url: scratch.display.clone(),
                    reason: e.to_string(),
                    fix: "check that the user may connect to the databases it creates, or set scratch_url".into(),
                })?;
                scratch.conn = Some(conn);
                Ok(scratch)
            }
        }
    }

    fn new(server: &'a mut Database, place: Place, display: String) -> Scratch<'a> {
        Scratch { server, conn: None, place, display, cleaned: false }
    }

    /// The user's scratch database: it must be empty, or hold only what an earlier check left.
    fn provided(server: &'a mut Database, url: &str) -> Result<Scratch<'a>, RunError> {
        let display = obfuscate_url(url);
        if url == server.url() {
            return Err(RunError::config(format!(
                "scratch_url names the database being checked ({display}); point it at another, empty database, \
                 which check fills with the chain's schema and empties afterwards"
            )));
        }
        let mut conn = Database::connect(url).map_err(|e| RunError::Scratch {
            context: "connecting to the scratch database".into(),
            url: display.clone(),
            reason: e.to_string(),
            fix: "check scratch_url (retort.toml) or --scratch-url: it names an empty database check may use".into(),
        })?;
        if conn.dialect() != server.dialect() {
            return Err(RunError::config(format!(
                "scratch_url {display} is a {} database, but the checked one is {}; give a scratch database of the \
                 same kind",
                conn.dialect(),
                server.dialect()
            )));
        }
        let everything = Excluded { schema: None, tables: ["", ""] };
        let found = catalog::read_schema(conn.dialect(), &mut conn, everything)
            .map_err(|e| RunError::Catalog { url: display.clone(), message: Database::message(&e) })?;
        let leftover = found.tables.keys().any(|t| t.starts_with(PREFIX) && t.ends_with("_v"));
        if !found.is_empty() && !leftover {
            return Err(RunError::Scratch {
                context: "checking that the scratch database is empty".into(),
                url: display,
                reason: format!("it holds {}", describe(&found)),
                fix: "point scratch_url at an empty database: check builds the chain's schema in it and empties it \
                      afterwards"
                    .into(),
            });
        }
        let mut scratch = Scratch::new(server, Place::Provided, display);
        scratch.conn = Some(conn);
        if leftover {
            scratch.wipe()?;
        }
        Ok(scratch)
    }

    /// The scratch connection; never the checked database's.
    fn db(&mut self) -> Result<&mut Database, RunError> {
        let display = self.display.clone();
        self.conn.as_mut().ok_or_else(|| RunError::Scratch {
            context: "using the scratch database".into(),
            url: display,
            reason: "it is closed already".into(),
            fix: "report this as a bug".into(),
        })
    }

    /// Cleans up and reports whether that worked.
    fn close(mut self) -> Result<(), RunError> {
        self.clean_up()
    }

    fn clean_up(&mut self) -> Result<(), RunError> {
        if self.cleaned {
            return Ok(());
        }
        self.cleaned = true;
        match &self.place {
            Place::Provided => {
                let wiped = self.wipe();
                self.conn = None;
                wiped
            }
            Place::File(path) => {
                self.conn = None;
                let mut result = Ok(());
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let file = PathBuf::from(format!("{}{suffix}", path.display()));
                    match std::fs::remove_file(&file) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound && result.is_ok() => {
                            result = Err(RunError::Scratch {
                                context: "deleting the scratch database file".into(),
                                url: self.display.clone(),
                                reason: e.to_string(),
                                fix: format!("delete {} by hand", file.display()),
                            });
                        }
                        _ => {}
                    }
                }
                result
            }
            Place::Created(name) => {
                // Its sessions end first, so that the server lets it go.
                self.conn = None;
                let mut reason = String::new();
                for statement in catalog::drop_database(self.server.dialect(), name) {
                    match self.server.batch_execute(&statement) {
                        Ok(()) => return Ok(()),
                        Err(e) => reason = Database::message(&e),
                    }
                }
                Err(RunError::Scratch {
                    context: format!("dropping the scratch database {name}"),
                    url: self.server.display_url().into(),
                    reason,
                    fix: format!("drop it by hand: DROP DATABASE {name}"),
                })
            }
        }
    }

    /// Empties the user's scratch database.
    fn wipe(&mut self) -> Result<(), RunError> {
        let display = self.display.clone();
        let Some(conn) = self.conn.as_mut() else { return Ok(()) };
        let failed = |e: diesel::result::Error| RunError::Scratch {
            context: "emptying the scratch database".into(),
            url: display.clone(),
            reason: Database::message(&e),
            fix: "check that the user owns what is in it, or empty it by hand".into(),
        };
        let statements = catalog::wipe(conn.dialect(), conn).map_err(failed)?;
        for statement in statements {
            conn.batch_execute(&statement).map_err(failed)?;
        }
        Ok(())
    }
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        // An error already on its way out wins; the leftover is named by the next check's
        // refusal (`scratch_url`) or is a uniquely named `retort_scratch_*` database or file.
        if let Err(e) = self.clean_up() {
            tracing::warn!(error = %e, "the drift check's scratch database was not cleaned up");
        }
    }
}

/// `url` of `server` with the database name replaced: same host, credentials and options.
fn with_database(server: &Database, name: &str) -> Result<String, RunError> {
    let unusable = |reason: &str| RunError::Scratch {
        context: "deriving the scratch database URL".into(),
        url: server.display_url().into(),
        reason: reason.into(),
        fix: "set scratch_url (retort.toml) or --scratch-url to an empty database check may use".into(),
    };
    let mut url = url::Url::parse(server.url()).map_err(|e| unusable(&e.to_string()))?;
    url.set_path(&format!("/{name}"));
    // libpq's `dbname` parameter would override the path.
    let pairs: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| k != "dbname").map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Ok(url.into())
}

/// A few of a schema's objects, for the refusal of a non-empty scratch database.
fn describe(schema: &Schema) -> String {
    let names: Vec<String> = schema
        .tables
        .keys()
        .map(|t| format!("table {t}"))
        .chain(schema.views.keys().map(|v| format!("view {v}")))
        .chain(schema.sequences.keys().map(|s| format!("sequence {s}")))
        .chain(schema.enums.keys().map(|e| format!("type {e}")))
        .chain(schema.routines.keys().map(|r| format!("routine {r}")))
        .collect();
    let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    match names.len() {
        0..=3 => shown,
        n => format!("{shown} and {} more", n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_between_calls_and_fit_an_identifier() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 12);
        assert!(format!("{PREFIX}{a}_v").len() <= 63);
    }
}
