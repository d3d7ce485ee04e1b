//! The body of one stream, in Server-Sent Events framing: what the hub queues for
//! it, a heartbeat while it is quiet, and its end at the token's expiry.

use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use actix_web::body::{BodySize, MessageBody};
use actix_web::rt::time::{Instant, Sleep, sleep};
use actix_web::web::Bytes;
use serde_json::Value;

use super::hub::Subscription;

/// The first bytes of every stream: reconnect after 3 s, and a comment saying the
/// subscription is live (changes committed from here on are sent).
const PREAMBLE: &str = "retry: 3000\n: connected\n\n";
const HEARTBEAT: &str = ": heartbeat\n\n";

/// What the hub queues for a stream.
#[derive(Debug)]
pub(crate) enum Frame {
    /// A rendered event.
    Event(Bytes),
    /// The server ends the stream on purpose, saying why.
    End(EndReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndReason {
    TokenExpired,
    Shutdown,
    /// The listener lost changes: the client must reload its list.
    Resync,
}

impl EndReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::TokenExpired => "token_expired",
            Self::Shutdown => "shutdown",
            Self::Resync => "resync",
        }
    }

    fn frame(self) -> Bytes {
        event("end", &serde_json::json!({ "reason": self.as_str() }))
    }
}

/// `event: <name>\ndata: <json>\n\n`. Serialized JSON has no raw line breaks (they
/// are escaped inside strings), so the data is always one line.
pub(crate) fn event(name: &str, data: &Value) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}

enum State {
    Opening,
    Open,
    Done,
}

pub(crate) struct SseBody {
    subscription: Subscription,
    state: State,
    heartbeat_every: Duration,
    heartbeat: Pin<Box<Sleep>>,
    expiry: Option<Pin<Box<Sleep>>>,
}

impl SseBody {
    pub(crate) fn new(
        subscription: Subscription,
        heartbeat_every: Duration,
        expires_at: Option<SystemTime>,
    ) -> Self {
        let expiry = expires_at.map(|at| {
            let left = at
                .duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO);
            Box::pin(sleep(left))
        });
        Self {
            subscription,
            state: State::Opening,
            heartbeat_every,
            heartbeat: Box::pin(sleep(heartbeat_every)),
            expiry,
        }
    }

    fn quiet_until_next_heartbeat(&mut self) {
        let next = Instant::now() + self.heartbeat_every;
        self.heartbeat.as_mut().reset(next);
    }
}

impl MessageBody for SseBody {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        match this.state {
            State::Done => return Poll::Ready(None),
            State::Opening => {
                this.state = State::Open;
                this.quiet_until_next_heartbeat();
                return Poll::Ready(Some(Ok(Bytes::from_static(PREAMBLE.as_bytes()))));
            }
            State::Open => {}
        }
        // Cut by the hub: closed at once, without an end event, whatever is queued.
        if this.subscription.cut.load(Ordering::SeqCst) {
            this.state = State::Done;
            return Poll::Ready(None);
        }
        if let Some(expiry) = this.expiry.as_mut()
            && expiry.as_mut().poll(cx).is_ready()
        {
            this.state = State::Done;
            return Poll::Ready(Some(Ok(EndReason::TokenExpired.frame())));
        }
        match this.subscription.frames.poll_recv(cx) {
            Poll::Ready(Some(Frame::Event(bytes))) => {
                this.quiet_until_next_heartbeat();
                return Poll::Ready(Some(Ok(bytes)));
            }
            Poll::Ready(Some(Frame::End(reason))) => {
                this.state = State::Done;
                return Poll::Ready(Some(Ok(reason.frame())));
            }
            // The hub let go of this stream (it was cut).
            Poll::Ready(None) => {
                this.state = State::Done;
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        if this.heartbeat.as_mut().poll(cx).is_ready() {
            this.quiet_until_next_heartbeat();
            return Poll::Ready(Some(Ok(Bytes::from_static(HEARTBEAT.as_bytes()))));
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_one_data_line() {
        let bytes = event("updated", &serde_json::json!({"title": "two\nlines"}));
        assert_eq!(
            bytes,
            Bytes::from("event: updated\ndata: {\"title\":\"two\\nlines\"}\n\n")
        );
    }

    #[test]
    fn an_end_says_why() {
        assert_eq!(
            EndReason::Resync.frame(),
            Bytes::from("event: end\ndata: {\"reason\":\"resync\"}\n\n")
        );
        assert_eq!(EndReason::TokenExpired.as_str(), "token_expired");
        assert_eq!(EndReason::Shutdown.as_str(), "shutdown");
    }
}
