//! The one place where diesel and r2d2 errors become the domain's `RepoError`.
//!
//! Classification is by kind, which diesel derives from the SQLSTATE (and from
//! libpq's connection status), never by message text.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use todo_domain::RepoError;

/// The foreign keys to `users.id` (PostgreSQL's default names).
const OWNER_FKEYS: [&str; 2] = ["tasks_user_id_fkey", "idempotency_keys_user_id_fkey"];

/// A failed statement: a condition of the server is `Unavailable` (retry later), a
/// missing owner row is `OwnerMissing`, anything that says our statement or data was
/// wrong is `Internal`.
pub(crate) fn query_error(err: DieselError) -> RepoError {
    let DieselError::DatabaseError(kind, info) = &err else {
        // Row decoding, query building, and the like: bugs of ours.
        return RepoError::Internal(Box::new(err));
    };
    match kind {
        DatabaseErrorKind::ForeignKeyViolation
            if info
                .constraint_name()
                .is_some_and(|name| OWNER_FKEYS.contains(&name)) =>
        {
            RepoError::OwnerMissing
        }
        // The statement itself broke a rule of the schema: the service let bad data
        // through, which is a bug to fix, not to retry.
        DatabaseErrorKind::UniqueViolation
        | DatabaseErrorKind::ForeignKeyViolation
        | DatabaseErrorKind::NotNullViolation
        | DatabaseErrorKind::CheckViolation
        | DatabaseErrorKind::RestrictViolation
        | DatabaseErrorKind::ExclusionViolation => RepoError::Internal(Box::new(err)),
        // 08xxx and any error that left the session dead (57P01 admin shutdown,
        // 57P02, 57P03), 25006 read-only (a failover in progress), 40001.
        DatabaseErrorKind::ClosedConnection
        | DatabaseErrorKind::UnableToSendCommand
        | DatabaseErrorKind::ReadOnlyTransaction
        | DatabaseErrorKind::SerializationFailure => RepoError::Unavailable(Box::new(err)),
        // diesel folds every other SQLSTATE into `Unknown` and does not expose the
        // code: 40P01 deadlock, 57014 statement timeout or cancel, 53xxx out of
        // resources, 55P03 lock timeout. Our statements are fixed and their inputs
        // validated, so what is left is a condition of the server: retry later. (One
        // input is checked against chrono-tz, not the server: a `tz` name that the
        // server's time zone data lacks, 22023, is such a condition too.)
        _ => RepoError::Unavailable(Box::new(err)),
    }
}

/// What a unit of work in a transaction can fail with: a statement, or a rule of
/// ours (a stored row the domain cannot take). Either one rolls the transaction back.
#[derive(Debug)]
pub(crate) enum WorkError {
    Query(DieselError),
    Repo(RepoError),
}

impl From<DieselError> for WorkError {
    fn from(err: DieselError) -> Self {
        Self::Query(err)
    }
}

impl From<RepoError> for WorkError {
    fn from(err: RepoError) -> Self {
        Self::Repo(err)
    }
}

impl From<WorkError> for RepoError {
    fn from(err: WorkError) -> Self {
        match err {
            WorkError::Query(err) => query_error(err),
            WorkError::Repo(err) => err,
        }
    }
}

/// Waiting for a pooled connection timed out: the database is down, refuses
/// connections (53300 too many, 57P03 starting up) or is saturated.
pub(crate) fn checkout_error(err: diesel::r2d2::PoolError) -> RepoError {
    RepoError::Unavailable(Box::new(err))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What diesel hands over for a failed statement: the kind and, for constraint
    /// errors, the constraint's name.
    #[derive(Debug)]
    struct Info(Option<&'static str>);

    impl diesel::result::DatabaseErrorInformation for Info {
        fn message(&self) -> &str {
            "message text is never looked at"
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            self.0
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    fn classify(kind: DatabaseErrorKind, constraint: Option<&'static str>) -> RepoError {
        query_error(DieselError::DatabaseError(kind, Box::new(Info(constraint))))
    }

    #[test]
    fn conditions_of_the_server_are_unavailable() {
        for kind in [
            DatabaseErrorKind::ClosedConnection,
            DatabaseErrorKind::UnableToSendCommand,
            DatabaseErrorKind::ReadOnlyTransaction,
            DatabaseErrorKind::SerializationFailure,
            DatabaseErrorKind::Unknown,
        ] {
            assert!(
                matches!(classify(kind, None), RepoError::Unavailable(_)),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_missing_owner_row_is_told_apart_from_other_constraint_errors() {
        assert!(matches!(
            classify(DatabaseErrorKind::ForeignKeyViolation, Some(OWNER_FKEYS[0])),
            RepoError::OwnerMissing
        ));
        assert!(matches!(
            classify(DatabaseErrorKind::ForeignKeyViolation, Some(OWNER_FKEYS[1])),
            RepoError::OwnerMissing
        ));
        for kind in [
            DatabaseErrorKind::ForeignKeyViolation,
            DatabaseErrorKind::UniqueViolation,
            DatabaseErrorKind::CheckViolation,
            DatabaseErrorKind::NotNullViolation,
        ] {
            assert!(
                matches!(classify(kind, Some("other")), RepoError::Internal(_)),
                "{kind:?}"
            );
        }
        assert!(matches!(
            query_error(DieselError::NotFound),
            RepoError::Internal(_)
        ));
    }
}
