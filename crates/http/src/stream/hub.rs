//! The hub: every open stream of this process, by owner, and the ends they share.
//!
//! Nothing here waits on a stream. Each stream has a bounded queue; a stream whose
//! queue is full is cut (its consumer is too slow to keep up) rather than waited for,
//! so one slow reader never delays the listener or anyone else's events.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use actix_web::web::Bytes;
use todo_domain::{ChangeSink, OwnerScope, TaskChange, TaskService, UserId};
use tokio::sync::{mpsc, watch};

use super::StreamConfig;
use super::dispatch::Dispatcher;
use super::sse::{EndReason, Frame};
use crate::Lifecycle;

/// Frames one stream may have waiting before it counts as too slow and is cut.
pub(super) const STREAM_QUEUE: usize = 64;

/// Every open stream of the process.
pub struct StreamHub {
    config: StreamConfig,
    registry: Mutex<Registry>,
    /// Whether the listener is listening: a stream opened while it is not could
    /// miss changes, so none is opened then.
    listening: watch::Sender<bool>,
    dispatcher: Dispatcher,
    next_id: AtomicU64,
}

#[derive(Default)]
struct Registry {
    owners: HashMap<UserId, Vec<Subscriber>>,
    open: usize,
    /// Draining: every stream was ended, and no new one opens.
    closed: bool,
}

struct Subscriber {
    id: u64,
    scope: OwnerScope,
    frames: mpsc::Sender<Frame>,
    cut: Arc<AtomicBool>,
}

/// Why a stream was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Draining,
    ProcessFull,
    UserFull,
    NotListening,
}

/// One open stream's end of the hub: its queue, and its place in the limits until
/// it is dropped.
pub(crate) struct Subscription {
    hub: Weak<StreamHub>,
    owner: UserId,
    id: u64,
    pub(super) frames: mpsc::Receiver<Frame>,
    /// Set when the hub cut this stream: it ends at once, without an end event.
    pub(super) cut: Arc<AtomicBool>,
}

impl StreamHub {
    /// Starts the hub's dispatch workers and its drain watch on the current actix
    /// runtime: every stream ends with `shutdown` once `lifecycle` begins draining.
    pub fn start(
        tasks: Arc<TaskService>,
        storage_deadline: Duration,
        lifecycle: &Lifecycle,
        config: StreamConfig,
    ) -> Arc<Self> {
        let hub = Arc::new_cyclic(|weak: &Weak<Self>| Self {
            config,
            registry: Mutex::default(),
            listening: watch::Sender::new(false),
            dispatcher: Dispatcher::start(weak.clone(), tasks, storage_deadline),
            next_id: AtomicU64::new(1),
        });
        let weak = Arc::downgrade(&hub);
        let draining = lifecycle.draining();
        actix_web::rt::spawn(async move {
            draining.await;
            if let Some(hub) = weak.upgrade() {
                hub.end_all(EndReason::Shutdown, true);
            }
        });
        hub
    }

    pub(crate) fn config(&self) -> &StreamConfig {
        &self.config
    }

    /// Waits up to `limit` for the listener to be listening (it connects as the
    /// process starts, and again after it lost its connection).
    pub(crate) async fn wait_listening(&self, limit: Duration) -> bool {
        let mut listening = self.listening.subscribe();
        let wait = listening.wait_for(|on| *on);
        matches!(actix_web::rt::time::timeout(limit, wait).await, Ok(Ok(_)))
    }

    /// Registers a stream for the scope's owner, within the limits.
    pub(crate) fn subscribe(self: &Arc<Self>, scope: OwnerScope) -> Result<Subscription, Refusal> {
        let mut registry = self.lock();
        if registry.closed {
            return Err(Refusal::Draining);
        }
        if !*self.listening.borrow() {
            return Err(Refusal::NotListening);
        }
        if registry.open >= self.config.max_streams {
            return Err(Refusal::ProcessFull);
        }
        let owner = scope.owner().clone();
        let streams = registry.owners.entry(owner.clone()).or_default();
        if streams.len() >= self.config.max_per_user {
            return Err(Refusal::UserFull);
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, frames) = mpsc::channel(STREAM_QUEUE);
        let cut = Arc::new(AtomicBool::new(false));
        streams.push(Subscriber {
            id,
            scope,
            frames: sender,
            cut: cut.clone(),
        });
        registry.open += 1;
        Ok(Subscription {
            hub: Arc::downgrade(self),
            owner,
            id,
            frames,
            cut,
        })
    }

