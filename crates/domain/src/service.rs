//! The one way in to tasks: every method needs the [`OwnerScope`] of a verified caller.

use std::sync::Arc;

use crate::known_users::KnownUsers;
use crate::{
    Completion, NewTask, OwnerScope, RepoError, Revised, Reviser, RevisionOutcome, Task, TaskError,
    TaskId, TaskPage, TaskPatch, TaskQuery, TaskRepository, UserRepository,
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
        self.provision(scope)?;
        match self.tasks.create(scope, task) {
            // The user row went away behind this process's back (an operator deleted
            // the user): forget it, provision it again, and retry once.
            Err(RepoError::OwnerMissing) => {
                self.known_users.forget(scope.owner());
                self.provision(scope)?;
                Ok(self.tasks.create(scope, task)?)
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
    /// `NotFound` for a malformed, missing or foreign id; `Invalid` when the result
    /// would break a rule between fields; storage errors.
    pub fn update(
        &self,
        scope: &OwnerScope,
        id: &str,
        patch: &TaskPatch,
    ) -> Result<Revised, TaskError> {
        self.revise(scope, id, &|task| task.revise(patch))
    }

    /// Sets or toggles `completed`; completing a recurring task also creates its next
    /// occurrence.
    ///
    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; storage errors.
    pub fn set_completion(
        &self,
        scope: &OwnerScope,
        id: &str,
        completion: Completion,
    ) -> Result<Revised, TaskError> {
        self.provision(scope)?;
        let task_id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        // Most tasks do not repeat: one statement, no transaction.
        if let Some(task) = self
            .tasks
            .set_completion_unless_recurring(scope, task_id, completion)?
        {
            return Ok(Revised { task, next: None });
        }
        self.revise(scope, id, &|task| Ok(task.complete(completion)))
    }

    fn revise(
        &self,
        scope: &OwnerScope,
        id: &str,
        reviser: Reviser<'_>,
    ) -> Result<Revised, TaskError> {
        self.provision(scope)?;
        let id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        match self.tasks.revise(scope, id, reviser)? {
            RevisionOutcome::NotFound => Err(TaskError::NotFound),
            RevisionOutcome::Rejected(errors) => Err(TaskError::Invalid(errors)),
            RevisionOutcome::Applied(revised) => Ok(revised),
        }
    }

    /// # Errors
    /// `NotFound` for a malformed, missing or foreign id; storage errors.
    pub fn delete(&self, scope: &OwnerScope, id: &str) -> Result<(), TaskError> {
        self.provision(scope)?;
        let id = TaskId::parse(id).ok_or(TaskError::NotFound)?;
        if self.tasks.delete(scope, id)? {
            Ok(())
        } else {
            Err(TaskError::NotFound)
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
mod tests {
    use super::*;
    use crate::testing::InMemoryStore;
    use crate::{Caller, TaskTitle, UserId, UserProfile};

    fn caller(id: &str) -> Caller {
        Caller::from_verified_subject(UserId::parse(id).expect("id"), UserProfile::default())
    }

    fn service() -> (TaskService, Arc<InMemoryStore>) {
        let store = Arc::new(InMemoryStore::default());
        (TaskService::new(store.clone(), store.clone()), store)
    }

    fn new_task(title: &str) -> NewTask {
        NewTask::new(TaskTitle::parse(title).expect("title"))
    }

    fn alice_with_a_task() -> (TaskService, Arc<InMemoryStore>, OwnerScope, Task) {
        let (svc, store) = service();
        let alice = caller("alice").scope_to("alice").expect("scope");
        let task = svc.create(&alice, &new_task("alice's")).expect("create");
        (svc, store, alice, task)
    }

    #[test]
    fn bob_cannot_read_alices_task() {
        let (svc, _, _, task) = alice_with_a_task();
        let bob = caller("bob").scope_to("bob").expect("scope");
        assert!(matches!(
            svc.get(&bob, &task.id.to_string()),
            Err(TaskError::NotFound)
        ));
    }

    #[test]
    fn bob_cannot_update_complete_or_delete_alices_task() {
        let (svc, store, _, task) = alice_with_a_task();
        let bob = caller("bob").scope_to("bob").expect("scope");
        let id = task.id.to_string();
        let patch = TaskPatch {
            title: Some(TaskTitle::parse("mine").expect("t")),
            ..TaskPatch::default()
        };
        assert!(matches!(
            svc.update(&bob, &id, &patch),
            Err(TaskError::NotFound)
        ));
        assert!(matches!(
            svc.set_completion(&bob, &id, Completion::Toggle),
            Err(TaskError::NotFound)
        ));
        assert!(matches!(svc.delete(&bob, &id), Err(TaskError::NotFound)));
        assert_eq!(store.all_tasks(), vec![task]);
    }

    #[test]
    fn bob_does_not_see_alices_task_in_his_list() {
        let (svc, _, _, _) = alice_with_a_task();
        let bob = caller("bob").scope_to("bob").expect("scope");
        let page = svc.list(&bob, &TaskQuery::default()).expect("list");
        assert_eq!(page.total, 0);
        assert!(page.tasks.is_empty());
    }

    #[test]
    fn malformed_ids_are_not_found() {
        let (svc, _, alice, _) = alice_with_a_task();
        for id in ["abc", "0", "-1", "1.5"] {
            assert!(matches!(svc.get(&alice, id), Err(TaskError::NotFound)));
        }
    }

    #[test]
    fn the_owner_can_complete_update_and_delete() {
        let (svc, _, alice, task) = alice_with_a_task();
        let id = task.id.to_string();
        let toggled = svc
            .set_completion(&alice, &id, Completion::Toggle)
            .expect("toggle");
        assert!(toggled.task.completed);
        let set = svc
            .set_completion(&alice, &id, Completion::Set(true))
            .expect("set");
        assert!(set.task.completed);
        let patch = TaskPatch {
            completed: Some(false),
            ..TaskPatch::default()
        };
        assert!(
            !svc.update(&alice, &id, &patch)
                .expect("update")
                .task
                .completed
        );
        svc.delete(&alice, &id).expect("delete");
        assert!(matches!(svc.get(&alice, &id), Err(TaskError::NotFound)));
    }

    #[test]
    fn completing_a_recurring_task_goes_through_a_revision_and_makes_the_next() {
        use crate::{Due, Frequency, Recurrence};
        let (svc, store, alice, plain) = alice_with_a_task();
        let weekly = NewTask {
            due: Some(Due::On("2026-12-04".parse().expect("date"))),
            recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
            ..new_task("weekly")
        };
        let weekly = svc.create(&alice, &weekly).expect("create");
        let done = svc
            .set_completion(&alice, &plain.id.to_string(), Completion::Toggle)
            .expect("plain");
        assert!(done.task.completed && done.next.is_none());
        let done = svc
            .set_completion(&alice, &weekly.id.to_string(), Completion::Toggle)
            .expect("weekly");
        let next = done.next.expect("a next occurrence");
        assert_eq!(next.due, Some(Due::On("2026-12-11".parse().expect("date"))));
        assert_eq!(store.all_tasks().len(), 3);
    }

    #[test]
    fn a_user_row_deleted_behind_the_cache_is_provisioned_again_on_create() {
        let (svc, store, alice, _) = alice_with_a_task();
        store.delete_user(alice.owner());
        let task = svc.create(&alice, &new_task("again")).expect("create");
        assert_eq!(store.all_tasks(), vec![task]);
        assert_eq!(store.upserts(), 2);
    }

    #[test]
    fn a_user_is_provisioned_once_while_the_profile_stays_the_same() {
        let (svc, store) = service();
        let alice = caller("alice").scope_to("alice").expect("scope");
        for _ in 0..3 {
            svc.list(&alice, &TaskQuery::default()).expect("list");
        }
        assert_eq!(store.upserts(), 1);
        let renamed = Caller::from_verified_subject(
            UserId::parse("alice").expect("id"),
            UserProfile::new(Some("a@example.com"), Some("Alice")),
        )
        .scope_to("alice")
        .expect("scope");
        svc.list(&renamed, &TaskQuery::default()).expect("list");
        assert_eq!(store.upserts(), 2);
    }
}
