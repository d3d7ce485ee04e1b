//! Request and response bodies of the task endpoints, and their conversion into
//! domain values. Conversions collect every broken field instead of stopping at one.
//!
//! Request fields are read as raw JSON so that absent, `null` and wrongly typed
//! values can be told apart and reported per field. Unknown fields, and the fields
//! the server owns (`id`, `user_id`, `created_at`, `updated_at`), are ignored.

mod body;
mod fields;

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use todo_domain::{Completion, Due, FieldError, NewTask, TaskPatch};
use utoipa::ToSchema;

#[cfg(test)]
#[cfg(test)]
pub(crate) use body::TIME_FORMAT;
pub use body::TaskBody;
pub(crate) use body::{FrequencyName, PriorityName};
use fields::Errors;
pub(crate) use fields::parse_instant;

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
    #[serde(flatten)]
    planning: PlanningFields,
}

/// The fields since 1.1, the same in `POST` and `PUT`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanningFields {
    /// Since 1.1. Defaults to `none`. Not nullable.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = PriorityName)]
    priority: Option<Value>,
    /// Since 1.1. Up to 10 labels, each trimmed, then 1 to 32 characters without
    /// commas or control characters; duplicates ignoring case are merged. Defaults to
    /// `[]`. Not nullable.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Vec<String>, max_items = 10)]
    tags: Option<Value>,
    /// Since 1.1. A timed due (RFC 3339, any offset), or `null`. Not with `due_date`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    due_at: Option<Value>,
    /// Since 1.1. A date-only due `YYYY-MM-DD`, or `null`. Not with `due_at`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date)]
    due_date: Option<Value>,
    /// Since 1.1. A repeat rule, or `null`; a recurring task needs a due.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<RecurrenceRequest>)]
    recurrence: Option<Value>,
    /// Since 1.1. When to remind (RFC 3339, any offset), or `null`; not after the due.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    remind_at: Option<Value>,
}

/// A repeat rule in a request: `interval` defaults to 1, `tz` to none.
#[derive(ToSchema)]
#[expect(dead_code, reason = "only describes a body in the OpenAPI document")]
pub(crate) struct RecurrenceRequest {
    #[schema(value_type = FrequencyName)]
    every: String,
    #[schema(minimum = 1, maximum = 365)]
    interval: Option<u16>,
    /// The IANA zone whose wall-clock time a timed due keeps from one occurrence to
    /// the next (17:00 stays 17:00 across DST there); `null` keeps its UTC time.
    tz: Option<String>,
}

/// The planning fields of one body, read.
#[derive(Default)]
struct Planning {
    priority: Option<todo_domain::Priority>,
    tags: Option<todo_domain::Tags>,
    due_at: Option<Option<chrono::DateTime<chrono::Utc>>>,
    due_date: Option<Option<chrono::NaiveDate>>,
    recurrence: Option<Option<todo_domain::Recurrence>>,
    remind_at: Option<Option<chrono::DateTime<chrono::Utc>>>,
}

impl PlanningFields {
    fn read(&self, errors: &mut Errors) -> Planning {
        let planning = Planning {
            priority: errors.read(self.priority.as_ref(), fields::priority),
            tags: errors.read_all(self.tags.as_ref(), fields::tags),
            due_at: errors.read(self.due_at.as_ref(), |v| fields::instant("due_at", v)),
            due_date: errors.read(self.due_date.as_ref(), fields::date),
            recurrence: errors.read(self.recurrence.as_ref(), fields::recurrence),
            remind_at: errors.read(self.remind_at.as_ref(), |v| fields::instant("remind_at", v)),
        };
        if let (Some(Some(_)), Some(Some(_))) = (planning.due_at, planning.due_date) {
            errors.push(FieldError::new(
                "due_at",
                "cannot be set together with due_date: a due is one or the other",
            ));
        }
        planning
    }
}

/// Body of `PUT /api/{user_id}/tasks/{id}`: at least one of the fields below; `null`
/// clears a nullable one (`description`, `due_at`, `due_date`, `recurrence`,
/// `remind_at`). Other fields are ignored.
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
    #[serde(flatten)]
    planning: PlanningFields,
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

use fields::{completed, description, missing_title, title};

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
        let planning = self.planning.read(&mut errors);
        errors.finish(|| {
            let due = match (planning.due_at.flatten(), planning.due_date.flatten()) {
                (Some(at), _) => Some(Due::At(at)),
                (None, Some(date)) => Some(Due::On(date)),
                (None, None) => None,
            };
            Ok(NewTask {
                title: title.ok_or_else(|| vec![missing_title()])?,
                description: description.flatten(),
                completed: completed.unwrap_or(false),
                priority: planning.priority.unwrap_or_default(),
                tags: planning.tags.unwrap_or_default(),
                due,
                recurrence: planning.recurrence.flatten(),
                remind_at: planning.remind_at.flatten(),
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
        let planning = self.planning.read(&mut errors);
        errors.finish(|| {
            let patch = TaskPatch {
                title,
                description,
                completed,
                priority: planning.priority,
                tags: planning.tags,
                due_at: planning.due_at,
                due_date: planning.due_date,
                recurrence: planning.recurrence,
                remind_at: planning.remind_at,
            };
            if patch.is_empty() {
                return Err(vec![FieldError::new(
                    "body",
                    "must set at least one field: title, description, completed, priority, \
                     tags, due_at, due_date, recurrence or remind_at",
                )]);
            }
            Ok(patch)
        })
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
