//! The one place where diesel and r2d2 errors become the domain's `RepoError`.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use todo_domain::RepoError;

/// A failed statement: connection trouble is `Unavailable` (retry later), anything
/// else is `Internal`.
pub(crate) fn query_error(err: DieselError) -> RepoError {
    if is_connection_failure(&err) {
        RepoError::Unavailable(Box::new(err))
    } else {
        RepoError::Internal(Box::new(err))
    }
}

/// Waiting for a pooled connection timed out: the database is down or saturated.
pub(crate) fn checkout_error(err: diesel::r2d2::PoolError) -> RepoError {
    RepoError::Unavailable(Box::new(err))
}

fn is_connection_failure(err: &DieselError) -> bool {
    match err {
        DieselError::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        ) => true,
        // libpq reports a server that is shutting down, or a connection that died
        // mid-statement, with these texts and no dedicated kind.
        DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            [
                "terminating connection",
                "server closed the connection",
                "the database system is",
                "no connection to the server",
                "could not receive data",
                "SSL connection has been closed",
            ]
            .iter()
            .any(|needle| message.contains(needle))
        }
        _ => false,
    }
}
