//! An in-memory store for service tests. It honours the ports' isolation contract
//! (owner filter on every call) but is no substitute for the PostgreSQL tests.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::{DateTime, Utc};

use crate::{
    Completion, CreatedOnce, Guarded, IDEMPOTENCY_WINDOW, IdempotencyKey, NewTask, OnceKey,
    OwnerScope, Precondition, RepoError, Revised, Reviser, RevisionOutcome, SortKey, SortOrder,
    Task, TaskId, TaskPage, TaskQuery, TaskRepository, UserId, UserRepository,
};

#[derive(Debug, Default)]
pub struct InMemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    tasks: Vec<Task>,
    next_id: i64,
    upserts: usize,
    users: HashSet<UserId>,
    /// Per owner and key: the request's fingerprint, the task as created, and when.
    keys: HashMap<(UserId, IdempotencyKey), (String, Task, DateTime<Utc>)>,
}

impl InMemoryStore {
    /// Every task of every owner, for assertions that nothing changed.
    pub fn all_tasks(&self) -> Vec<Task> {
        self.state().tasks.clone()
    }

    /// How many times a user row was written.
    pub fn upserts(&self) -> usize {
        self.state().upserts
    }

    /// Removes a user row and its tasks, as `ON DELETE CASCADE` does.
    pub fn delete_user(&self, user: &UserId) {
        let mut state = self.state();
        state.users.remove(user);
        state.tasks.retain(|t| &t.user_id != user);
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl State {
    fn insert(&mut self, owner: &UserId, task: &NewTask) -> Task {
        self.next_id += 1;
        let now = Utc::now();
        let task = Task::stored(TaskId::new(self.next_id), owner, task.clone(), now, now);
        self.tasks.push(task.clone());
        task
    }
}

impl TaskRepository for InMemoryStore {
    fn list(&self, scope: &OwnerScope, query: &TaskQuery) -> Result<TaskPage, RepoError> {
        let needle = query.search.as_deref().map(str::to_lowercase);
        let mut tasks: Vec<Task> = self
            .state()
            .tasks
            .iter()
            .filter(|t| &t.user_id == scope.owner())
            .filter(|t| query.filters_keep(t))
            .filter(|t| {
                needle.as_ref().is_none_or(|n| {
                    t.title.to_lowercase().contains(n)
                        || t.description
                            .as_ref()
                            .is_some_and(|d| d.to_lowercase().contains(n))
                })
            })
            .cloned()
            .collect();
        tasks.sort_by(|a, b| {
            let by_key = match query.sort {
                SortKey::Created => a.created_at.cmp(&b.created_at),
                SortKey::Updated => a.updated_at.cmp(&b.updated_at),
                SortKey::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
                SortKey::Priority => a.priority.cmp(&b.priority),
                SortKey::Due => {
                    // Tasks without a due come last whichever the order.
                    let start = |t: &Task| t.due.map(|d| d.start_in(query.tz));
                    match (start(a), start(b)) {
                        (Some(x), Some(y)) => x.cmp(&y),
                        (x, y) => {
                            let last = y.is_some().cmp(&x.is_some());
                            return if query.order == SortOrder::Desc {
                                last.then(b.id.cmp(&a.id))
                            } else {
                                last.then(a.id.cmp(&b.id))
                            };
                        }
                    }
                }
            };
            let ord = by_key.then(a.id.cmp(&b.id));
            if query.order == SortOrder::Desc {
                ord.reverse()
            } else {
                ord
            }
        });
        let total = tasks.len() as u64;
        let offset = usize::try_from(query.offset).unwrap_or(usize::MAX);
        let tasks = tasks
            .into_iter()
            .skip(offset)
            .take(query.limit() as usize)
            .collect();
        Ok(TaskPage { tasks, total })
    }

    fn get(&self, scope: &OwnerScope, id: TaskId) -> Result<Option<Task>, RepoError> {
        Ok(self
            .state()
            .tasks
            .iter()
            .find(|t| t.id == id && &t.user_id == scope.owner())
            .cloned())
    }

    fn create(&self, scope: &OwnerScope, task: &NewTask) -> Result<Task, RepoError> {
        let mut state = self.state();
        if !state.users.contains(scope.owner()) {
            return Err(RepoError::OwnerMissing);
        }
        Ok(state.insert(scope.owner(), task))
    }

    fn create_once(
        &self,
        scope: &OwnerScope,
        task: &NewTask,
        once: &OnceKey,
    ) -> Result<CreatedOnce, RepoError> {
        let mut state = self.state();
        if !state.users.contains(scope.owner()) {
            return Err(RepoError::OwnerMissing);
        }
        let slot = (scope.owner().clone(), once.key.clone());
        let window = chrono::Duration::from_std(IDEMPOTENCY_WINDOW).unwrap_or_default();
        if let Some((fingerprint, created, at)) = state.keys.get(&slot)
            && *at > Utc::now() - window
        {
            return Ok(if *fingerprint == once.fingerprint {
                CreatedOnce::Replayed(created.clone())
            } else {
                CreatedOnce::KeyReused
            });
        }
        let created = state.insert(scope.owner(), task);
        let entry = (once.fingerprint.clone(), created.clone(), Utc::now());
        state.keys.insert(slot, entry);
        Ok(CreatedOnce::Created(created))
    }

    fn revise(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
        reviser: Reviser<'_>,
    ) -> Result<RevisionOutcome, RepoError> {
        let mut state = self.state();
        let Some(index) = state
            .tasks
            .iter()
            .position(|t| t.id == id && &t.user_id == scope.owner())
        else {
            return Ok(RevisionOutcome::NotFound);
        };
        let current = state.tasks[index].clone();
        if !precondition.admits(current.version) {
            return Ok(RevisionOutcome::Stale(current));
        }
        let revision = match reviser(&current) {
            Ok(revision) => revision,
            Err(errors) => return Ok(RevisionOutcome::Rejected(errors)),
        };
        let next = revision
            .next
            .as_ref()
            .map(|n| state.insert(scope.owner(), n));
        let mut task = Task::stored(
            id,
            scope.owner(),
            revision.task.clone(),
            current.created_at,
            Utc::now(),
        );
        task.next_occurrence = next.as_ref().map(|n| n.id).or(current.next_occurrence);
        task.version = current.version + 1;
        state.tasks[index] = task.clone();
        Ok(RevisionOutcome::Applied(Revised { task, next }))
    }

    fn set_completion_unless_recurring(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
        precondition: &Precondition,
    ) -> Result<Option<Task>, RepoError> {
        let mut state = self.state();
        let Some(task) = state.tasks.iter_mut().find(|t| {
            t.id == id
                && &t.user_id == scope.owner()
                && t.recurrence.is_none()
                && precondition.admits(t.version)
        }) else {
            return Ok(None);
        };
        task.completed = completion.apply(task.completed);
        task.updated_at = Utc::now();
        task.version += 1;
        Ok(Some(task.clone()))
    }

    fn delete(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
    ) -> Result<Guarded<()>, RepoError> {
        let mut state = self.state();
        let Some(index) = state
            .tasks
            .iter()
            .position(|t| t.id == id && &t.user_id == scope.owner())
        else {
            return Ok(Guarded::NotFound);
        };
        if !precondition.admits(state.tasks[index].version) {
            return Ok(Guarded::Stale(state.tasks[index].clone()));
        }
        state.tasks.remove(index);
        Ok(Guarded::Done(()))
    }

    fn ping(&self) -> Result<(), RepoError> {
        Ok(())
    }
}

impl UserRepository for InMemoryStore {
    fn upsert(&self, scope: &OwnerScope) -> Result<(), RepoError> {
        let mut state = self.state();
        state.upserts += 1;
        state.users.insert(scope.owner().clone());
        Ok(())
    }
}
