//! How many units of work may run on the database at once: at most the pool's size,
//! and fewer when more at once gets no more done.
//!
//! A pool sized for a large database oversubscribes a small one. On 2 cores, 10 busy
//! backends make a write's p99 30 to 50 ms against 10 ms with 4, and get no more done:
//! backends are preempted while they hold a page lock, and the rest queue behind
//! them (`bench/README.md`, "Where the tail comes from"). The same work waits better
//! here, in order, than in the database's run queue.
//!
//! So while every slot is taken, the limit climbs a hill: every [`WINDOW`] it
//! compares the work finished per second at this limit with the rate one lower. If
//! the extra slot bought less than [`WORTH`] (10%) more, it steps down; otherwise it
//! tries one more. It settles where one more slot stops paying, and moves again when
//! the database does (a restart, a larger compute). While slots are free the limit
//! does not bind and is left alone. A database with cores to spare, or a network
//! that dominates the time, keeps paying for every slot up to the pool's size.
//!
//! The wait happens on the blocking thread, before the checkout, bounded by the
//! pool's checkout timeout; the work that ends wakes the next waiter directly.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How long the work is counted at one limit before the next step.
pub(crate) const WINDOW: Duration = Duration::from_millis(200);
/// How much more work a second a slot must buy to be kept. Above the windows' noise,
/// and high enough that a slot buying little is not worth the tail it adds (on the
/// 2-core bench, 2% settled at 4 to 6 with a write p99 of 25 to 54 ms; 10% at 3 to 4
/// with 16 to 26 ms, for the same req/s).
pub(crate) const WORTH: f64 = 0.10;

/// The gate in front of the pool.
pub(crate) struct Admission {
    state: Mutex<Limit>,
    freed: Condvar,
}

/// A slot: dropping it frees it. [`Admitted::done`] counts the work as finished.
pub(crate) struct Admitted<'a> {
    admission: &'a Admission,
}

impl Admission {
    pub(crate) fn new(ceiling: usize) -> Self {
        Self {
            state: Mutex::new(Limit::new(ceiling, Instant::now())),
            freed: Condvar::new(),
        }
    }

    /// Waits, up to `within`, for a slot; `None` if none came.
    pub(crate) fn admit(&self, within: Duration) -> Option<Admitted<'_>> {
        let mut state = self.lock();
        if state.running >= state.limit {
            state = self
                .freed
                .wait_timeout_while(state, within, |s| s.running >= s.limit)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            if state.running >= state.limit {
                return None;
            }
        }
        state.running += 1;
        state.full |= state.running == state.limit;
        Some(Admitted { admission: self })
    }

    /// The current limit.
    #[cfg(test)]
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit
    }

    fn lock(&self) -> MutexGuard<'_, Limit> {
        // The counts stay consistent whatever panicked while they were held.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Admitted<'_> {
    /// The work succeeded. Failures are not counted: a database refusing
    /// connections gets nothing done at any limit.
    pub(crate) fn done(self) {
        let grew = self.admission.lock().finished(Instant::now());
        if grew {
            self.admission.freed.notify_all();
        }
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.admission.lock().running -= 1;
        self.admission.freed.notify_one();
    }
}

/// The limit and the rates it is chosen from.
#[derive(Debug)]
pub(crate) struct Limit {
    pub(crate) limit: usize,
    floor: usize,
    running: usize,
    /// Whether every slot was taken at some point of this window: only then may
    /// the limit bind, and the rate measure the limit rather than the demand.
    full: bool,
    finished: u32,
    since: Instant,
    /// Work finished per second at each limit, smoothed; index 0 is unused.
    rates: Vec<Option<f64>>,
}

impl Limit {
    /// Starts at `ceiling`; never below two (or the ceiling, if smaller).
    pub(crate) fn new(ceiling: usize, now: Instant) -> Self {
        let ceiling = ceiling.max(1);
        Self {
            limit: ceiling,
            floor: ceiling.min(2),
            running: 0,
            full: false,
            finished: 0,
            since: now,
            rates: vec![None; ceiling + 1],
        }
    }

    /// Counts one finished unit of work; true if the limit grew.
    pub(crate) fn finished(&mut self, now: Instant) -> bool {
        self.finished += 1;
        let elapsed = now.saturating_duration_since(self.since);
        if elapsed < WINDOW {
            return false;
        }
        let rate = f64::from(self.finished) / elapsed.as_secs_f64();
        let full = self.full;
        self.finished = 0;
        self.full = false;
        self.since = now;
        if !full {
            return false;
        }
        let here = self.limit;
        let smoothed = self.rates[here].map_or(rate, |before| (before + rate) / 2.0);
        self.rates[here] = Some(smoothed);
        let paid = match self.rates[here - 1] {
            _ if here == self.floor => true,
            Some(below) => smoothed >= below * (1.0 + WORTH),
            // Not measured yet: measure it.
            None => false,
        };
        if !paid {
            self.limit -= 1;
        } else if here + 1 < self.rates.len() {
            self.limit += 1;
        }
        if self.limit != here {
            log::debug!(
                "database work at once: {here} -> {} ({rate:.0}/s)",
                self.limit
            );
        }
        self.limit > here
    }
}

#[cfg(test)]
mod tests;
