//! A task as the API returns it.

use serde::Serialize;
use todo_domain::{Due, Recurrence, Task};
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
    /// Since 1.1.
    #[schema(value_type = PriorityName)]
    pub priority: &'static str,
    /// Since 1.1: sorted ignoring case, as first written.
    #[schema(example = json!(["errands", "Home"]))]
    pub tags: Vec<String>,
    /// Since 1.1: a timed due, RFC 3339 UTC; `null` when there is none or it is a date.
    #[schema(format = DateTime, example = "2026-11-27T17:00:00.000000Z")]
    pub due_at: Option<String>,
    /// Since 1.1: a date-only due, `YYYY-MM-DD`; `null` when there is none or it is timed.
    #[schema(format = Date, example = "2026-11-27")]
    pub due_date: Option<String>,
    /// Since 1.1.
    pub recurrence: Option<RecurrenceBody>,
    /// Since 1.1: when to remind, RFC 3339 UTC.
    #[schema(format = DateTime, example = "2026-11-27T08:00:00.000000Z")]
    pub remind_at: Option<String>,
    /// RFC 3339, UTC, microseconds.
    #[schema(format = DateTime, example = "2026-11-22T09:15:02.123456Z")]
    pub created_at: String,
    #[schema(format = DateTime, example = "2026-11-22T09:15:02.123456Z")]
    pub updated_at: String,
    /// Since 1.2: 1 when created, one more with every change. The `ETag` of an
    /// answer holding this task is this number in quotes (`"3"`), for `If-Match`.
    #[schema(minimum = 1, example = 3)]
    pub version: i64,
}

/// A repeat rule: every `interval` days, weeks, months or years.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Recurrence)]
pub struct RecurrenceBody {
    #[schema(value_type = FrequencyName)]
    pub every: &'static str,
    #[schema(minimum = 1, maximum = 365, example = 1)]
    pub interval: u16,
    /// The IANA zone whose wall-clock time a timed due keeps; `null`: its UTC time.
    #[schema(example = "Europe/Paris")]
    pub tz: Option<&'static str>,
}

// The names of priorities and frequencies, for the OpenAPI document (an exact `enum`).

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(dead_code, reason = "only describes a value in the OpenAPI document")]
pub(crate) enum PriorityName {
    None,
    Low,
    Medium,
    High,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(dead_code, reason = "only describes a value in the OpenAPI document")]
pub(crate) enum FrequencyName {
    Day,
    Week,
    Month,
    Year,
}

/// How instants are written, as a strftime format: what [`time`] writes.
#[cfg(test)]
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// `at` in UTC with microseconds, `2026-11-22T08:15:02.123456Z`: RFC 3339 as chrono
/// writes it, without parsing a format string for every timestamp (the domain keeps
/// years within 0000–9999, where it has four digits).
pub(super) fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl From<Recurrence> for RecurrenceBody {
    fn from(rule: Recurrence) -> Self {
        Self {
            every: rule.every().as_str(),
            interval: rule.interval(),
            tz: rule.zone().map(|zone| zone.name()),
        }
    }
}

impl From<Task> for TaskBody {
    fn from(task: Task) -> Self {
        let (due_at, due_date) = match task.due {
            Some(Due::At(at)) => (Some(time(at)), None),
            Some(Due::On(date)) => (None, Some(date.format("%Y-%m-%d").to_string())),
            None => (None, None),
        };
        Self {
            id: task.id.get(),
            user_id: task.user_id.as_str().to_owned(),
            title: task.title,
            description: task.description,
            completed: task.completed,
            priority: task.priority.as_str(),
            tags: task.tags.labels().into_iter().map(str::to_owned).collect(),
            due_at,
            due_date,
            recurrence: task.recurrence.map(RecurrenceBody::from),
            remind_at: task.remind_at.map(time),
            created_at: time(task.created_at),
            updated_at: time(task.updated_at),
            version: task.version,
        }
    }
}
