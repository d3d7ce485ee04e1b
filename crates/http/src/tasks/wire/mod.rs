//! Request and response bodies of the task endpoints, and their conversion into
//! domain values. Conversions collect every broken field instead of stopping at one.
//!
//! Request fields are read as raw JSON so that absent, `null` and wrongly typed
//! values can be told apart and reported per field. Unknown fields, and the fields
//! the server owns (`id`, `user_id`, `created_at`, `updated_at`), are ignored.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use todo_domain::{Completion, FieldError, NewTask, Task, TaskDescription, TaskPatch, TaskTitle};
use utoipa::ToSchema;

/// A task as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Task)]
pub struct TaskBody {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(example = "Q3kV0yP2c8sWm1ZxLr7bT9aN")]
    pub user_id: String,
    #[schema(example = "Buy milk", min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(example = "2 litres", max_length = 1000)]
    pub description: Option<String>,
    pub completed: bool,
    /// RFC 3339, UTC, microseconds.
    #[schema(format = DateTime, example = "2026-11-22T09:15:02.123456Z")]
    pub created_at: String,
    #[schema(format = DateTime, example = "2026-11-22T09:15:02.123456Z")]
    pub updated_at: String,
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

impl From<Task> for TaskBody {
    fn from(task: Task) -> Self {
        Self {
            id: task.id.get(),
            user_id: task.user_id.as_str().to_owned(),
            title: task.title,
            description: task.description,
            completed: task.completed,
            created_at: task.created_at.format(TIME_FORMAT).to_string(),
            updated_at: task.updated_at.format(TIME_FORMAT).to_string(),
        }
    }
}

/// Keeps a present field, even `null`, as `Some`; only an absent field is `None`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

// The title's pattern (the rule of `TaskTitle::parse`) is set in `openapi.rs`.

/// Body of `POST /api/{user_id}/tasks`. Unknown fields and the server's own fields
/// (`id`, `user_id`, `created_at`, `updated_at`) are ignored.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateTaskRequest {
    /// Trimmed; then 1 to 200 characters (Unicode scalar values), no NUL.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, required = true, example = "Buy milk")]
    title: Option<Value>,
    /// At most 1000 characters (Unicode scalar values), kept as written, no NUL; or `null`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 1000, pattern = "^[^\\u0000]*$", example = "2 litres")]
    description: Option<Value>,
    /// Defaults to `false`. Not nullable: `null` is refused.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    completed: Option<Value>,
}

/// Body of `PUT /api/{user_id}/tasks/{id}`: at least one of `title`, `description`,
/// `completed`; `description: null` clears it. Other fields are ignored.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateTaskRequest {
    /// As in `CreateTaskRequest`: trimmed, then 1 to 200 characters, no NUL. Not nullable.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String)]
    title: Option<Value>,
    /// At most 1000 characters, no NUL; `null` clears the description.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 1000, pattern = "^[^\\u0000]*$")]
    description: Option<Value>,
    /// Not nullable: `null` is refused.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    completed: Option<Value>,
}

/// Optional body of `PATCH /api/{user_id}/tasks/{id}/complete`: sets `completed`;
/// without it the task's completion is toggled.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SetCompletionRequest {
    /// Not nullable: `null` is refused; leave the field (or the body) out to toggle.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    completed: Option<Value>,
}

/// Collects field errors while the fields of one body are read.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    /// Parses a field that is present; a broken one is collected and read as absent.
    fn read<T>(
        &mut self,
        value: Option<&Value>,
        parse: impl FnOnce(&Value) -> Result<T, FieldError>,
    ) -> Option<T> {
        value.and_then(|v| self.take(parse(v)))
    }

    fn finish<T>(
        self,
        value: impl FnOnce() -> Result<T, FieldError>,
    ) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            value().map_err(|e| vec![e])
        } else {
            Err(self.0)
        }
    }
}

fn missing_title() -> FieldError {
    FieldError::new("title", "is required")
}

fn title(value: &Value) -> Result<TaskTitle, FieldError> {
    match value {
        Value::String(s) => TaskTitle::parse(s),
        _ => Err(FieldError::new("title", "must be a string")),
    }
}

fn description(value: &Value) -> Result<Option<TaskDescription>, FieldError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => TaskDescription::parse(s).map(Some),
        _ => Err(FieldError::new("description", "must be a string or null")),
    }
}

fn completed(value: &Value) -> Result<bool, FieldError> {
    value
        .as_bool()
        .ok_or_else(|| FieldError::new("completed", "must be a boolean"))
}

impl CreateTaskRequest {
    /// # Errors
    /// Every broken field.
    pub fn try_into_domain(self) -> Result<NewTask, Vec<FieldError>> {
        let mut errors = Errors::default();
        let title = errors.take(
            self.title
                .as_ref()
                .map_or_else(|| Err(missing_title()), title),
        );
        let description = errors.read(self.description.as_ref(), description);
        let completed = errors.read(self.completed.as_ref(), completed);
        errors.finish(|| {
            Ok(NewTask {
                title: title.ok_or_else(missing_title)?,
                description: description.flatten(),
                completed: completed.unwrap_or(false),
            })
        })
    }
}

impl UpdateTaskRequest {
    /// # Errors
    /// Every broken field, or a body that sets none of the fields.
    pub fn try_into_domain(self) -> Result<TaskPatch, Vec<FieldError>> {
        let mut errors = Errors::default();
        let title = errors.read(self.title.as_ref(), title);
        let description = errors.read(self.description.as_ref(), description);
        let completed = errors.read(self.completed.as_ref(), completed);
        errors.finish(|| TaskPatch::new(title, description, completed))
    }
}

impl SetCompletionRequest {
    /// # Errors
    /// A `completed` that is not a boolean.
    pub fn try_into_domain(body: Option<Self>) -> Result<Completion, Vec<FieldError>> {
        match body.and_then(|b| b.completed) {
            None => Ok(Completion::Toggle),
            Some(value) => completed(&value).map(Completion::Set).map_err(|e| vec![e]),
        }
    }
}

#[cfg(test)]
mod tests;
