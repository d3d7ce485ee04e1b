//! Writes that must not overwrite or repeat one another: a task's version and the
//! precondition a write may put on it, and the key that makes a create happen once.

use std::time::Duration;

use crate::{FieldError, Task};

/// What a write requires of the task as stored (HTTP's `If-Match`). Storage checks
/// it in the statement that writes, so no other write can slip in between.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Precondition {
    /// Whatever the version (no `If-Match`, or `If-Match: *`).
    #[default]
    Any,
    /// One of these versions; an empty list admits none.
    VersionIn(Vec<i64>),
}

impl Precondition {
    pub fn admits(&self, version: i64) -> bool {
        match self {
            Self::Any => true,
            Self::VersionIn(versions) => versions.contains(&version),
        }
    }

    /// The versions a write may find, or `None` for any.
    pub fn versions(&self) -> Option<&[i64]> {
        match self {
            Self::Any => None,
            Self::VersionIn(versions) => Some(versions),
        }
    }
}

/// How a conditional write ended, when storage answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guarded<T> {
    Done(T),
    /// No such task for this owner; nothing changed.
    NotFound,
    /// The task is at a version the precondition does not admit; nothing changed.
    Stale(Task),
}

/// How long a create remembers its key: a repeat within it answers as the first did.
pub const IDEMPOTENCY_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// A client's name for one create (`Idempotency-Key`): 1 to 255 visible ASCII
/// characters, compared exactly, and only among the same user's keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MAX_CHARS: usize = 255;

    /// # Errors
    /// When the key is empty, longer than 255 characters, or holds anything but
    /// visible ASCII (`!` to `~`).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let visible = raw.bytes().all(|b| b.is_ascii_graphic());
        if raw.is_empty() || raw.len() > Self::MAX_CHARS || !visible {
            return Err(FieldError::new(
                "Idempotency-Key",
                "must be 1 to 255 visible ASCII characters",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A create made once per key: the key, and a digest of the request it came with,
/// so that a repeat carrying something else is told apart from a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnceKey {
    pub key: IdempotencyKey,
    /// Equal for equal requests, e.g. a hash of the body in canonical form.
    pub fingerprint: String,
}

/// How a create under an [`OnceKey`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreatedOnce {
    /// This request created the task.
    Created(Task),
    /// An earlier request with the key and the same fingerprint did: the task as it
    /// answered then. Nothing was created now.
    Replayed(Task),
    /// The key was used, within the window, for a different request; nothing created.
    KeyReused,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_of_1_to_255() {
        for good in ["a", "3f1c-9a", "~!\"#", &"k".repeat(255)] {
            assert!(IdempotencyKey::parse(good).is_ok(), "{good}");
        }
        for bad in ["", " a", "a b", "é", "tab\t", &"k".repeat(256), "\u{7f}"] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_precondition_admits_its_versions_only() {
        assert!(Precondition::Any.admits(7));
        let listed = Precondition::VersionIn(vec![2, 3]);
        assert!(listed.admits(3) && !listed.admits(4));
        assert!(!Precondition::VersionIn(Vec::new()).admits(1));
    }
}
