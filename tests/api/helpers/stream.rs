//! A change-stream client for the tests: opens `GET /api/{u}/tasks` with
//! `Accept: text/event-stream` and reads its Server-Sent Events as they arrive, from
//! reqwest's body chunks (as the web app reads them from `fetch`).

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::{Answer, TestUser};

/// One block of the stream (up to a blank line).
#[derive(Debug, Clone, PartialEq)]
pub enum SseItem {
    /// `event:` with its one-line JSON `data:`.
    Event { name: String, data: Value },
    /// Comment lines only (`: heartbeat`), and the preamble's `retry:`.
    Comment(String),
}

/// What reading the stream gave.
#[derive(Debug)]
pub enum Next {
    Item(SseItem, Instant),
    /// The server ended the response (or dropped the connection).
    Closed,
    TimedOut,
}

pub struct EventStream {
    response: reqwest::Response,
    /// Bytes, not text: a chunk may end inside a character.
    buffer: Vec<u8>,
    pub headers: HeaderMap,
}

/// A client for streams: no overall timeout (a stream is meant to stay open).
pub fn stream_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

/// Opens `user`'s stream on `base` (`http://host:port`) as `token`, or returns the
/// refusal.
pub async fn open_stream(
    client: &reqwest::Client,
    base: &str,
    path_user: &str,
    token: Option<&str>,
) -> Result<EventStream, Answer> {
    let mut request = client
        .get(format!("{base}/api/{path_user}/tasks"))
        .header("accept", "text/event-stream");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request
        .send()
        .await
        .expect("the stream request is answered");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    if status != 200 {
        let bytes = response.bytes().await.expect("body");
        return Err(Answer {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        });
    }
    Ok(EventStream {
        response,
        buffer: Vec::new(),
        headers,
    })
}

/// Opens `user`'s own stream, expects it to start as the contract says, and returns it.
pub async fn connected(client: &reqwest::Client, base: &str, user: &TestUser) -> EventStream {
    let mut stream = open_stream(client, base, &user.id, Some(&user.token))
        .await
        .unwrap_or_else(|refusal| panic!("the stream was refused: {refusal:?}"));
    assert_eq!(stream.header("content-type"), Some("text/event-stream"));
    assert_eq!(stream.header("cache-control"), Some("no-cache"));
    assert_eq!(stream.header("x-accel-buffering"), Some("no"));
    match stream.next(Duration::from_secs(5)).await {
        Next::Item(SseItem::Comment(text), _) => {
            assert_eq!(text, "retry: 3000\n: connected");
        }
        other => panic!("the stream did not start with its preamble: {other:?}"),
    }
    stream
}

impl EventStream {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The next block, waiting at most `limit`.
    pub async fn next(&mut self, limit: Duration) -> Next {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let block: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let block = String::from_utf8(block).expect("utf-8 block");
                return Next::Item(parse_block(block.trim_end()), Instant::now());
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return Next::TimedOut,
                Ok(Ok(Some(bytes))) => self.buffer.extend_from_slice(&bytes),
                Ok(Ok(None) | Err(_)) => return Next::Closed,
            }
        }
    }

    /// The next event (skipping heartbeats), within `limit`; panics otherwise.
    pub async fn next_event(&mut self, limit: Duration) -> (String, Value, Instant) {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left).await {
                Next::Item(SseItem::Event { name, data }, at) => return (name, data, at),
                Next::Item(SseItem::Comment(_), _) => {}
                other => panic!("no event within {limit:?}: {other:?}"),
            }
        }
    }

    /// Asserts that no event (heartbeats aside) arrives within `limit`.
    pub async fn assert_quiet(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left).await {
                Next::TimedOut => return,
                Next::Item(SseItem::Comment(_), _) => {}
                other => panic!("expected nothing, got {other:?}"),
            }
        }
    }
}

fn parse_block(block: &str) -> SseItem {
    let mut name = None;
    let mut data = None;
    for line in block.lines() {
        if let Some(value) = line.strip_prefix("event: ") {
            name = Some(value.to_owned());
        } else if let Some(value) = line.strip_prefix("data: ") {
            assert!(data.is_none(), "one data line per event: {block}");
            data = Some(serde_json::from_str(value).expect("data is JSON"));
        }
    }
    match (name, data) {
        (Some(name), Some(data)) => SseItem::Event { name, data },
        (None, None) => SseItem::Comment(block.to_owned()),
        _ => panic!("an event needs both a name and data: {block}"),
    }
}
