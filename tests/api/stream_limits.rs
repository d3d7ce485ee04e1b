//! How long a stream lives and how many there may be: 5 per user (then 429),
//! `TODO_STREAM_MAX` per process (then 503), a heartbeat while quiet, and the end at
//! the token's expiry.

use std::time::{Duration, Instant};

use serde_json::Value;
use todo_auth::testing::{AUDIENCE, ISSUER, claims, now};

use crate::helpers::{Fixture, Next, SseItem, TestUser, connected, open_stream, stream_client};

#[actix_web::test]
async fn a_sixth_stream_of_one_user_is_refused_with_429_and_retry_after() {
    let fixture = Fixture::new();
    let server = fixture.server(&[]).await;
    let client = stream_client();
    let alice = fixture.user(1);
    let mut open = Vec::new();
    for _ in 0..5 {
        open.push(connected(&client, &server.url(""), &alice).await);
    }
    let refusal = open_stream(&client, &server.url(""), &alice.id, Some(&alice.token))
        .await
        .err()
        .expect("the sixth is refused");
    refusal.problem(429);
    let retry: u64 = refusal
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(retry > 0);

    // Someone else is not affected, and a closed stream frees its place.
    connected(&client, &server.url(""), &fixture.user(2)).await;
    drop(open.pop());
    let reopened = eventually_open(&client, &server.url(""), &alice).await;
    assert!(reopened.is_some(), "a slot was freed when a stream closed");
}

/// Retries for a few seconds: the server notices a closed stream when it next writes.
async fn eventually_open(
    client: &reqwest::Client,
    base: &str,
    user: &TestUser,
) -> Option<crate::helpers::EventStream> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(stream) = open_stream(client, base, &user.id, Some(&user.token)).await {
            return Some(stream);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[actix_web::test]
async fn streams_beyond_the_process_limit_are_refused_with_503_and_retry_after() {
    let fixture = Fixture::new();
    let server = fixture
        .server(&[
            ("TODO_STREAM_MAX", "2"),
            ("TODO_STREAM_HEARTBEAT_SECS", "1"),
        ])
        .await;
    let client = stream_client();
    let _first = connected(&client, &server.url(""), &fixture.user(1)).await;
    let _second = connected(&client, &server.url(""), &fixture.user(2)).await;
    let refusal = open_stream(
        &client,
        &server.url(""),
        &fixture.user(3).id,
        Some(&fixture.user(3).token),
    )
    .await
    .err()
    .expect("the third is refused");
    refusal.problem(503);
    assert!(refusal.header("retry-after").is_some());
    // The list itself is still served.
    let answer = client
        .get(server.url(&format!("/api/{}/tasks", fixture.user(3).id)))
        .bearer_auth(&fixture.user(3).token)
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 200);
}

#[actix_web::test]
async fn a_quiet_stream_sends_heartbeats() {
    let fixture = Fixture::new();
    let server = fixture.server(&[("TODO_STREAM_HEARTBEAT_SECS", "1")]).await;
    let client = stream_client();
    let mut stream = connected(&client, &server.url(""), &fixture.user(1)).await;
    let opened = Instant::now();
    for n in 1..=2 {
        match stream.next(Duration::from_secs(3)).await {
            Next::Item(SseItem::Comment(text), at) => {
                assert_eq!(text, ": heartbeat");
                let since = at - opened;
                eprintln!("heartbeat {n} after {} ms", since.as_millis());
                assert!(since >= Duration::from_millis(900 * n), "{since:?}");
            }
            other => panic!("expected a heartbeat, got {other:?}"),
        }
    }
}

#[actix_web::test]
async fn a_stream_ends_when_its_token_expires() {
    let fixture = Fixture::new();
    let server = fixture.server(&[]).await;
    let client = stream_client();
    let id = "short-lived-000000000000001".to_owned();
    let mut short = claims(&id, ISSUER, AUDIENCE);
    let exp = now() + 3;
    short["exp"] = Value::from(exp);
    let user = TestUser {
        token: fixture.key.token(&short),
        id,
    };
    let mut stream = connected(&client, &server.url(""), &user).await;
    let (name, data, at) = stream.next_event(Duration::from_secs(6)).await;
    assert_eq!(name, "end");
    assert_eq!(data["reason"], "token_expired");
    let ended = std::time::SystemTime::now() - at.elapsed();
    let exp_at = std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(exp).expect("exp"));
    let early = exp_at.duration_since(ended).unwrap_or_default();
    let late = ended.duration_since(exp_at).unwrap_or_default();
    assert!(
        early < Duration::from_millis(50),
        "ended {early:?} before exp"
    );
    assert!(late < Duration::from_secs(1), "ended {late:?} after exp");
    assert!(matches!(
        stream.next(Duration::from_secs(2)).await,
        Next::Closed
    ));
}
