//! The runner against real databases: plans, version rows, history, locks, failures.
