//! What the domain needs from storage. Adapters implement these; the domain calls them.
//!
//! Every method takes an [`OwnerScope`]. An adapter MUST filter each statement by
//! `scope.owner()` in the statement itself (not read-then-check), and MUST treat a task
//! owned by someone else exactly like a missing one.

use crate::{
    Completion, FieldError, NewTask, OwnerScope, RepoError, Revised, Revision, Task, TaskId,
    TaskPage, TaskQuery,
};

/// What a change computes from the task as it is: the domain's rules, run by the
/// adapter inside its transaction.
pub type Reviser<'a> = &'a (dyn Fn(&Task) -> Result<Revision, Vec<FieldError>> + Sync);

/// How a change ended, when storage answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "made once per request and moved straight to the response: a box buys nothing"
)]
pub enum RevisionOutcome {
    /// No such task for this owner; nothing changed.
    NotFound,
    /// The change breaks a rule; nothing changed.
    Rejected(Vec<FieldError>),
    Applied(Revised),
}

/// Tasks in storage, reachable only under an [`OwnerScope`].
///
/// The scoped way compiles:
///
/// ```
/// use todo_domain::{Caller, TaskId, TaskRepository};
/// fn read_own(repo: &dyn TaskRepository, caller: &Caller, path_user: &str) {
///     if let Ok(scope) = caller.scope_to(path_user) {
///         let _ = repo.get(&scope, TaskId::new(1));
///     }
/// }
/// ```
///
/// There is no unscoped way to read a task:
///
/// ```compile_fail
/// use todo_domain::{TaskId, TaskRepository};
/// fn read_any(repo: &dyn TaskRepository) {
///     let _ = repo.get(TaskId::new(1));
/// }
/// ```
///
/// and no scope without a caller (no public constructor, no `Default`):
///
/// ```compile_fail
/// use todo_domain::{OwnerScope, TaskId, TaskRepository};
/// fn read_any(repo: &dyn TaskRepository) {
///     let _ = repo.get(&OwnerScope::default(), TaskId::new(1));
/// }
/// ```
pub trait TaskRepository: Send + Sync {
    /// The scope owner's tasks matching `query`, one page, with the total match count.
    ///
    /// # Errors
    /// `Unavailable` when storage cannot be reached, `Internal` otherwise.
    fn list(&self, scope: &OwnerScope, query: &TaskQuery) -> Result<TaskPage, RepoError>;

    /// # Errors
    /// MUST return `Ok(None)` for a task of another owner, as for a missing one.
    fn get(&self, scope: &OwnerScope, id: TaskId) -> Result<Option<Task>, RepoError>;

    /// Stores a task owned by the scope's owner, whose user row already exists.
    ///
    /// # Errors
    /// `Unavailable` when storage cannot be reached; nothing is stored then.
    fn create(&self, scope: &OwnerScope, task: &NewTask) -> Result<Task, RepoError>;

    /// Changes a task to what `reviser` computes from it, in one transaction: the
    /// task is locked, read, written with its new state (bumping `updated_at`) and,
    /// when the revision has a next occurrence, that is created too and remembered
    /// as the task's `next_occurrence`. Either all of it is stored or none of it.
    ///
    /// # Errors
    /// MUST return `Ok(NotFound)`, changing nothing, for a foreign or missing task.
    fn revise(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        reviser: Reviser<'_>,
    ) -> Result<RevisionOutcome, RepoError>;

    /// Sets or toggles `completed` of a task that does not repeat, and bumps
    /// `updated_at`, in one statement: completing such a task changes nothing else,
    /// so it needs neither the lock nor the rules of [`Self::revise`].
    ///
    /// # Errors
    /// MUST return `Ok(None)`, changing nothing, for a foreign or missing task and
    /// for one that repeats (which goes through `revise`).
    fn set_completion_unless_recurring(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
    ) -> Result<Option<Task>, RepoError>;

    /// # Errors
    /// MUST return `Ok(false)`, deleting nothing, for a foreign or missing task.
    fn delete(&self, scope: &OwnerScope, id: TaskId) -> Result<bool, RepoError>;

    /// Whether storage answers at all (for readiness).
    ///
    /// # Errors
    /// `Unavailable` when it does not.
    fn ping(&self) -> Result<(), RepoError>;
}

pub trait UserRepository: Send + Sync {
    /// Makes sure the scope's owner has a user row holding its current profile.
    ///
    /// # Errors
    /// MUST be safe under concurrency: many first requests of one user create one row
    /// and none of them fails for it.
    fn upsert(&self, scope: &OwnerScope) -> Result<(), RepoError>;
}
