//! A task and the values that make one up, each valid by construction.

use chrono::{DateTime, Utc};

use crate::{FieldError, TaskId, UserId};

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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What creating a task needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub title: TaskTitle,
    pub description: Option<TaskDescription>,
    pub completed: bool,
}

/// A partial update: `None` leaves a field alone; `description: Some(None)` clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPatch {
    title: Option<TaskTitle>,
    description: Option<Option<TaskDescription>>,
    completed: Option<bool>,
}

impl TaskPatch {
    /// # Errors
    /// When the patch would change nothing: an update names at least one field.
    pub fn new(
        title: Option<TaskTitle>,
        description: Option<Option<TaskDescription>>,
        completed: Option<bool>,
    ) -> Result<Self, FieldError> {
        if title.is_none() && description.is_none() && completed.is_none() {
            return Err(FieldError::new(
                "body",
                "must set at least one of title, description, completed",
            ));
        }
        Ok(Self {
            title,
            description,
            completed,
        })
    }

    pub fn title(&self) -> Option<&TaskTitle> {
        self.title.as_ref()
    }

    pub fn description(&self) -> Option<Option<&TaskDescription>> {
        self.description.as_ref().map(Option::as_ref)
    }

    pub fn completed(&self) -> Option<bool> {
        self.completed
    }
}

/// How `PATCH .../complete` changes a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Toggle,
    Set(bool),
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
    fn empty_patch_is_refused() {
        assert!(TaskPatch::new(None, None, None).is_err());
        assert!(TaskPatch::new(None, Some(None), None).is_ok());
        assert!(TaskPatch::new(None, None, Some(false)).is_ok());
    }
}
