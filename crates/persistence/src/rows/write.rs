//! What is written for a task: every writable field, from the domain's `NewTask`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use todo_domain::{Due, NewTask};

use crate::schema::tasks;

/// The writable state of a task, as columns. An update writes all of them (`None`
/// writes NULL), so a revision is stored exactly as the domain computed it.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = tasks, treat_none_as_null = true)]
pub(crate) struct TaskFields<'a> {
    pub(super) title: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) completed: bool,
    pub(super) priority: i16,
    pub(super) tags: Vec<&'a str>,
    pub(super) tag_keys: Vec<&'a str>,
    pub(super) due_at: Option<DateTime<Utc>>,
    pub(super) due_date: Option<NaiveDate>,
    pub(super) recurrence_every: Option<&'static str>,
    pub(super) recurrence_interval: Option<i16>,
    pub(super) recurrence_tz: Option<&'static str>,
    pub(super) remind_at: Option<DateTime<Utc>>,
}

impl<'a> From<&'a NewTask> for TaskFields<'a> {
    fn from(task: &'a NewTask) -> Self {
        let (due_at, due_date) = match task.due {
            None => (None, None),
            Some(Due::At(at)) => (Some(at), None),
            Some(Due::On(date)) => (None, Some(date)),
        };
        Self {
            title: task.title.as_str(),
            description: task.description.as_ref().map(|d| d.as_str()),
            completed: task.completed,
            priority: task.priority.rank(),
            tags: task.tags.labels(),
            tag_keys: task.tags.keys(),
            due_at,
            due_date,
            recurrence_every: task.recurrence.map(|r| r.every().as_str()),
            // Intervals are at most 365; were one ever larger, the column's CHECK
            // refuses the write rather than storing a wrapped number.
            recurrence_interval: task
                .recurrence
                .map(|r| i16::try_from(r.interval()).unwrap_or(i16::MAX)),
            recurrence_tz: task.recurrence.and_then(|r| r.zone()).map(|z| z.name()),
            remind_at: task.remind_at,
        }
    }
}

/// A task to insert: its owner (the scope's, always) and its fields.
#[derive(Debug, Insertable)]
#[diesel(table_name = tasks)]
pub(crate) struct NewTaskRow<'a> {
    pub user_id: &'a str,
    #[diesel(embed)]
    pub fields: TaskFields<'a>,
}
