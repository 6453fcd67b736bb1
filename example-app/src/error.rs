//! The app's error type.

/// A query of the app failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The database refused or failed the query.
    #[error("database error: {0}")]
    Db(#[from] diesel::result::Error),
    /// The operating system could not provide random bytes for a new id.
    #[error("could not draw random bytes for a new id: {0}; check the OS entropy source")]
    Random(getrandom::Error),
    /// A user asked for a role that does not exist.
    #[error("no role is named {0:?}; the roles are seeded by revision 8fd832a096ac")]
    UnknownRole(String),
}

// Not `#[from]`: without its `std` feature, getrandom's error is no `std::error::Error`.
impl From<getrandom::Error> for AppError {
    fn from(e: getrandom::Error) -> Self {
        Self::Random(e)
    }
}

/// The app's result type.
pub type AppResult<T> = Result<T, AppError>;
