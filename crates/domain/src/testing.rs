//! An in-memory store for service tests. It honours the ports' isolation contract
//! (owner filter on every call) but is no substitute for the PostgreSQL tests.

use std::collections::HashSet;
use std::sync::Mutex;

use chrono::Utc;

use crate::{
    Completion, NewTask, OwnerScope, RepoError, SortKey, SortOrder, StatusFilter, Task, TaskId,
    TaskPage, TaskPatch, TaskQuery, TaskRepository, UserId, UserRepository,
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

    fn modify(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        change: impl FnOnce(&mut Task),
    ) -> Option<Task> {
        let mut state = self.state();
        let task = state
            .tasks
            .iter_mut()
            .find(|t| t.id == id && &t.user_id == scope.owner())?;
        change(task);
        task.updated_at = Utc::now();
        Some(task.clone())
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
            .filter(|t| match query.status {
                StatusFilter::All => true,
                StatusFilter::Pending => !t.completed,
                StatusFilter::Completed => t.completed,
            })
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
        state.next_id += 1;
        let now = Utc::now();
        let task = Task {
            id: TaskId::new(state.next_id),
            user_id: scope.owner().clone(),
            title: task.title.as_str().to_owned(),
            description: task.description.as_ref().map(|d| d.as_str().to_owned()),
            completed: task.completed,
            created_at: now,
            updated_at: now,
        };
        state.tasks.push(task.clone());
        Ok(task)
    }

    fn update(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        patch: &TaskPatch,
    ) -> Result<Option<Task>, RepoError> {
        Ok(self.modify(scope, id, |task| {
            if let Some(title) = patch.title() {
                title.as_str().clone_into(&mut task.title);
            }
            if let Some(description) = patch.description() {
                task.description = description.map(|d| d.as_str().to_owned());
            }
            if let Some(completed) = patch.completed() {
                task.completed = completed;
            }
        }))
    }

    fn set_completion(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
    ) -> Result<Option<Task>, RepoError> {
        Ok(self.modify(scope, id, |task| {
            task.completed = match completion {
                Completion::Toggle => !task.completed,
                Completion::Set(value) => value,
            };
        }))
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
