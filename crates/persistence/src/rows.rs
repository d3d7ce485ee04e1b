//! Diesel row types. They never leave this crate: callers get domain `Task`s.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use todo_domain::{RepoError, Task, TaskId, UserId};

use crate::schema::tasks;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = tasks, check_for_backend(diesel::pg::Pg))]
pub(crate) struct TaskRow {
    id: i64,
    user_id: String,
    title: String,
    description: Option<String>,
    completed: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<TaskRow> for Task {
    type Error = RepoError;

    fn try_from(row: TaskRow) -> Result<Self, RepoError> {
        let user_id = UserId::parse(&row.user_id)
            .map_err(|e| RepoError::Internal(format!("stored user id: {}", e.message).into()))?;
        Ok(Task {
            id: TaskId::new(row.id),
            user_id,
            title: row.title,
            description: row.description,
            completed: row.completed,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tasks)]
pub(crate) struct NewTaskRow<'a> {
    pub user_id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub completed: bool,
}

/// Only the fields a patch names are written; `Some(None)` writes NULL.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = tasks)]
pub(crate) struct TaskChanges<'a> {
    pub title: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
    pub completed: Option<bool>,
}
