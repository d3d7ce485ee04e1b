//! Readers of single request fields: each takes the raw JSON value of a present
//! field and gives the domain value or the broken rule, named after the field.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde_json::Value;
use todo_domain::{
    FieldError, Frequency, MAX_TAGS, MAX_YEAR, MIN_YEAR, Priority, Recurrence, Tags,
    TaskDescription, TaskTitle, parse_time_zone,
};

/// Collects field errors while the fields of one body are read.
#[derive(Default)]
pub(super) struct Errors(Vec<FieldError>);

impl Errors {
    pub(super) fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    /// Parses a field that is present; a broken one is collected and read as absent.
    pub(super) fn read<T>(
        &mut self,
        value: Option<&Value>,
        parse: impl FnOnce(&Value) -> Result<T, FieldError>,
    ) -> Option<T> {
        value.and_then(|v| self.take(parse(v)))
    }

    /// As `read`, for readers that report several errors.
    pub(super) fn read_all<T>(
        &mut self,
        value: Option<&Value>,
        parse: impl FnOnce(&Value) -> Result<T, Vec<FieldError>>,
    ) -> Option<T> {
        value.and_then(|v| parse(v).map_err(|e| self.0.extend(e)).ok())
    }

    pub(super) fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub(super) fn finish<T>(
        self,
        value: impl FnOnce() -> Result<T, Vec<FieldError>>,
    ) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            value()
        } else {
            Err(self.0)
        }
    }
}

pub(super) fn missing_title() -> FieldError {
    FieldError::new("title", "is required")
}

pub(super) fn title(value: &Value) -> Result<TaskTitle, FieldError> {
    match value {
        Value::String(s) => TaskTitle::parse(s),
        _ => Err(FieldError::new("title", "must be a string")),
    }
}

pub(super) fn description(value: &Value) -> Result<Option<TaskDescription>, FieldError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => TaskDescription::parse(s).map(Some),
        _ => Err(FieldError::new("description", "must be a string or null")),
    }
}

pub(super) fn completed(value: &Value) -> Result<bool, FieldError> {
    value
        .as_bool()
        .ok_or_else(|| FieldError::new("completed", "must be a boolean"))
}

pub(super) fn priority(value: &Value) -> Result<Priority, FieldError> {
    value
        .as_str()
        .and_then(Priority::parse)
        .ok_or_else(|| FieldError::new("priority", "must be one of none, low, medium, high"))
}

pub(super) fn tags(value: &Value) -> Result<Tags, Vec<FieldError>> {
    let not_strings = || vec![FieldError::new("tags", "must be an array of strings")];
    let entries = value.as_array().ok_or_else(not_strings)?;
    // As many entries as a task may hold tags, before duplicates are merged.
    if entries.len() > MAX_TAGS {
        return Err(vec![FieldError::new(
            "tags",
            format!("must hold at most {MAX_TAGS} tags"),
        )]);
    }
    let labels: Option<Vec<&str>> = entries.iter().map(Value::as_str).collect();
    Tags::parse(labels.ok_or_else(not_strings)?)
}

/// An RFC 3339 instant with any offset, or `null`; kept to the microsecond, as
/// storage keeps it, so that the rules compare what is stored.
pub(super) fn instant(
    field: &'static str,
    value: &Value,
) -> Result<Option<DateTime<Utc>>, FieldError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => parse_instant(s).map(Some).ok_or_else(|| bad_instant(field)),
        _ => Err(bad_instant(field)),
    }
}

fn bad_instant(field: &'static str) -> FieldError {
    FieldError::new(
        field,
        "must be an RFC 3339 date-time (like 2026-12-04T17:00:00Z) from the years 0001 to 9999, or null",
    )
}

/// The instant, truncated to microseconds, when it is RFC 3339 and within the years
/// 0001 to 9999 in UTC. A leap second (`:60`, which PostgreSQL cannot store) is read
/// as the last microsecond of the second before.
pub(crate) fn parse_instant(raw: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(raw).ok()?.to_utc();
    // Not `duration_trunc`: it counts nanoseconds in an i64 and fails after 2262.
    let micros = at.nanosecond().min(999_999_999) / 1000 * 1000;
    let at = at.with_nanosecond(micros)?;
    (MIN_YEAR..=MAX_YEAR).contains(&at.year()).then_some(at)
}

/// A date `YYYY-MM-DD`, or `null`.
pub(super) fn date(value: &Value) -> Result<Option<NaiveDate>, FieldError> {
    let bad = || {
        FieldError::new(
            "due_date",
            "must be a date YYYY-MM-DD (years 0001 to 9999) or null",
        )
    };
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad())?;
            (date.year() >= MIN_YEAR)
                .then_some(Some(date))
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// `null`, or `{"every": "day"|"week"|"month"|"year", "interval": 1..365, "tz": zone}`
/// with `interval` defaulting to 1 and `tz` to none (UTC).
pub(super) fn recurrence(value: &Value) -> Result<Option<Recurrence>, FieldError> {
    let bad = |message: &str| FieldError::new("recurrence", message.to_owned());
    let rule = match value {
        Value::Null => return Ok(None),
        Value::Object(rule) => rule,
        _ => return Err(bad("must be an object {every, interval} or null")),
    };
    let every = rule
        .get("every")
        .and_then(Value::as_str)
        .and_then(Frequency::parse)
        .ok_or_else(|| bad("every must be one of day, week, month, year"))?;
    let interval = match rule.get("interval") {
        None | Some(Value::Null) => 1,
        // JSON Schema counts 2.0 as an integer too.
        Some(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e6)
                    .map(|f| f as i64)
            })
            .ok_or_else(|| bad("interval must be an integer from 1 to 365"))?,
    };
    let zone =
        match rule.get("tz") {
            None | Some(Value::Null) => None,
            Some(name) => Some(name.as_str().and_then(parse_time_zone).ok_or_else(|| {
                bad("tz must be an IANA time zone name like Europe/Paris, or null")
            })?),
        };
    Recurrence::new(every, interval).map(|rule| Some(rule.in_zone(zone)))
}
