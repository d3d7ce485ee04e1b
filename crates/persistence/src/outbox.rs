//! The changes this process committed, waiting for the listener's connection to
//! announce them on `task_changes`.
//!
//! Why not a trigger that notifies in the writing transaction: PostgreSQL makes every
//! transaction that notified commit one at a time (it holds a database-wide lock from
//! its `NOTIFY` until its commit is flushed), which cost two thirds of the write
//! throughput. Instead a write records its change here once committed, and the
//! listener announces what piled up every few milliseconds in one `NOTIFY` of its
//! own, whose commit need not wait for the disk (a notification is not kept across a
//! crash anyway).

use std::sync::{Mutex, PoisonError};

use todo_domain::{ChangeKind, Task, TaskChange};

/// Changes kept at most while the listener cannot send (no connection, or none
/// running); beyond it they are dropped, and the listener tells every replica to
/// resync instead.
const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
pub struct ChangeOutbox {
    pending: Mutex<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    changes: Vec<TaskChange>,
    overflowed: bool,
}

impl ChangeOutbox {
    /// Records a committed change of `task`.
    pub(crate) fn committed(&self, kind: ChangeKind, task: &Task) {
        self.push(TaskChange {
            owner: task.user_id.clone(),
            id: task.id,
            kind,
            version: task.version,
        });
    }

    pub(crate) fn push(&self, change: TaskChange) {
        let mut pending = self.pending();
        if pending.changes.len() < CAPACITY {
            pending.changes.push(change);
        } else {
            pending.overflowed = true;
        }
    }

    /// Everything recorded since the last take, and whether some was dropped.
    pub(crate) fn take(&self) -> (Vec<TaskChange>, bool) {
        let mut pending = self.pending();
        let overflowed = std::mem::take(&mut pending.overflowed);
        (std::mem::take(&mut pending.changes), overflowed)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use todo_domain::{TaskId, UserId};

    use super::*;

    fn change(id: i64) -> TaskChange {
        TaskChange {
            owner: UserId::parse("alice").expect("id"),
            id: TaskId::new(id),
            kind: ChangeKind::Updated,
            version: 2,
        }
    }

    #[test]
    fn changes_are_taken_once_in_order_and_bounded() {
        let outbox = ChangeOutbox::default();
        outbox.push(change(1));
        outbox.push(change(2));
        assert_eq!(outbox.take(), (vec![change(1), change(2)], false));
        assert_eq!(outbox.take(), (Vec::new(), false));
        for n in 0..=CAPACITY {
            outbox.push(change(i64::try_from(n).expect("small")));
        }
        let (kept, overflowed) = outbox.take();
        assert_eq!((kept.len(), overflowed), (CAPACITY, true));
        assert_eq!(outbox.take(), (Vec::new(), false));
    }
}
