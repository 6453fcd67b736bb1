//! Every op rendered and executed on real PostgreSQL, SQLite and MariaDB, then reversed.
