//! What is written for a task: every writable field, from the domain's `NewTask`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use todo_domain::{Due, NewTask};

use crate::schema::tasks;

/// The writable state of a task, as columns. An update writes all of them (`None`
/// writes NULL), so a revision is stored exactly as the domain computed it.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = tasks, treat_none_as_null = true)]
pub(crate) struct TaskFields<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) completed: bool,
    pub(crate) priority: i16,
    pub(crate) tags: Vec<&'a str>,
    pub(crate) tag_keys: Vec<&'a str>,
    pub(crate) due_at: Option<DateTime<Utc>>,
    pub(crate) due_date: Option<NaiveDate>,
    pub(crate) recurrence_every: Option<&'static str>,
    pub(crate) recurrence_interval: Option<i16>,
    pub(crate) recurrence_tz: Option<&'static str>,
    pub(crate) remind_at: Option<DateTime<Utc>>,
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
