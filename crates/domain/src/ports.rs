//! What the domain needs from storage. Adapters implement these; the domain calls them.
//!
//! Every method takes an [`OwnerScope`]. An adapter MUST filter each statement by
//! `scope.owner()` in the statement itself (not read-then-check), and MUST treat a task
//! owned by someone else exactly like a missing one.

use crate::{
    Completion, CreatedOnce, FieldError, Guarded, NewTask, OnceKey, OwnerScope, Precondition,
    RepoError, Revised, Revision, Task, TaskId, TaskPage, TaskQuery,
};

/// What a change computes from the task as it is: the domain's rules, run by the
/// adapter inside its transaction.
pub type Reviser<'a> = &'a (dyn Fn(&Task) -> Result<Revision, Vec<FieldError>> + Sync);

/// How a change ended, when storage answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionOutcome {
    /// No such task for this owner; nothing changed.
    NotFound,
    /// The task is at a version the precondition does not admit; nothing changed.
    Stale(Task),
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

    /// Creates the task unless `once.key` was used by this owner within
    /// [`crate::IDEMPOTENCY_WINDOW`]: the key is stored in the same transaction as
    /// the task, so concurrent requests with one key (from any process) create one
    /// task, and each of the others answers as the first did, once it committed.
    ///
    /// # Errors
    /// `Unavailable` when storage cannot be reached; nothing is stored then.
    fn create_once(
        &self,
        scope: &OwnerScope,
        task: &NewTask,
        once: &OnceKey,
    ) -> Result<CreatedOnce, RepoError>;

    /// Changes a task to what `reviser` computes from it, in one transaction: the
    /// task is locked, read, written with its new state (bumping `updated_at`) and,
    /// when the revision has a next occurrence, that is created too and remembered
    /// as the task's `next_occurrence`. Either all of it is stored or none of it.
    /// Every write bumps the task's `version`; one that `precondition` does not
    /// admit is `Stale`, checked in the statement that writes.
    ///
    /// # Errors
    /// MUST return `Ok(NotFound)`, changing nothing, for a foreign or missing task.
    fn revise(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
        reviser: Reviser<'_>,
    ) -> Result<RevisionOutcome, RepoError>;

    /// Sets or toggles `completed` of a task that does not repeat, and bumps
    /// `updated_at`, in one statement: completing such a task changes nothing else,
    /// so it needs neither the lock nor the rules of [`Self::revise`]. It bumps the
    /// `version` too, and writes only at a version `precondition` admits.
    ///
    /// # Errors
    /// MUST return `Ok(None)`, changing nothing, for a foreign or missing task, for
    /// one that repeats (which goes through `revise`) and for one at a version the
    /// precondition does not admit (`revise` then says which it is).
    fn set_completion_unless_recurring(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
        precondition: &Precondition,
    ) -> Result<Option<Task>, RepoError>;

    /// Deletes the task if it is at a version `precondition` admits, checked in the
    /// deleting statement.
    ///
    /// # Errors
    /// MUST return `Ok(NotFound)`, deleting nothing, for a foreign or missing task.
    fn delete(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
    ) -> Result<Guarded<()>, RepoError>;

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
