//! How streams end besides expiry: SIGTERM ends every one with `shutdown` and the
//! process still exits 0; a consumer too slow to keep up is cut without an end event,
//! while another stream on the same process keeps getting every change in time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{
    Fixture, Next, ServerProcess, TestUser, age, connected, open_stream, stream_client,
    toggle_until,
};
use crate::stream::{WITHIN, write};

#[actix_web::test]
async fn sigterm_ends_every_stream_with_shutdown_and_the_process_exits_0() {
    let fixture = Fixture::new();
    let mut server = fixture
        .server(&[
            ("TODO_SHUTDOWN_GRACE_SECS", "1"),
            ("TODO_SHUTDOWN_TIMEOUT_SECS", "20"),
        ])
        .await;
    let client = stream_client();
    let (alice, bob) = (fixture.user(1), fixture.user(2));
    let mut streams = vec![
        connected(&client, &server.url(""), &alice).await,
        connected(&client, &server.url(""), &alice).await,
        connected(&client, &server.url(""), &bob).await,
    ];
    let signalled = Instant::now();
    server.signal("TERM");
    for stream in &mut streams {
        let (name, data, at) = stream.next_event(Duration::from_secs(2)).await;
        assert_eq!(
            (name.as_str(), &data),
            ("end", &json!({"reason": "shutdown"}))
        );
        eprintln!(
            "stream ended {} ms after SIGTERM",
            (at - signalled).as_millis()
        );
        assert!(matches!(
            stream.next(Duration::from_secs(2)).await,
            Next::Closed
        ));
    }
    // Still inside the grace period: requests are served, streams are not opened.
    let refusal = open_stream(&client, &server.url(""), &alice.id, Some(&alice.token))
        .await
        .err()
        .expect("no stream while draining");
    refusal.problem(503);
    assert!(refusal.header("retry-after").is_some());

    let status = server.wait_exit(Duration::from_secs(15)).await;
    let status = status.unwrap_or_else(|| panic!("no exit: {:?}", server.logs()));
    assert!(status.success(), "exit {status:?}: {:?}", server.logs());
}

/// A stream read by nobody, through a socket with a tiny receive buffer so that the
/// server's side fills up quickly.
async fn unread_stream(server: &ServerProcess, user: &TestUser) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .set_recv_buffer_size(2048)
        .expect("small receive buffer");
    let mut stream = socket.connect(server.address).await.expect("connect");
    let request = format!(
        "GET /api/{}/tasks HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
         Accept: text/event-stream\r\n\r\n",
        user.id, server.address, user.token
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut head = [0u8; 64];
    let read = stream.read(&mut head).await.expect("head");
    assert!(
        head[..read].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&head[..read])
    );
    stream
}

#[actix_web::test]
async fn a_consumer_too_slow_to_keep_up_is_cut_while_another_stream_keeps_up() {
    let fixture = Fixture::new();
    let a = fixture.server(&[]).await;
    let b = fixture.server(&[]).await;
    let client = stream_client();
    let alice = fixture.user(1);
    let mut slow = unread_stream(&b, &alice).await;
    let mut fast = connected(&client, &b.url(""), &alice).await;

    // Big events (about 4 KB each: three bytes a character) fill the slow reader's
    // buffers sooner.
    let tasks = format!("/api/{}/tasks", alice.id);
    let tags: Vec<String> = (0..10).map(|n| format!("{n}{}", "€".repeat(31))).collect();
    let big = json!({"title": "€".repeat(200), "description": "€".repeat(1000), "tags": tags});
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for n in 0..6 {
        let (status, task) =
            write(&client, &a, Method::POST, &tasks, &alice, Some(big.clone())).await;
        assert_eq!(status, 201);
        let server = if n % 2 == 0 { &a } else { &b };
        writers.push(actix_web::rt::spawn(toggle_until(
            client.clone(),
            server.url(""),
            format!("{tasks}/{}/complete", task["id"]),
            alice.clone(),
            stop.clone(),
        )));
    }
    let is_cut = || b.logs().iter().any(|l| l.contains("too slow"));
    let started = Instant::now();
    let (mut heard, mut oldest, mut after_cut) = (0, Duration::ZERO, 0);
    while after_cut < 20 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the slow stream was never cut: {:?}",
            b.logs()
        );
        let (_, task, _) = fast.next_event(Duration::from_secs(5)).await;
        oldest = oldest.max(age(&task));
        heard += 1;
        if is_cut() {
            after_cut += 1;
        }
    }
    stop.store(true, Ordering::SeqCst);
    let mut writes = 0;
    for writer in writers {
        writes += writer.await.expect("writer");
    }
    eprintln!(
        "{writes} writes in {} ms; the slow stream was cut; the other one heard {heard} \
         events, the oldest {} ms after its write",
        started.elapsed().as_millis(),
        oldest.as_millis()
    );
    assert!(oldest < WITHIN, "the other stream was held up: {oldest:?}");

    // What the slow stream gets once it reads again: what was queued before the cut,
    // then the end of the body (chunked `0`), and no `end` event.
    let mut received = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = Instant::now() + Duration::from_secs(10);
    while !received.ends_with(b"\r\n0\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, slow.read(&mut buf)).await {
            Ok(Ok(0)) | Err(_) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
            Ok(Err(e)) => panic!("read: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&received);
    assert!(text.ends_with("\r\n0\r\n\r\n"), "the cut stream was closed");
    assert!(
        !text.contains("event: end"),
        "a cut stream gets no end event"
    );
    let events = text.matches("event: updated").count();
    assert!(
        events < heard,
        "it missed changes: got {events}, the other {heard}"
    );
}

#[actix_web::test]
async fn streams_end_with_resync_when_the_listening_connection_is_lost_and_back() {
    use diesel::RunQueryDsl;
    let fixture = Fixture::new();
    let a = fixture.server(&[]).await;
    let client = stream_client();
    let alice = fixture.user(1);
    let mut stream = connected(&client, &a.url(""), &alice).await;
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = 'todo-listener' AND datname = current_database()",
    )
    .execute(&mut fixture.db.connect())
    .expect("terminate the listener's session");
    let (name, data, _) = stream.next_event(Duration::from_secs(10)).await;
    assert_eq!(
        (name.as_str(), &data),
        ("end", &json!({"reason": "resync"}))
    );
    assert!(matches!(
        stream.next(Duration::from_secs(2)).await,
        Next::Closed
    ));

    // A new stream hears changes again, through the new connection.
    let mut again = connected(&client, &a.url(""), &alice).await;
    let tasks = format!("/api/{}/tasks", alice.id);
    let body = Some(json!({"title": "after resync"}));
    let (status, _) = write(&client, &a, Method::POST, &tasks, &alice, body).await;
    assert_eq!(status, 201);
    let (name, _, _) = again.next_event(WITHIN).await;
    assert_eq!(name, "created");
}
