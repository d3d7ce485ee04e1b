//! Change streams: `GET /api/{user_id}/tasks` with `Accept: text/event-stream`.
//!
//! The process listens for committed changes on one database connection (in
//! `todo-persistence`, which hands them to [`StreamHub`] as a
//! [`ChangeSink`](todo_domain::ChangeSink)); the hub fans each one out in memory to
//! the open streams of the task's owner. A change names a task, not its content: the
//! hub reads the task again under a subscriber's own `OwnerScope`, so a stream can
//! only ever carry its owner's tasks.
//!
//! - `hub`: who is subscribed, the limits, and the ends every stream shares
//!   (shutdown, resync);
//! - `dispatch`: turns a change into an event, off the listener's thread;
//! - `sse`: the response body of one stream (heartbeat, end at token expiry);
//! - `open`: the handler's part, from a scoped request to a response or a refusal.

mod dispatch;
mod hub;
mod open;
mod sse;

use std::time::Duration;

pub use hub::StreamHub;
pub(crate) use open::{open_stream, wants_event_stream};

/// Limits and timings of change streams.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    /// How often an idle stream sends a heartbeat comment (the contract's 15 s).
    pub heartbeat: Duration,
    /// Open streams this process serves at most; beyond it: 503.
    pub max_streams: usize,
    /// Open streams one user may have on this process at most; beyond it: 429.
    pub max_per_user: usize,
}

impl StreamConfig {
    pub const DEFAULT_HEARTBEAT: Duration = Duration::from_secs(15);
    pub const DEFAULT_MAX_STREAMS: usize = 1000;
    pub const DEFAULT_MAX_PER_USER: usize = 5;
}

impl Default for StreamConfig {
    fn default() -> Self {
        Self {
            heartbeat: Self::DEFAULT_HEARTBEAT,
            max_streams: Self::DEFAULT_MAX_STREAMS,
            max_per_user: Self::DEFAULT_MAX_PER_USER,
        }
    }
}
