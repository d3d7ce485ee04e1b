//! A task and the values that make one up, each valid by construction.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Due, FieldError, Priority, Recurrence, Tags, TaskId, UserId};

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 1000;

/// A stored task, as read back from storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub user_id: UserId,
    pub title: String,
    pub description: Option<String>,
    pub completed: bool,
    pub priority: Priority,
    pub tags: Tags,
    pub due: Option<Due>,
    pub recurrence: Option<Recurrence>,
    pub remind_at: Option<DateTime<Utc>>,
    /// The occurrence completing this task created, if it did: it creates one once.
    pub next_occurrence: Option<TaskId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 1 when created; every write adds one (HTTP shows it as the `ETag`).
    pub version: i64,
}

/// A title: trimmed, 1 to 200 Unicode scalar values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

impl TaskTitle {
    /// # Errors
    /// When the trimmed title is empty or longer than 200 characters, or holds a NUL.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if chars == 0 || chars > TITLE_MAX_CHARS {
            return Err(FieldError::new("title", "must be 1 to 200 characters"));
        }
        if trimmed.contains('\0') {
            return Err(FieldError::new("title", "must not contain NUL characters"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// A title read back from storage, which only ever holds parsed ones.
    pub(crate) fn from_stored(title: &str) -> Self {
        Self(title.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A description: at most 1000 characters, kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDescription(String);

impl TaskDescription {
    /// # Errors
    /// When it is longer than 1000 characters or holds a NUL.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.chars().count() > DESCRIPTION_MAX_CHARS {
            return Err(FieldError::new(
                "description",
                "must be at most 1000 characters",
            ));
        }
        if raw.contains('\0') {
            return Err(FieldError::new(
                "description",
                "must not contain NUL characters",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub(crate) fn from_stored(description: &str) -> Self {
        Self(description.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What creating a task needs, and the writable state of a stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub title: TaskTitle,
    pub description: Option<TaskDescription>,
    pub completed: bool,
    pub priority: Priority,
    pub tags: Tags,
    pub due: Option<Due>,
    pub recurrence: Option<Recurrence>,
    pub remind_at: Option<DateTime<Utc>>,
}

impl NewTask {
    /// A pending task with this title and every other field at its default.
    pub fn new(title: TaskTitle) -> Self {
        Self {
            title,
            description: None,
            completed: false,
            priority: Priority::None,
            tags: Tags::default(),
            due: None,
            recurrence: None,
            remind_at: None,
        }
    }

    /// The rules between fields: a recurring task has a due, and a reminder is not
    /// after the due.
    ///
    /// # Errors
    /// Each rule broken, on the field that breaks it.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.recurrence.is_some() && self.due.is_none() {
            errors.push(FieldError::new(
                "recurrence",
                "needs a due: set due_at or due_date",
            ));
        }
        if let (Some(remind_at), Some(due)) = (self.remind_at, self.due)
            && remind_at > due.latest_reminder()
        {
            errors.push(FieldError::new("remind_at", "must not be after the due"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A partial update: `None` leaves a field alone; `Some(None)` clears a nullable one.
///
/// `due_at` and `due_date` are the two kinds of due. Setting one replaces the due;
/// clearing one clears the due only when it is of that kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskPatch {
    pub title: Option<TaskTitle>,
    pub description: Option<Option<TaskDescription>>,
    pub completed: Option<bool>,
    pub priority: Option<Priority>,
    pub tags: Option<Tags>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub recurrence: Option<Option<Recurrence>>,
    pub remind_at: Option<Option<DateTime<Utc>>>,
}

impl TaskPatch {
    /// An update names at least one field.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The due after this patch, given the one before.
    pub fn due_after(&self, before: Option<Due>) -> Option<Due> {
        match (self.due_at, self.due_date, before) {
            (Some(Some(at)), _, _) => Some(Due::At(at)),
            (_, Some(Some(date)), _) => Some(Due::On(date)),
            (Some(None), _, Some(Due::At(_))) | (_, Some(None), Some(Due::On(_))) => None,
            (_, _, before) => before,
        }
    }
}

/// How `PATCH .../complete` changes a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Toggle,
    Set(bool),
}

impl Completion {
    /// `completed` after this change.
    pub fn apply(self, completed: bool) -> bool {
        match self {
            Self::Toggle => !completed,
            Self::Set(value) => value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_trimmed() {
        assert_eq!(
            TaskTitle::parse("  Buy milk \n").expect("valid").as_str(),
            "Buy milk"
        );
    }

    #[test]
    fn title_of_200_characters_is_accepted_and_201_refused() {
        assert!(TaskTitle::parse(&"é".repeat(200)).is_ok());
        assert!(TaskTitle::parse(&"é".repeat(201)).is_err());
    }

    #[test]
    fn title_counts_scalar_values_not_bytes() {
        // 200 four-byte characters are 800 bytes but still 200 characters.
        assert!(TaskTitle::parse(&"🥛".repeat(200)).is_ok());
    }

    #[test]
    fn blank_title_is_refused() {
        for blank in ["", "   ", "\t\n"] {
            let err = TaskTitle::parse(blank).expect_err("blank");
            assert_eq!(err.field, "title");
        }
    }

    #[test]
    fn nul_is_refused_in_title_and_description() {
        assert!(TaskTitle::parse("a\0b").is_err());
        assert!(TaskDescription::parse("a\0b").is_err());
    }

    #[test]
    fn description_keeps_whitespace_and_allows_1000_characters() {
        assert_eq!(
            TaskDescription::parse(" x ").expect("valid").as_str(),
            " x "
        );
        assert!(TaskDescription::parse(&"d".repeat(1000)).is_ok());
        assert!(TaskDescription::parse(&"d".repeat(1001)).is_err());
        assert!(TaskDescription::parse("").is_ok());
    }

    #[test]
    fn a_patch_that_names_no_field_is_empty() {
        assert!(TaskPatch::default().is_empty());
        let clears = TaskPatch {
            description: Some(None),
            ..TaskPatch::default()
        };
        assert!(!clears.is_empty());
    }
}
