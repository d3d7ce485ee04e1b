//! Identifiers: who owns tasks, and which task.

use std::fmt;

use crate::FieldError;

/// The most bytes a user id (a token's `sub`) may have; the `users.id` column agrees.
pub const USER_ID_MAX_BYTES: usize = 255;

/// A user's id, as the issuer's `sub` claim gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserId(String);

impl UserId {
    /// # Errors
    /// When `raw` is empty, over 255 bytes, or holds a NUL (which PostgreSQL cannot store).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.is_empty() || raw.len() > USER_ID_MAX_BYTES || raw.contains('\0') {
            return Err(FieldError::new(
                "sub",
                "must be a non-empty string of at most 255 bytes",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A task's id, assigned by storage. Knowing one grants nothing: every lookup is
/// also filtered by owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(i64);

impl TaskId {
    pub fn new(raw: i64) -> Self {
        Self(raw)
    }

    /// Reads an id from a URL segment: plain ASCII digits, a positive `i64`.
    /// Anything else is no task at all (`None`), so it is reported as not found.
    pub fn parse(raw: &str) -> Option<Self> {
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        raw.parse::<i64>().ok().filter(|id| *id > 0).map(Self)
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_id_accepts_255_bytes_and_refuses_256() {
        assert!(UserId::parse(&"a".repeat(255)).is_ok());
        assert!(UserId::parse(&"a".repeat(256)).is_err());
    }

    #[test]
    fn user_id_refuses_empty_and_nul() {
        assert!(UserId::parse("").is_err());
        assert!(UserId::parse("a\0b").is_err());
    }

    #[test]
    fn task_id_parses_only_positive_decimal_integers() {
        assert_eq!(TaskId::parse("42"), Some(TaskId(42)));
        for bad in [
            "",
            "0",
            "-1",
            "+1",
            "1.0",
            "abc",
            " 1",
            "99999999999999999999",
        ] {
            assert_eq!(TaskId::parse(bad), None, "{bad:?}");
        }
        assert_eq!(TaskId::parse("9223372036854775807"), Some(TaskId(i64::MAX)));
    }
}
