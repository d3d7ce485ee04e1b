//! How many units of work may run on the database at once: at most the pool's size,
//! and fewer when more at once gets no more done.
//!
//! A pool sized for a large database oversubscribes a small one. On 2 cores, 10 busy
//! backends make a write's p99 30 to 50 ms against 10 ms with 4, and get no more done:
//! backends are preempted while they hold a page lock, and the rest queue behind
//! them (`bench/README.md`, "Where the tail comes from"). The same work waits better
//! here, in order, than in the database's run queue.
//!
//! So while every slot is taken, the limit climbs a hill: every window
//! ([`limit::WINDOW`]) it compares the work finished per second at this limit with
//! the rate one lower. If the extra slot bought less than [`limit::WORTH`] (10%)
//! more, it steps down; otherwise it tries one more. It settles where one more slot
//! stops paying, and moves again when the database does (a restart, a larger
//! compute). A slot that did not pay is tried again after one window, then two,
//! four, up to [`limit::MOST_HELD`]: trying it every other window gave it half the
//! time, and its tail with it. While slots are free the limit does not bind and is
//! left alone. A database with cores to spare, or a network that dominates the
//! time, keeps paying for every slot up to the pool's size.
//!
//! The wait happens on the blocking thread, before the checkout, bounded by the
//! pool's checkout timeout. Waiters are served in arrival order: the work that ends
//! hands its slot to the first of them, so a newcomer cannot take it first and send
//! the woken waiter to the back of the line, which lengthened the writes' tail.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

mod limit;

use limit::Limit;

/// The gate in front of the pool.
pub(crate) struct Admission {
    gate: Mutex<Gate>,
}

struct Gate {
    limit: Limit,
    /// In arrival order.
    waiting: VecDeque<Arc<Waiter>>,
}

/// One thread waiting for a slot. `given` is set under the gate's lock, so the
/// ordering of the atomic itself does not matter.
#[derive(Default)]
struct Waiter {
    given: AtomicBool,
    wake: Condvar,
}

/// A slot: dropping it frees it. [`Admitted::done`] counts the work as finished.
pub(crate) struct Admitted<'a> {
    admission: &'a Admission,
    succeeded: bool,
}

impl Admission {
    pub(crate) fn new(ceiling: usize) -> Self {
        let gate = Gate {
            limit: Limit::new(ceiling, Instant::now()),
            waiting: VecDeque::new(),
        };
        Self {
            gate: Mutex::new(gate),
        }
    }

    /// Waits, up to `within`, for a slot; `None` if none came.
    pub(crate) fn admit(&self, within: Duration) -> Option<Admitted<'_>> {
        let mut gate = self.lock();
        if gate.waiting.is_empty() && gate.limit.has_room() {
            gate.limit.take();
            return Some(self.slot());
        }
        let me = Arc::new(Waiter::default());
        gate.waiting.push_back(me.clone());
        let deadline = Instant::now() + within;
        while !me.given.load(Ordering::Relaxed) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                gate.waiting.retain(|other| !Arc::ptr_eq(other, &me));
                return None;
            }
            gate = me
                .wake
                .wait_timeout(gate, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Some(self.slot())
    }

    /// The current limit.
    #[cfg(test)]
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit.limit
    }

    /// How many wait for a slot.
    #[cfg(test)]
    pub(crate) fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }

    fn slot(&self) -> Admitted<'_> {
        Admitted {
            admission: self,
            succeeded: false,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Gate> {
        // The counts stay consistent whatever panicked while they were held.
        self.gate.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Admitted<'_> {
    /// The work succeeded. Failures are not counted: a database refusing
    /// connections gets nothing done at any limit.
    pub(crate) fn done(mut self) {
        self.succeeded = true;
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        // One lock frees the slot, counts the work and hands out what is free,
        // usually this slot to the first waiter; they are woken after it.
        let mut handed = Vec::new();
        {
            let mut gate = self.admission.lock();
            gate.limit.give_back();
            if self.succeeded {
                gate.limit.finished(Instant::now());
            }
            while gate.limit.has_room() {
                let Some(next) = gate.waiting.pop_front() else {
                    break;
                };
                gate.limit.take();
                next.given.store(true, Ordering::Relaxed);
                handed.push(next);
            }
        }
        for waiter in handed {
            waiter.wake.notify_one();
        }
    }
}

#[cfg(test)]
mod tests;
