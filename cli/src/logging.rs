//! `tracing` logs on stderr, filtered by `RUST_LOG` (or `-vv`).

use tracing_subscriber::EnvFilter;

use crate::output::Verbosity;

/// Installs the log subscriber, writing through `anstream` so that `--color` and `NO_COLOR`
/// apply to logs too: `RUST_LOG` decides when set; otherwise `-vv` shows retort's
/// debug logs and anything less shows only errors.
pub fn init(verbosity: Verbosity) {
    let filter = match EnvFilter::try_from_default_env() {
        Ok(filter) => filter,
        Err(_) if verbosity >= Verbosity::Debug => EnvFilter::new("retort=debug,retort_cli=debug"),
        Err(_) => EnvFilter::new("off"),
    };
    // A second initialisation (tests calling `run_from` twice) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(anstream::stderr).try_init();
}
