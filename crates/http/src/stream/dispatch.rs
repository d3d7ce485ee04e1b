//! From a change to an event, off the listener's thread.
//!
//! A created or updated task is read again (one read per change, whatever the number
//! of its owner's streams) under the scope of one of its owner's streams, and sent
//! whole; a deleted one needs no read. Changes are spread over a few workers by
//! owner: one owner's changes stay in commit order, while a slow read for one owner
//! does not hold up everyone else's. A worker takes what has piled up as one batch:
//! several changes of one task become one event (each read gives the latest state
//! anyway), and the batch's tasks are read at the same time.
//!
//! A read finds the task as it is by then, often newer than its change: that state
//! is sent at once, and a later change's read that finds the same state again sends
//! nothing. (Waiting for the newest change's own read instead starves a task that
//! never stops changing: each read would find it changed again.)

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Weak};
use std::time::Duration;

use actix_web::web::Bytes;
use todo_domain::{ChangeKind, TaskChange, TaskId, TaskService, UserId};
use tokio::sync::mpsc;

use super::hub::StreamHub;
use super::sse::{EndReason, event};
use crate::tasks::Tasks;
use crate::tasks::wire::TaskBody;

/// Workers, each reading one task at a time.
const WORKERS: usize = 4;
/// Changes one worker may have waiting; beyond it the owner's streams resync.
const BACKLOG: usize = 1024;
/// The most changes a worker takes as one batch (and tasks it reads at once).
const BATCH: usize = 8;
/// Tasks whose last sent version a worker remembers; past it, it forgets them all,
/// at worst sending one state twice (an event carries the whole task: harmless).
const REMEMBERED: usize = 4096;

pub(super) struct Dispatcher {
    queues: Vec<mpsc::Sender<TaskChange>>,
}

impl Dispatcher {
    /// Spawns the workers on the current actix runtime.
    pub(super) fn start(
        hub: Weak<StreamHub>,
        service: Arc<TaskService>,
        storage_deadline: Duration,
    ) -> Self {
        let tasks = Arc::new(Tasks::new(service, storage_deadline));
        let queues = (0..WORKERS)
            .map(|_| {
                let (sender, changes) = mpsc::channel(BACKLOG);
                actix_web::rt::spawn(work(changes, hub.clone(), tasks.clone()));
                sender
            })
            .collect();
        Self { queues }
    }

    /// Hands `change` to its owner's worker; `false` when that worker is too far
    /// behind to take it (never waits).
    pub(super) fn enqueue(&self, change: TaskChange) -> bool {
        let mut hasher = DefaultHasher::new();
        change.owner.hash(&mut hasher);
        let worker = usize::try_from(hasher.finish() % WORKERS as u64).unwrap_or(0);
        match self.queues[worker].try_send(change) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => false,
            // The runtime is winding down: no stream is left to tell.
            Err(mpsc::error::TrySendError::Closed(_)) => true,
        }
    }
}

async fn work(mut changes: mpsc::Receiver<TaskChange>, hub: Weak<StreamHub>, tasks: Arc<Tasks>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut sent = Sent::default();
    while changes.recv_many(&mut batch, BATCH).await > 0 {
        let Some(hub) = hub.upgrade() else { return };
        // Read concurrently, deliver in commit order.
        let rendering: Vec<_> = coalesce(std::mem::take(&mut batch))
            .into_iter()
            .map(|change| {
                let (hub, tasks) = (hub.clone(), tasks.clone());
                actix_web::rt::spawn(async move {
                    let rendered = render(&hub, &tasks, &change).await;
                    (change, rendered)
                })
            })
            .collect();
        for job in rendering {
            if let Ok((change, Some((frame, version)))) = job.await
                && sent.is_news(&change, version)
            {
                hub.deliver(&change.owner, &frame);
            }
        }
    }
}

/// One change per task, in the order each task first changed: a deletion wins, and a
/// task created in the batch stays `created` (with its latest version).
fn coalesce(batch: Vec<TaskChange>) -> Vec<TaskChange> {
    let mut merged: Vec<TaskChange> = Vec::with_capacity(batch.len());
    for change in batch {
        let same = merged
            .iter_mut()
            .find(|m| m.id == change.id && m.owner == change.owner);
        match same {
            None => merged.push(change),
            Some(earlier) => {
                let kind = match (earlier.kind, change.kind) {
                    (_, ChangeKind::Deleted) => ChangeKind::Deleted,
                    (ChangeKind::Created, _) => ChangeKind::Created,
                    (_, later) => later,
                };
                *earlier = TaskChange { kind, ..change };
            }
        }
    }
    merged
}

