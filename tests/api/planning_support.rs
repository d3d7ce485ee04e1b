//! What the tests of version 1.1 share: requests by task, the fields a 422 names,
//! and "refused, and nothing changed".

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{Answer, TestApp, TestUser, task_path, tasks_path};

pub async fn get(app: &TestApp, user: &TestUser, task: &Value) -> Answer {
    app.call(Method::GET, &task_path(user, &task["id"]), user, None)
        .await
}

pub async fn put(app: &TestApp, user: &TestUser, task: &Value, body: Value) -> Answer {
    app.call(Method::PUT, &task_path(user, &task["id"]), user, Some(body))
        .await
}

/// `PATCH .../complete`, toggling without a body.
pub async fn complete(app: &TestApp, user: &TestUser, task: &Value, body: Option<Value>) -> Answer {
    let path = format!("{}/complete", task_path(user, &task["id"]));
    app.call(Method::PATCH, &path, user, body).await
}

pub async fn post(app: &TestApp, user: &TestUser, body: Value) -> Answer {
    app.call(Method::POST, &tasks_path(user), user, Some(body))
        .await
}

/// A PUT that must succeed, answering the task.
pub async fn put_ok(app: &TestApp, user: &TestUser, task: &Value, body: Value) -> Value {
    let answer = put(app, user, task, body.clone()).await;
    assert_eq!(answer.status, 200, "PUT {body}: {answer:?}");
    answer.body
}

/// The fields a 422 problem names, in order.
pub fn error_fields(answer: &Answer) -> Vec<String> {
    answer.problem(422)["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors in {answer:?}"))
        .iter()
        .map(|e| {
            assert!(e["message"].is_string(), "{e}");
            e["field"].as_str().expect("field").to_owned()
        })
        .collect()
}

/// Asserts a 422 problem whose `errors` name exactly `field`.
pub fn assert_422_on(answer: &Answer, field: &str, what: &str) {
    assert_eq!(error_fields(answer), [field], "{what}: {answer:?}");
}

/// A PUT that is refused with a 422 on `field`, leaving the task as it was.
pub async fn put_refused(app: &TestApp, user: &TestUser, task: &Value, body: Value, field: &str) {
    let answer = put(app, user, task, body.clone()).await;
    assert_422_on(&answer, field, &format!("PUT {body}"));
    let now = get(app, user, task).await;
    assert_eq!(&now.body, task, "PUT {body} left the task unchanged");
}

/// A POST that is refused with a 422 on `field`, creating nothing.
pub async fn post_refused(app: &TestApp, user: &TestUser, body: Value, field: &str) {
    let before = app
        .list(user, "")
        .await
        .header("x-total-count")
        .map(str::to_owned);
    let answer = post(app, user, body.clone()).await;
    assert_422_on(&answer, field, &format!("POST {body}"));
    let after = app.list(user, "").await;
    assert_eq!(
        after.header("x-total-count").map(str::to_owned),
        before,
        "POST {body}"
    );
}

/// A list request that must be a 422 naming `field`.
pub async fn list_refused(app: &TestApp, user: &TestUser, query: &str, field: &str) {
    let path = format!("{}?{query}", tasks_path(user));
    let answer = app.call(Method::GET, &path, user, None).await;
    assert_422_on(&answer, field, query);
}

pub fn ids(answer: &Answer) -> Vec<i64> {
    answer
        .body
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["id"].as_i64().expect("id"))
        .collect()
}

pub fn id(task: &Value) -> i64 {
    task["id"].as_i64().expect("id")
}

pub fn total(answer: &Answer) -> usize {
    answer
        .header("x-total-count")
        .expect("X-Total-Count")
        .parse()
        .expect("a count")
}
