//! Committed changes of tasks, as storage announces them, and the port they are
//! announced through.
//!
//! A change names a task, never its content: whoever passes it on to a person reads
//! the task again under that person's [`OwnerScope`](crate::OwnerScope), so the
//! isolation rules hold for change streams as for every other read.

use crate::{TaskId, UserId};

/// What happened to the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Created,
    Updated,
    Deleted,
}

impl ChangeKind {
    /// The name a change of this kind goes by on the wire and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "created" => Some(Self::Created),
            "updated" => Some(Self::Updated),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }
}

/// One committed change of one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskChange {
    /// Whose task it is: only this user's streams may hear of it.
    pub owner: UserId,
    pub id: TaskId,
    pub kind: ChangeKind,
    /// The task's version once changed (for a deletion: the last one it had).
    pub version: i64,
}

/// Where a change listener delivers what it hears. Called from the listener's own
/// thread: implementations MUST NOT block on I/O, and MUST be quick.
pub trait ChangeSink: Send + Sync {
    /// A change that was committed while listening.
    fn publish(&self, change: TaskChange);

    /// The listener is listening: every change committed from now on is published.
    /// Called once the listener first connects, and again after every reconnect;
    /// after a reconnect, changes made in between were missed, so whoever relied on
    /// the earlier connection must start over (reload).
    fn listening(&self, after_reconnect: bool);

    /// The listening connection is lost: changes may go unheard until the next
    /// [`Self::listening`].
    fn lost(&self);
}

#[cfg(test)]
mod tests {
    use super::ChangeKind;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in [
            ChangeKind::Created,
            ChangeKind::Updated,
            ChangeKind::Deleted,
        ] {
            assert_eq!(ChangeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ChangeKind::parse("Created"), None);
        assert_eq!(ChangeKind::parse(""), None);
    }
}
