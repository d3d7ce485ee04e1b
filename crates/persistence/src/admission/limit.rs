//! The hill climb that chooses how many units of work run at once (see `admission`).

use std::time::{Duration, Instant};

/// How long the work is counted at one limit before the next step.
pub(crate) const WINDOW: Duration = Duration::from_millis(200);
/// How much more work a second a slot must buy to be kept. Above the windows' noise,
/// and high enough that a slot buying little is not worth the tail it adds (on the
/// 2-core bench, 2% settled at 4 to 6 with a write p99 of 25 to 54 ms; 10% at 3 to 4
/// with 16 to 26 ms, for the same req/s).
pub(crate) const WORTH: f64 = 0.10;
/// The most windows a slot that did not pay waits before it is tried again: a
/// database that grew gets its slots back within seconds.
pub(crate) const MOST_HELD: u32 = 16;

/// The limit and the rates it is chosen from.
#[derive(Debug)]
pub(crate) struct Limit {
    pub(crate) limit: usize,
    floor: usize,
    running: usize,
    /// Whether every slot was taken at some point of this window: only then may
    /// the limit bind, and the rate measure the limit rather than the demand.
    pub(super) full: bool,
    finished: u32,
    since: Instant,
    /// Work finished per second at each limit, smoothed; index 0 is unused.
    pub(super) rates: Vec<Option<f64>>,
    /// Whether the last step was up: this window tries the slot it added.
    trying: bool,
    /// Windows to stay at this limit before trying one more slot, and how many
    /// the next try in vain will cost.
    hold: u32,
    next_hold: u32,
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
            trying: false,
            hold: 0,
            next_hold: 1,
        }
    }

    /// Whether one more unit of work may start.
    pub(super) fn has_room(&self) -> bool {
        self.running < self.limit
    }

    /// One more unit of work started.
    pub(super) fn take(&mut self) {
        self.running += 1;
        self.full |= self.running == self.limit;
    }

    /// A unit of work ended, finished or not.
    pub(super) fn give_back(&mut self) {
        self.running -= 1;
    }

    /// Counts one finished unit of work, and steps at the end of a window.
    pub(crate) fn finished(&mut self, now: Instant) {
        self.finished += 1;
        let elapsed = now.saturating_duration_since(self.since);
        if elapsed < WINDOW {
            return;
        }
        let rate = f64::from(self.finished) / elapsed.as_secs_f64();
        let full = self.full;
        self.finished = 0;
        self.full = false;
        self.since = now;
        // A window that ran past twice its length spans a pause in the work (between
        // two bursts, say): its rate measures the pause, not the limit. Statements
        // that slow make every window that long, and the limit stays where it is.
        if !full || elapsed > 2 * WINDOW {
            return;
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
        match (paid, self.trying) {
            // The slot just tried bought too little: wait longer before the next try.
            (false, true) => {
                self.limit -= 1;
                self.hold = self.next_hold;
                self.next_hold = (self.next_hold * 2).min(MOST_HELD);
            }
            // This limit does not pay, or the one below is not measured yet: step
            // down, and forget the waits, since the database may have changed.
            (false, false) => {
                self.limit -= 1;
                self.hold = 0;
                self.next_hold = 1;
            }
            (true, _) => {
                if self.trying {
                    self.next_hold = 1;
                }
                self.hold = self.hold.saturating_sub(1);
                if self.hold == 0 && here + 1 < self.rates.len() {
                    self.limit += 1;
                }
            }
        }
        self.trying = self.limit > here;
        if self.limit != here {
            log::debug!(
                "database work at once: {here} -> {} ({rate:.0}/s)",
                self.limit
            );
        }
    }
}
