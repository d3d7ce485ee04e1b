//! How a stored task changes: the new state a patch or a completion gives it, and
//! the next occurrence that completing a recurring task brings.

use chrono::Datelike;

use crate::{Completion, FieldError, MAX_YEAR, NewTask, Task, TaskPatch};

/// What storage writes for one change, in one transaction: the task's new state
/// and, when it has just been completed and repeats, its next occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub task: NewTask,
    pub next: Option<NewTask>,
}

/// A change as stored: the task, and the occurrence it created, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revised {
    pub task: Task,
    pub next: Option<Task>,
}

impl Task {
    /// A task as storage would hold it: `state` under this id and owner, pending no
    /// next occurrence, changed at `updated_at`, at version 1.
    pub fn stored(
        id: crate::TaskId,
        owner: &crate::UserId,
        state: NewTask,
        created_at: chrono::DateTime<chrono::Utc>,
        updated_at: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        Self {
            id,
            user_id: owner.clone(),
            title: state.title.as_str().to_owned(),
            description: state.description.map(|d| d.as_str().to_owned()),
            completed: state.completed,
            priority: state.priority,
            tags: state.tags,
            due: state.due,
            recurrence: state.recurrence,
            remind_at: state.remind_at,
            next_occurrence: None,
            created_at,
            updated_at,
            version: 1,
        }
    }

    /// The writable fields as they are now.
    pub fn state(&self) -> NewTask {
        NewTask {
            title: crate::TaskTitle::from_stored(&self.title),
            description: self
                .description
                .as_deref()
                .map(crate::TaskDescription::from_stored),
            completed: self.completed,
            priority: self.priority,
            tags: self.tags.clone(),
            due: self.due,
            recurrence: self.recurrence,
            remind_at: self.remind_at,
        }
    }

    /// This task with `patch` applied.
    ///
    /// # Errors
    /// The rules between fields that the result would break (see [`NewTask::check`]).
    pub fn revise(&self, patch: &TaskPatch) -> Result<Revision, Vec<FieldError>> {
        let before = self.state();
        let after = NewTask {
            title: patch.title.clone().unwrap_or(before.title),
            description: patch.description.clone().unwrap_or(before.description),
            completed: patch.completed.unwrap_or(before.completed),
            priority: patch.priority.unwrap_or(before.priority),
            tags: patch.tags.clone().unwrap_or(before.tags),
            due: patch.due_after(before.due),
            recurrence: patch.recurrence.unwrap_or(before.recurrence),
            remind_at: patch.remind_at.unwrap_or(before.remind_at),
        };
        after.check()?;
        Ok(self.finish(after))
    }

    /// This task completed, un-completed or toggled.
    pub fn complete(&self, completion: Completion) -> Revision {
        self.finish(NewTask {
            completed: completion.apply(self.completed),
            ..self.state()
        })
    }

    fn finish(&self, after: NewTask) -> Revision {
        let just_completed = after.completed && !self.completed;
        let next = if just_completed && self.next_occurrence.is_none() {
            next_occurrence(&after)
        } else {
            None
        };
        Revision { task: after, next }
    }
}

/// The occurrence after `task`: pending, due one step later, its reminder as far
/// before the due as it was. `None` when it does not repeat or would be due, or
/// reminded, after the year 9999.
pub fn next_occurrence(task: &NewTask) -> Option<NewTask> {
    let rule = task.recurrence?;
    let due = task.due?;
    let next_due = rule.next_due(due)?;
    let shift = next_due.latest_reminder() - due.latest_reminder();
    let remind_at = match task.remind_at.map(|at| at + shift) {
        // The latest reminder for 9999-12-31 is in the year 10000.
        Some(at) if at.year() > MAX_YEAR => return None,
        remind_at => remind_at,
    };
    Some(NewTask {
        completed: false,
        due: Some(next_due),
        remind_at,
        ..task.clone()
    })
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
