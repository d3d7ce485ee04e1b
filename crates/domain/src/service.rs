//! The one way in to tasks: every method needs the [`OwnerScope`] of a verified caller.

use std::sync::Arc;

use crate::known_users::KnownUsers;
use crate::{
    Completion, CreatedOnce, Guarded, NewTask, OnceKey, OwnerScope, Precondition, RepoError,
    Revised, Reviser, RevisionOutcome, Task, TaskError, TaskId, TaskPage, TaskPatch, TaskQuery,
    TaskRepository, UserRepository,
};

/// Task use cases. Methods are synchronous and may block on storage: async callers
/// run them on a blocking thread pool, one call per request.
///
/// Every method needs the caller's scope; a bare id is not enough:
///
/// ```compile_fail
/// fn read_any(service: &todo_domain::TaskService) {
///     let _ = service.get("1");
/// }
/// ```
pub struct TaskService {
    tasks: Arc<dyn TaskRepository>,
    users: Arc<dyn UserRepository>,
    known_users: KnownUsers,
}

impl TaskService {
    pub fn new(tasks: Arc<dyn TaskRepository>, users: Arc<dyn UserRepository>) -> Self {
        Self {
            tasks,
            users,
            known_users: KnownUsers::default(),
        }
    }

    /// # Errors
    /// `Unavailable`/`Internal` from storage.
    pub fn list(&self, scope: &OwnerScope, query: &TaskQuery) -> Result<TaskPage, TaskError> {
        self.provision(scope)?;
        Ok(self.tasks.list(scope, query)?)
    }

    /// # Errors
    /// `Invalid` when the fields break a rule between them; storage errors.
    pub fn create(&self, scope: &OwnerScope, task: &NewTask) -> Result<Task, TaskError> {
        task.check().map_err(TaskError::Invalid)?;
        self.provisioned(scope, || self.tasks.create(scope, task))
    }

    /// Creates the task once per key: a repeat of the request (same key, same
    /// fingerprint, within a day) answers with the task as it was created.
    ///
    /// # Errors
    /// `KeyReused` when the key came with another request; `Invalid` when the fields
    /// break a rule between them; storage errors.
    pub fn create_once(
        &self,
        scope: &OwnerScope,
        task: &NewTask,
        once: &OnceKey,
    ) -> Result<Task, TaskError> {
        task.check().map_err(TaskError::Invalid)?;
        match self.provisioned(scope, || self.tasks.create_once(scope, task, once))? {
            CreatedOnce::Created(task) | CreatedOnce::Replayed(task) => Ok(task),
            CreatedOnce::KeyReused => Err(TaskError::KeyReused),
        }
    }

    /// Runs a create for a provisioned owner. When the user row went away behind this
    /// process's back (an operator deleted the user), it forgets it, provisions it
    /// again, and retries once.
    fn provisioned<T>(
        &self,
        scope: &OwnerScope,
        create: impl Fn() -> Result<T, RepoError>,
    ) -> Result<T, TaskError> {
        self.provision(scope)?;
        match create() {
            Err(RepoError::OwnerMissing) => {
                self.known_users.forget(scope.owner());
                self.provision(scope)?;
                Ok(create()?)
            }
            result => Ok(result?),
        }
    }

    /// `id` is the raw path segment: a malformed id is simply not found.
    ///
    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; storage errors.
    pub fn get(&self, scope: &OwnerScope, id: &str) -> Result<Task, TaskError> {
        self.provision(scope)?;
        let id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        self.tasks.get(scope, id)?.ok_or(TaskError::NotFound)
    }

    /// Applies `patch`; completing a recurring task also creates its next occurrence.
    ///
    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; `Stale` when the task is at
    /// a version `precondition` does not admit; `Invalid` when the result would break
    /// a rule between fields; storage errors.
    pub fn update(
        &self,
        scope: &OwnerScope,
        id: &str,
        patch: &TaskPatch,
        precondition: &Precondition,
    ) -> Result<Revised, TaskError> {
        self.revise(scope, id, precondition, &|task| task.revise(patch))
    }

    /// Sets or toggles `completed`; completing a recurring task also creates its next
    /// occurrence.
    ///
    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; `Stale` when the task is at
    /// a version `precondition` does not admit; storage errors.
    pub fn set_completion(
        &self,
        scope: &OwnerScope,
        id: &str,
        completion: Completion,
        precondition: &Precondition,
    ) -> Result<Revised, TaskError> {
        self.provision(scope)?;
        let task_id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        // Most tasks do not repeat: one statement, no transaction. When it writes
        // nothing, the revision below tells why (gone, stale, or repeating).
        if let Some(task) =
            self.tasks
                .set_completion_unless_recurring(scope, task_id, completion, precondition)?
        {
            return Ok(Revised { task, next: None });
        }
        self.revise(scope, id, precondition, &|task| {
            Ok(task.complete(completion))
        })
    }

    fn revise(
        &self,
        scope: &OwnerScope,
        id: &str,
        precondition: &Precondition,
        reviser: Reviser<'_>,
    ) -> Result<Revised, TaskError> {
        self.provision(scope)?;
        let id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        match self.tasks.revise(scope, id, precondition, reviser)? {
            RevisionOutcome::NotFound => Err(TaskError::NotFound),
            RevisionOutcome::Stale(task) => Err(TaskError::Stale(Box::new(task))),
            RevisionOutcome::Rejected(errors) => Err(TaskError::Invalid(errors)),
            RevisionOutcome::Applied(revised) => Ok(revised),
        }
    }

    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; `Stale` when the task is at
    /// a version `precondition` does not admit; storage errors.
    pub fn delete(
        &self,
        scope: &OwnerScope,
        id: &str,
        precondition: &Precondition,
    ) -> Result<(), TaskError> {
        self.provision(scope)?;
        let id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        match self.tasks.delete(scope, id, precondition)? {
            Guarded::Done(()) => Ok(()),
            Guarded::NotFound => Err(TaskError::NotFound),
            Guarded::Stale(task) => Err(TaskError::Stale(Box::new(task))),
        }
    }

    /// # Errors
    /// `Unavailable` when storage does not answer.
    pub fn check_storage(&self) -> Result<(), TaskError> {
        Ok(self.tasks.ping()?)
    }

    /// Creates or refreshes the owner's user row, unless this process already did so
    /// for the same profile: the steady state costs no write.
    fn provision(&self, scope: &OwnerScope) -> Result<(), TaskError> {
        if self.known_users.is_current(scope.owner(), scope.profile()) {
            return Ok(());
        }
        self.users.upsert(scope)?;
        self.known_users.remember(scope.owner(), scope.profile());
        Ok(())
    }
}

#[cfg(test)]
mod tests;
