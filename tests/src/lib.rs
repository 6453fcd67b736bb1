//! Throwaway test databases for every crate's integration tests.
