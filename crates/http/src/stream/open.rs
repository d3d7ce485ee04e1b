//! Opening a stream: content negotiation, the limits, and the response head.

use std::time::{Duration, SystemTime};

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderMap};
use todo_domain::OwnerScope;

use super::StreamHub;
use super::hub::Refusal;
use super::sse::SseBody;
use crate::ApiError;

const EVENT_STREAM: &str = "text/event-stream";
/// How long a request waits for the listener when it is (re)connecting, before it
/// is refused: long enough for the connect a process makes as it starts.
const LISTENER_WAIT: Duration = Duration::from_secs(2);
/// Seconds a client over its own limit should wait: a slot frees only when one of
/// its streams ends.
const USER_RETRY_AFTER_SECS: u32 = 10;

/// Whether `Accept` asks for `text/event-stream` with a non-zero quality (so a
/// client that sends none, or `*/*`, keeps the JSON list).
pub(crate) fn wants_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|range| {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default();
            media.eq_ignore_ascii_case(EVENT_STREAM) && parts.all(|p| quality(p) != Some(0.0))
        })
}

/// The `q` of a media range parameter, when it is one (`q=0`, `q=0.000`: refused).
fn quality(param: &str) -> Option<f32> {
    let (name, value) = param.split_once('=')?;
    if !name.trim().eq_ignore_ascii_case("q") {
        return None;
    }
    value.trim().parse::<f32>().ok()
}

/// The stream for `scope`, or the refusal as a problem: 503 while draining, over the
/// process's limit or without a listener; 429 over the user's own limit.
pub(crate) async fn open_stream(
    hub: &std::sync::Arc<StreamHub>,
    scope: OwnerScope,
    expires_at: Option<SystemTime>,
) -> Result<HttpResponse, ApiError> {
    let mut subscribed = hub.subscribe(scope.clone());
    if subscribed.as_ref().err() == Some(&Refusal::NotListening)
        && hub.wait_listening(LISTENER_WAIT).await
    {
        subscribed = hub.subscribe(scope);
    }
    let subscription = subscribed.map_err(|refusal| match refusal {
        Refusal::Draining => ApiError::Unavailable {
            what: "this server (it is shutting down)",
            source: None,
        },
        Refusal::ProcessFull => ApiError::Unavailable {
            what: "a change stream (this server has as many open as it serves)",
            source: None,
        },
        Refusal::NotListening => ApiError::Unavailable {
            what: "the change feed",
            source: Some("the listener is not connected to the database".into()),
        },
        Refusal::UserFull => ApiError::TooManyRequests {
            detail: "too many change streams open for this user; close one first",
            retry_after_secs: USER_RETRY_AFTER_SECS,
        },
    })?;
    let body = SseBody::new(subscription, hub.config().heartbeat, expires_at);
    Ok(HttpResponse::Ok()
        .content_type(EVENT_STREAM)
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        // nginx (and proxies that copy it) would otherwise buffer the stream.
        .insert_header(("X-Accel-Buffering", "no"))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    fn accepts(values: &[&str]) -> bool {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(header::ACCEPT, HeaderValue::from_str(value).expect("value"));
        }
        wants_event_stream(&headers)
    }

    #[test]
    fn event_stream_is_chosen_only_when_asked_for() {
        assert!(accepts(&["text/event-stream"]));
        assert!(accepts(&["Text/Event-Stream"]));
        assert!(accepts(&["application/json, text/event-stream;q=0.5"]));
        assert!(accepts(&["application/json", "text/event-stream"]));
        assert!(accepts(&["text/event-stream; charset=utf-8; q=1"]));
        assert!(!accepts(&[]));
        assert!(!accepts(&["*/*"]));
        assert!(!accepts(&["text/*"]));
        assert!(!accepts(&["application/json"]));
        assert!(!accepts(&["text/event-stream;q=0"]));
        assert!(!accepts(&["text/event-stream; q=0.000"]));
        assert!(!accepts(&["text/event-streams"]));
    }
}
