//! Diesel row types. They never leave this crate: callers get domain `Task`s.
//!
//! Reading a row back checks it as the domain would: a stored value that no domain
//! value could have written (a priority rank of 7, two dues, tags out of order) is
//! a `RepoError::Internal` naming the task, never a panic and never a guess.

mod write;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use todo_domain::{
    Due, Frequency, Priority, Recurrence, RepoError, Tags, Task, TaskId, UserId, parse_time_zone,
};

use crate::schema::tasks;

pub(crate) use write::TaskFields;

/// Also (de)serialized: the answer of an idempotent create is kept as this row.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize, serde::Deserialize)]
#[diesel(table_name = tasks, check_for_backend(diesel::pg::Pg))]
pub(crate) struct TaskRow {
    id: i64,
    user_id: String,
    title: String,
    description: Option<String>,
    completed: bool,
    priority: i16,
    tags: Vec<String>,
    due_at: Option<DateTime<Utc>>,
    due_date: Option<NaiveDate>,
    recurrence_every: Option<String>,
    recurrence_interval: Option<i16>,
    recurrence_tz: Option<String>,
    remind_at: Option<DateTime<Utc>>,
    next_occurrence_id: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

impl TaskRow {
    pub(crate) fn id(&self) -> i64 {
        self.id
    }
}

impl TryFrom<TaskRow> for Task {
    type Error = RepoError;

    fn try_from(row: TaskRow) -> Result<Self, RepoError> {
        let id = row.id;
        let corrupt =
            |what: String| RepoError::Internal(format!("stored task {id} has {what}").into());
        let user_id = UserId::parse(&row.user_id)
            .map_err(|e| corrupt(format!("a user id that {}", e.message)))?;
        let priority = Priority::from_rank(row.priority)
            .ok_or_else(|| corrupt(format!("priority rank {}", row.priority)))?;
        let tags = decode_tags(&row.tags).map_err(corrupt)?;
        let due = decode_due(row.due_at, row.due_date).map_err(corrupt)?;
        let recurrence =
            decode_recurrence(row.recurrence_every.as_deref(), row.recurrence_interval)
                .and_then(|rule| in_zone(rule, row.recurrence_tz.as_deref()))
                .map_err(corrupt)?;
        Ok(Task {
            id: TaskId::new(id),
            user_id,
            title: row.title,
            description: row.description,
            completed: row.completed,
            priority,
            tags,
            due,
            recurrence,
            remind_at: row.remind_at,
            next_occurrence: row.next_occurrence_id.map(TaskId::new),
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// The labels must keep the tag rules. Their keys are not checked against today's
/// lower-casing: a Unicode update that lower-cases a letter differently must not make
/// stored tasks unreadable (the key is rewritten with the task's next change).
fn decode_tags(labels: &[String]) -> Result<Tags, String> {
    Tags::parse(labels.iter().map(String::as_str))
        .map_err(|errors| format!("tags {labels:?} that break a rule: {errors:?}"))
}

fn decode_due(at: Option<DateTime<Utc>>, date: Option<NaiveDate>) -> Result<Option<Due>, String> {
    match (at, date) {
        (None, None) => Ok(None),
        (Some(at), None) => Ok(Some(Due::At(at))),
        (None, Some(date)) => Ok(Some(Due::On(date))),
        (Some(at), Some(date)) => Err(format!("two dues, {at} and {date}")),
    }
}

fn decode_recurrence(
    every: Option<&str>,
    interval: Option<i16>,
) -> Result<Option<Recurrence>, String> {
    match (every, interval) {
        (None, None) => Ok(None),
        (Some(every), Some(interval)) => {
            let frequency =
                Frequency::parse(every).ok_or_else(|| format!("a recurrence every {every:?}"))?;
            Recurrence::new(frequency, i64::from(interval))
                .map(Some)
                .map_err(|_| format!("a recurrence interval of {interval}"))
        }
        (every, interval) => Err(format!(
            "half a recurrence: every {every:?}, interval {interval:?}"
        )),
    }
}

fn in_zone(rule: Option<Recurrence>, zone: Option<&str>) -> Result<Option<Recurrence>, String> {
    match (rule, zone) {
        (rule, None) => Ok(rule),
        (Some(rule), Some(name)) => parse_time_zone(name)
            .map(|zone| Some(rule.in_zone(Some(zone))))
            .ok_or_else(|| format!("a recurrence in the unknown zone {name:?}")),
        (None, Some(name)) => Err(format!("a zone {name:?} without a recurrence")),
    }
}

#[cfg(test)]
mod tests;
