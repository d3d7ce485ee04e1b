//! An in-memory store for service tests. It honours the ports' isolation contract
//! (owner filter on every call) but is no substitute for the PostgreSQL tests.

use std::collections::HashSet;
use std::sync::Mutex;

use chrono::Utc;

use crate::{
    Completion, NewTask, OwnerScope, RepoError, Revised, Reviser, RevisionOutcome, SortKey,
    SortOrder, Task, TaskId, TaskPage, TaskQuery, TaskRepository, UserId, UserRepository,
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

    fn revise(
        &self,
        scope: &OwnerScope,
        id: TaskId,
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
        state.tasks[index] = task.clone();
        Ok(RevisionOutcome::Applied(Revised { task, next }))
    }

    fn set_completion_unless_recurring(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
    ) -> Result<Option<Task>, RepoError> {
        let mut state = self.state();
        let Some(task) = state
            .tasks
            .iter_mut()
            .find(|t| t.id == id && &t.user_id == scope.owner() && t.recurrence.is_none())
        else {
            return Ok(None);
        };
        task.completed = match completion {
            Completion::Toggle => !task.completed,
            Completion::Set(value) => value,
        };
        task.updated_at = Utc::now();
        Ok(Some(task.clone()))
    }

    fn delete(&self, scope: &OwnerScope, id: TaskId) -> Result<bool, RepoError> {
        let mut state = self.state();
        let before = state.tasks.len();
        state
            .tasks
            .retain(|t| !(t.id == id && &t.user_id == scope.owner()));
        Ok(state.tasks.len() < before)
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
