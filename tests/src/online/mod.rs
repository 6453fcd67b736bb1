//! The online-safety scenarios (issue #8): a concurrent client load that records how long each of
//! its statements waited, lock-holding sessions to migrate behind, and the benchmark that runs the
//! naive and the safe form of each migration under that load (`cargo xtask bench online`).
//!
//! This module does not know retort: the crate must not depend on it (retort dev-depends on the
//! harness). The safe forms come in through [`bench::SafeForms`], implemented with retort's runner
//! in `examples/online-bench/forms.rs`, which the acceptance tests (`tests/it/online.rs`) share.
//! docs/performance.md explains the scenarios and their numbers.
//!
//! ```no_run
//! # fn main() -> Result<(), retort_tests::online::OnlineError> {
//! use std::time::Duration;
//! use retort_tests::online::{fill, Load, LoadConfig};
//! let db = retort_tests::TestDb::postgres()?;
//! fill(db.url(), "items", 100_000)?;
//! let load = Load::start(db.url(), &LoadConfig::new("items", 100_000))?;
//! // .. migrate ..
//! let samples = load.stop()?;
//! println!("longest client stall: {:?}", samples.stats(Duration::ZERO, samples.window()).max);
//! # Ok(()) }
//! ```

pub mod bench;
mod blocker;
mod error;
mod load;
mod pg;

pub use blocker::Blocker;
pub use error::OnlineError;
pub use load::{Load, LoadConfig, Outcome, Sample, Samples, Stats};
pub use pg::{fill, terminate, wait_until, with_application_name, Session};