/// What a worker last sent of each task, by version.
#[derive(Default)]
struct Sent {
    versions: HashMap<(UserId, TaskId), i64>,
}

impl Sent {
    /// Whether the state `version` of `change`'s task (`None`: its deletion) is news
    /// to its owner's streams; it counts as sent from here on.
    fn is_news(&mut self, change: &TaskChange, version: Option<i64>) -> bool {
        let key = (change.owner.clone(), change.id);
        let Some(version) = version else {
            self.versions.remove(&key);
            return true;
        };
        if self.versions.len() >= REMEMBERED && !self.versions.contains_key(&key) {
            self.versions.clear();
        }
        // Versions begin at 1: 0 is "none sent yet".
        let last = self.versions.entry(key).or_insert(0);
        if *last >= version {
            return false;
        }
        *last = version;
        true
    }
}

/// The event for `change` with the version it shows (`None` for a deletion), or
/// `None` when there is nothing to send: nobody here streams the owner's tasks, or
/// the task is gone again.
async fn render(
    hub: &StreamHub,
    tasks: &Tasks,
    change: &TaskChange,
) -> Option<(Bytes, Option<i64>)> {
    if change.kind == ChangeKind::Deleted {
        let body = serde_json::json!({ "id": change.id.get() });
        return Some((event(change.kind.as_str(), &body), None));
    }
    let scope = hub.scope_of(&change.owner)?;
    let id = change.id.to_string();
    match tasks.run(move |service| service.get(&scope, &id)).await {
        Ok(task) => {
            let version = task.version;
            let body = serde_json::to_value(TaskBody::from(task)).ok()?;
            Some((event(change.kind.as_str(), &body), Some(version)))
        }
        // Deleted since: its own notification follows.
        Err(crate::ApiError::NotFound) => None,
        Err(e) => {
            log::warn!("cannot read a changed task ({e}); its owner's streams must resync");
            hub.end_owner(&change.owner, EndReason::Resync);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use todo_domain::{ChangeKind, TaskChange, TaskId, UserId};

    use super::{Sent, coalesce};

    fn change(owner: &str, id: i64, kind: ChangeKind, version: i64) -> TaskChange {
        TaskChange {
            owner: UserId::parse(owner).expect("owner"),
            id: TaskId::new(id),
            kind,
            version,
        }
    }

    #[test]
    fn a_batch_keeps_one_change_per_task_in_first_change_order() {
        use ChangeKind::{Created, Deleted, Updated};
        let merged = coalesce(vec![
            change("a", 1, Created, 1),
            change("a", 2, Updated, 4),
            change("a", 1, Updated, 2),
            change("b", 1, Updated, 7),
            change("a", 2, Deleted, 5),
            change("a", 1, Updated, 3),
        ]);
        assert_eq!(
            merged,
            [
                change("a", 1, Created, 3),
                change("a", 2, Deleted, 5),
                change("b", 1, Updated, 7),
            ]
        );
    }

    #[test]
    fn a_state_is_sent_once_however_many_reads_find_it() {
        use ChangeKind::{Deleted, Updated};
        let mut sent = Sent::default();
        // The read for version 2 found 4 already; those for 3 and 4 find it again.
        assert!(sent.is_news(&change("a", 1, Updated, 2), Some(4)));
        assert!(!sent.is_news(&change("a", 1, Updated, 3), Some(4)));
        assert!(!sent.is_news(&change("a", 1, Updated, 4), Some(4)));
        assert!(sent.is_news(&change("a", 1, Updated, 5), Some(5)));
        assert!(
            sent.is_news(&change("b", 1, Updated, 2), Some(2)),
            "another owner's task 1 is another task"
        );
        assert!(sent.is_news(&change("a", 1, Deleted, 5), None));
        let key = (UserId::parse("a").expect("a"), TaskId::new(1));
        assert!(
            !sent.versions.contains_key(&key),
            "a deleted task is forgotten"
        );
    }

    #[test]
    fn not_found_is_what_a_vanished_task_maps_to() {
        // `render` relies on this mapping to skip a task deleted since its change.
        let err = crate::ApiError::from(todo_domain::TaskError::NotFound);
        assert!(matches!(err, crate::ApiError::NotFound));
    }
}