    /// A scope of one of `owner`'s open streams, to read a changed task with; `None`
    /// when the owner has none (then the change concerns nobody here).
    pub(super) fn scope_of(&self, owner: &UserId) -> Option<OwnerScope> {
        let registry = self.lock();
        registry
            .owners
            .get(owner)
            .and_then(|streams| streams.first())
            .map(|s| s.scope.clone())
    }

    /// Queues `event` on every stream of `owner`, cutting those whose queue is full.
    pub(super) fn deliver(&self, owner: &UserId, event: &Bytes) {
        let mut registry = self.lock();
        let Some(streams) = registry.owners.get_mut(owner) else {
            return;
        };
        let before = streams.len();
        streams.retain(|s| match s.frames.try_send(Frame::Event(event.clone())) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                log::info!("cut a change stream whose consumer is too slow");
                s.cut.store(true, Ordering::SeqCst);
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        });
        let removed = before - streams.len();
        if streams.is_empty() {
            registry.owners.remove(owner);
        }
        registry.open -= removed;
    }

    /// Ends every stream of `owner` with `reason` (it missed a change it cannot be
    /// given any more).
    pub(super) fn end_owner(&self, owner: &UserId, reason: EndReason) {
        let mut registry = self.lock();
        if let Some(streams) = registry.owners.remove(owner) {
            registry.open -= streams.len();
            end(streams, reason);
        }
    }

    /// Ends every stream with `reason`; `close` also refuses new ones from now on.
    fn end_all(&self, reason: EndReason, close: bool) {
        let mut registry = self.lock();
        registry.closed |= close;
        registry.open = 0;
        let owners = std::mem::take(&mut registry.owners);
        drop(registry);
        let count: usize = owners.values().map(Vec::len).sum();
        if count > 0 {
            log::info!("ending {count} change stream(s): {}", reason.as_str());
        }
        for streams in owners.into_values() {
            end(streams, reason);
        }
    }

    fn unsubscribe(&self, owner: &UserId, id: u64) {
        let mut registry = self.lock();
        let Some(streams) = registry.owners.get_mut(owner) else {
            return;
        };
        let before = streams.len();
        streams.retain(|s| s.id != id);
        let removed = before - streams.len();
        if streams.is_empty() {
            registry.owners.remove(owner);
        }
        registry.open -= removed;
    }

    fn lock(&self) -> MutexGuard<'_, Registry> {
        // The registry is consistent after every statement: a panic elsewhere while
        // holding it leaves nothing half-done, so a poisoned lock is still usable.
        self.registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Sends each stream its end; one whose queue is full is cut instead.
fn end(streams: Vec<Subscriber>, reason: EndReason) {
    for s in streams {
        if s.frames.try_send(Frame::End(reason)).is_err() {
            s.cut.store(true, Ordering::SeqCst);
        }
    }
}

impl ChangeSink for StreamHub {
    fn publish(&self, change: TaskChange) {
        if !self.lock().owners.contains_key(&change.owner) {
            return;
        }
        let owner = change.owner.clone();
        if !self.dispatcher.enqueue(change) {
            // The dispatcher cannot keep up: these streams miss the change, and must
            // reload instead.
            log::warn!("change dispatch is behind; ending the owner's streams with resync");
            self.end_owner(&owner, EndReason::Resync);
        }
    }

    fn listening(&self, after_reconnect: bool) {
        if after_reconnect {
            self.end_all(EndReason::Resync, false);
        }
        self.listening.send_replace(true);
    }

    fn lost(&self) {
        self.listening.send_replace(false);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            hub.unsubscribe(&self.owner, self.id);
        }
    }
}
