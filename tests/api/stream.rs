//! Change streams across replicas: two `todo-server` processes on one database. A
//! change made through A reaches a stream on B within a second, for every kind of
//! change, even for a task that never stops changing; nobody else's stream hears of
//! it; access is checked as for the list.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    EventStream, Fixture, Replicas, ServerProcess, TestUser, age, connected, open_stream,
    replicas_with_alices_stream_on_b, toggle_until,
};

/// The contract: a change reaches every replica's streams within this.
pub const WITHIN: Duration = Duration::from_secs(1);

/// A request as `user` on `server`; returns the status and the JSON body.
pub async fn write(
    client: &reqwest::Client,
    server: &ServerProcess,
    method: Method,
    path: &str,
    user: &TestUser,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = client
        .request(method, server.url(path))
        .bearer_auth(&user.token);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("answered");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

/// Makes a change through `a` while `stream` (on another replica) waits for its
/// event; returns the event and the time from sending the request to the event.
async fn change_and_hear(
    client: &reqwest::Client,
    a: &ServerProcess,
    stream: &mut EventStream,
    request: (Method, String, Option<Value>),
    user: &TestUser,
) -> ((u16, Value), (String, Value), Duration) {
    let (method, path, body) = request;
    let started = Instant::now();
    let (answer, (name, data, heard_at)) = tokio::join!(
        write(client, a, method, &path, user, body),
        stream.next_event(Duration::from_secs(5)),
    );
    (answer, (name, data), heard_at - started)
}

#[actix_web::test]
async fn every_kind_of_change_made_on_one_replica_reaches_a_stream_on_the_other_within_a_second() {
    let Replicas {
        fixture: _fixture,
        a,
        b,
        client,
        alice,
        mut on_b,
        tasks,
    } = replicas_with_alices_stream_on_b().await;

    let mut latencies = Vec::new();
    let create = (Method::POST, tasks.clone(), Some(json!({"title": "live"})));
    let ((status, task), (name, data), took) =
        change_and_hear(&client, &a, &mut on_b, create, &alice).await;
    assert_eq!((status, name.as_str()), (201, "created"));
    assert_eq!(
        data, task,
        "the event carries the whole task, as the API shows it"
    );
    latencies.push(("created (POST)", took));

    let one = format!("{tasks}/{}", task["id"]);
    let changes = [
        (
            "updated (PUT)",
            (Method::PUT, one.clone(), Some(json!({"title": "renamed"}))),
        ),
        (
            "updated (PATCH complete)",
            (Method::PATCH, format!("{one}/complete"), None),
        ),
    ];
    for (label, request) in changes {
        let ((status, task), (name, data), took) =
            change_and_hear(&client, &a, &mut on_b, request, &alice).await;
        assert_eq!((status, name.as_str()), (200, "updated"), "{label}");
        assert_eq!(data, task, "{label}");
        latencies.push((label, took));
    }
    assert_eq!(on_b_last_title(&client, &b, &alice, &task).await, "renamed");

    let delete = (Method::DELETE, one.clone(), None);
    let ((status, _), (name, data), took) =
        change_and_hear(&client, &a, &mut on_b, delete, &alice).await;
    assert_eq!((status, name.as_str()), (204, "deleted"));
    assert_eq!(data, json!({"id": task["id"]}));
    latencies.push(("deleted (DELETE)", took));

    for (label, took) in &latencies {
        eprintln!(
            "cross-replica stream latency, {label}: {} ms",
            took.as_millis()
        );
        assert!(*took < WITHIN, "{label} took {took:?}");
    }
}

#[actix_web::test]
async fn a_task_that_never_stops_changing_still_reaches_streams_within_a_second() {
    let mut on = replicas_with_alices_stream_on_b().await;
    let busy = Some(json!({"title": "busy"}));
    let (status, task) = write(&on.client, &on.a, Method::POST, &on.tasks, &on.alice, busy).await;
    assert_eq!(status, 201);
    let (_, created, _) = on.on_b.next_event(Duration::from_secs(5)).await;

    // Writers on both replicas toggle the one task back to back: by the time a
    // change's notification has come round, the task has always changed again.
    let stop = Arc::new(AtomicBool::new(false));
    let path = format!("{}/{}/complete", on.tasks, task["id"]);
    let writers: Vec<_> = [&on.a, &on.b, &on.a, &on.b]
        .into_iter()
        .map(|server| {
            let writer = toggle_until(
                on.client.clone(),
                server.url(""),
                path.clone(),
                on.alice.clone(),
                stop.clone(),
            );
            actix_web::rt::spawn(writer)
        })
        .collect();
    let mut last = created["version"].as_i64().expect("version");
    for _ in 0..10 {
        let (name, data, _) = on.on_b.next_event(Duration::from_secs(5)).await;
        assert_eq!(name, "updated");
        let version = data["version"].as_i64().expect("version");
        assert!(
            version > last,
            "each event is newer than the last: {version} after {last}"
        );
        last = version;
        assert!(
            age(&data) < WITHIN,
            "the event came {:?} after its write",
            age(&data)
        );
    }
    stop.store(true, Ordering::SeqCst);
    let mut writes = 0;
    for writer in writers {
        writes += writer.await.expect("writer");
    }
    eprintln!("{writes} writes while the stream heard ten events, up to version {last}");
}

/// The task as B serves it (B's reads see A's writes too).
async fn on_b_last_title(
    client: &reqwest::Client,
    b: &ServerProcess,
    user: &TestUser,
    task: &Value,
) -> String {
    let path = format!("/api/{}/tasks/{}", user.id, task["id"]);
    let (status, body) = write(client, b, Method::GET, &path, user, None).await;
    assert_eq!(status, 200);
    body["title"].as_str().expect("title").to_owned()
}

#[actix_web::test]
async fn another_users_stream_never_hears_of_alices_changes() {
    let fixture = Fixture::new();
    let a = fixture.server(&[]).await;
    let b = fixture.server(&[]).await;
    let client = crate::helpers::stream_client();
    let (alice, carol) = (fixture.user(1), fixture.user(3));
    let mut carols_on_a = connected(&client, &a.url(""), &carol).await;
    let mut carols_on_b = connected(&client, &b.url(""), &carol).await;
    let mut alices_on_b = connected(&client, &b.url(""), &alice).await;

    let tasks = format!("/api/{}/tasks", alice.id);
    let (status, task) = write(
        &client,
        &a,
        Method::POST,
        &tasks,
        &alice,
        Some(json!({"title": "mine"})),
    )
    .await;
    assert_eq!(status, 201);
    let one = format!("{tasks}/{}", task["id"]);
    let (name, _, _) = alices_on_b.next_event(Duration::from_secs(2)).await;
    assert_eq!(name, "created");
    write(
        &client,
        &a,
        Method::PATCH,
        &format!("{one}/complete"),
        &alice,
        None,
    )
    .await;
    let (name, _, _) = alices_on_b.next_event(Duration::from_secs(2)).await;
    assert_eq!(name, "updated");
    write(&client, &a, Method::DELETE, &one, &alice, None).await;
    let (name, _, _) = alices_on_b.next_event(Duration::from_secs(2)).await;
    assert_eq!(name, "deleted");
    // Alice's stream has heard everything; Carol's, on either replica, nothing.
    carols_on_a.assert_quiet(Duration::from_millis(500)).await;
    carols_on_b.assert_quiet(Duration::from_millis(100)).await;

    // Carol's own change does reach her, so her streams were listening all along.
    let carols = format!("/api/{}/tasks", carol.id);
    write(
        &client,
        &b,
        Method::POST,
        &carols,
        &carol,
        Some(json!({"title": "hers"})),
    )
    .await;
    let (name, data, _) = carols_on_a.next_event(Duration::from_secs(2)).await;
    assert_eq!((name.as_str(), &data["title"]), ("created", &json!("hers")));
    alices_on_b.assert_quiet(Duration::from_millis(300)).await;
}

#[actix_web::test]
async fn a_stream_needs_a_token_and_only_opens_on_the_callers_own_path() {
    let fixture = Fixture::new();
    let a = fixture.server(&[]).await;
    let client = crate::helpers::stream_client();
    let (alice, bob) = (fixture.user(1), fixture.user(2));

    let refusal = open_stream(&client, &a.url(""), &alice.id, None)
        .await
        .err()
        .expect("401");
    refusal.problem(401);
    assert_eq!(refusal.header("www-authenticate"), Some("Bearer"));

    let refusal = open_stream(&client, &a.url(""), &alice.id, Some("not-a-token"))
        .await
        .err()
        .expect("401");
    refusal.problem(401);

    let refusal = open_stream(&client, &a.url(""), &alice.id, Some(&bob.token))
        .await
        .err()
        .expect("403");
    refusal.problem(403);

    // Without the Accept header the same request is today's JSON list.
    let (status, body) = write(
        &client,
        &a,
        Method::GET,
        &format!("/api/{}/tasks", alice.id),
        &alice,
        None,
    )
    .await;
    assert_eq!((status, body), (200, json!([])));
}
