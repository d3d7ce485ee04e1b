//! Errors of the domain and of its ports. Only `todo-http` turns them into statuses.

use std::error::Error as StdError;

pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// One broken rule, named after the field of the request that broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// What a task operation can end in, besides success.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    /// The request breaks one or more rules; every broken rule is listed.
    #[error("invalid task: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The caller asked for another user's tasks.
    #[error("the caller may not act for this user")]
    Forbidden,
    /// No such task for this owner: missing, foreign and malformed ids look alike.
    #[error("task not found")]
    NotFound,
    /// The task changed since the version the request was made for (HTTP's
    /// `If-Match`); nothing was written. Holds the task as it is now.
    #[error("the task is no longer at the version the request names")]
    Stale(Box<crate::Task>),
    /// The create's `Idempotency-Key` was used for a different request.
    #[error("the idempotency key was used for another request")]
    KeyReused,
    /// Storage cannot be reached right now; retrying later may succeed.
    #[error("storage unavailable")]
    Unavailable(#[source] BoxError),
    /// A bug or an unexpected state of storage.
    #[error("internal error")]
    Internal(#[source] BoxError),
}

/// What a repository adapter reports when it cannot answer.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// The store is unreachable or overloaded (pool timeout, closed connection).
    #[error("storage unavailable")]
    Unavailable(#[source] BoxError),
    /// The scope's owner has no user row (it was deleted while this process still
    /// remembered it): provision it and try again.
    #[error("the owner's user row is missing")]
    OwnerMissing,
    /// Anything else: a failed statement, a row that breaks an invariant.
    #[error("storage failure")]
    Internal(#[source] BoxError),
}

impl From<RepoError> for TaskError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::Unavailable(source) => Self::Unavailable(source),
            RepoError::Internal(source) => Self::Internal(source),
            // The service re-provisions and retries; surfacing it means it could not.
            RepoError::OwnerMissing => Self::Internal(Box::new(err)),
        }
    }
}
