//! `Idempotency-Key` on creates: a retry answers the original 201 and creates
//! nothing, another body under the key is refused, keys are per user, and
//! concurrent requests with one key on two replicas make one task.

use reqwest::Method;
use serde_json::{Value, json};

use crate::conditional::As;
use crate::helpers::{Answer, Fixture, TestApp, TestUser, spawn_app, tasks_path};

async fn create_with_key(app: &TestApp, user: &TestUser, key: &str, body: Value) -> Answer {
    let path = tasks_path(user);
    let headers = [("Idempotency-Key", key)];
    As { app, user }
        .send(Method::POST, &path, Some(body), &headers)
        .await
}

async fn count(app: &TestApp, user: &TestUser) -> String {
    app.list(user, "")
        .await
        .header("x-total-count")
        .expect("count")
        .to_owned()
}

#[actix_web::test]
async fn a_repeat_answers_the_original_201_and_creates_nothing() {
    let app = spawn_app().await;
    let alice = app.alice.clone();
    let body = json!({"title": "milk", "tags": ["errands"], "priority": "high"});
    let first = create_with_key(&app, &alice, "k-1", body.clone()).await;
    assert_eq!(first.status, 201);
    // The task changes afterwards: a retry still answers as the first request did.
    let path = first.header("location").expect("location").to_owned();
    As {
        app: &app,
        user: &alice,
    }
    .toggle(&path, &[])
    .await;
    // Same content, other member order and spacing: the same request.
    let reordered = r#"{ "priority": "high", "title": "milk", "tags": ["errands"] }"#;
    let again = app
        .client
        .post(format!("{}{}", app.address, tasks_path(&alice)))
        .bearer_auth(&alice.token)
        .header("Idempotency-Key", "k-1")
        .header("Content-Type", "application/json")
        .body(reordered)
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["location"], path.as_str());
    assert_eq!(again.headers()["etag"], first.header("etag").expect("etag"));
    let again: Value = serde_json::from_slice(&again.bytes().await.expect("body")).expect("json");
    assert_eq!(again, first.body);
    assert_eq!(count(&app, &alice).await, "1");
}

#[actix_web::test]
async fn a_key_reused_with_another_body_is_422_naming_the_key() {
    let app = spawn_app().await;
    let alice = app.alice.clone();
    assert_eq!(
        create_with_key(&app, &alice, "k", json!({"title": "a"}))
            .await
            .status,
        201
    );
    let other = create_with_key(&app, &alice, "k", json!({"title": "b"})).await;
    assert_eq!(other.status, 422);
    assert_eq!(other.body["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(count(&app, &alice).await, "1");
}

#[actix_web::test]
async fn keys_are_per_user() {
    let app = spawn_app().await;
    let (alice, bob) = (app.alice.clone(), app.bob.clone());
    let a = create_with_key(&app, &alice, "shared", json!({"title": "a"})).await;
    let b = create_with_key(&app, &bob, "shared", json!({"title": "a"})).await;
    assert_eq!((a.status, b.status), (201, 201));
    assert_ne!(a.body["id"], b.body["id"]);
    assert_eq!(b.body["user_id"], bob.id.as_str());
    assert_eq!(count(&app, &bob).await, "1");
}

#[actix_web::test]
async fn a_malformed_key_is_a_bad_request_and_an_invalid_body_keeps_the_key_free() {
    let app = spawn_app().await;
    let alice = app.alice.clone();
    for bad in ["has space", &"k".repeat(256)] {
        let answer = create_with_key(&app, &alice, bad, json!({"title": "a"})).await;
        assert_eq!(answer.status, 400, "{bad}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/problem+json")
        );
    }
    let invalid = create_with_key(&app, &alice, "k", json!({"title": ""})).await;
    assert_eq!(invalid.status, 422);
    let fixed = create_with_key(&app, &alice, "k", json!({"title": "a"})).await;
    assert_eq!(fixed.status, 201, "a refused request did not take the key");
    assert_eq!(count(&app, &alice).await, "1");
}

#[actix_web::test]
async fn twenty_concurrent_requests_on_two_replicas_make_one_task() {
    let fixture = Fixture::new();
    let (a, b) = tokio::join!(fixture.server(&[]), fixture.server(&[]));
    let user = fixture.user(1);
    let client = reqwest::Client::new();
    let body = json!({"title": "once", "due_date": "2026-12-24"});
    let requests = (0..20).map(|i| {
        let url = if i % 2 == 0 {
            a.url(&tasks_path(&user))
        } else {
            b.url(&tasks_path(&user))
        };
        let request = client
            .post(url)
            .bearer_auth(&user.token)
            .header("Idempotency-Key", "retry-storm")
            .header("content-type", "application/json")
            .body(body.to_string());
        async move {
            let answer = request.send().await.expect("answer");
            let status = answer.status().as_u16();
            let location = answer.headers()["location"]
                .to_str()
                .expect("ascii")
                .to_owned();
            let body: Value =
                serde_json::from_slice(&answer.bytes().await.expect("body")).expect("json");
            (status, location, body)
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    assert!(
        answers.iter().all(|x| *x == answers[0]),
        "20 identical answers: {answers:?}"
    );
    assert_eq!(answers[0].0, 201);
    let list = client
        .get(a.url(&tasks_path(&user)))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("list");
    assert_eq!(list.headers()["x-total-count"], "1", "one task");
}
