//! ETags and conditional requests: every answer holding a task names its version;
//! `If-None-Match` saves a download, and `If-Match` makes a write land only on the
//! version the client saw, checked in the write itself.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Answer, TestApp, TestUser, spawn_app, task_path};

/// Requests as one user, with extra headers.
pub(crate) struct As<'a> {
    pub app: &'a TestApp,
    pub user: &'a TestUser,
}

impl As<'_> {
    pub(crate) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = self
            .app
            .client
            .request(method, format!("{}{path}", self.app.address))
            .bearer_auth(&self.user.token);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        Answer {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(Method::GET, path, None, headers).await
    }

    async fn put(&self, path: &str, body: Value, headers: &[(&str, &str)]) -> Answer {
        self.send(Method::PUT, path, Some(body), headers).await
    }

    pub(crate) async fn toggle(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        let complete = format!("{path}/complete");
        self.send(Method::PATCH, &complete, None, headers).await
    }

    async fn delete(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(Method::DELETE, path, None, headers).await
    }
}

const AT_1: [(&str, &str); 1] = [("If-Match", "\"1\"")];

/// Alice, and the path of a task of hers at version 1.
async fn alice_with_a_task(app: &TestApp) -> (As<'_>, String) {
    let task = app.create_task(&app.alice, json!({"title": "a"})).await;
    let alice = As {
        app,
        user: &app.alice,
    };
    (alice, task_path(&app.alice, &task["id"]))
}

#[actix_web::test]
async fn every_answer_holding_a_task_carries_its_version_as_etag() {
    let app = spawn_app().await;
    let alice = As {
        app: &app,
        user: &app.alice,
    };
    let path = format!("/api/{}/tasks", app.alice.id);
    let created = alice
        .send(Method::POST, &path, Some(json!({"title": "a"})), &[])
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.body["version"], 1);
    assert_eq!(created.header("etag"), Some("\"1\""));
    let path = task_path(&app.alice, &created.body["id"]);
    assert_eq!(alice.get(&path, &[]).await.header("etag"), Some("\"1\""));
    let toggled = alice.toggle(&path, &[]).await;
    assert_eq!(toggled.body["version"], 2);
    assert_eq!(toggled.header("etag"), Some("\"2\""));
    let put = alice.put(&path, json!({"title": "b"}), &[]).await;
    assert_eq!(put.body["version"], 3);
    assert_eq!(put.header("etag"), Some("\"3\""));
}

#[actix_web::test]
async fn if_none_match_answers_304_while_the_task_is_unchanged() {
    let app = spawn_app().await;
    let (alice, path) = alice_with_a_task(&app).await;
    for held in ["\"1\"", "W/\"1\"", "\"7\", \"1\"", "*"] {
        let answer = alice.get(&path, &[("If-None-Match", held)]).await;
        assert_eq!(answer.status, 304, "{held}");
        assert_eq!(answer.header("etag"), Some("\"1\""));
        assert_eq!(answer.body, Value::Null, "no body");
    }
    alice.toggle(&path, &[]).await;
    let answer = alice.get(&path, &[("If-None-Match", "\"1\"")]).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["completed"], true);
    assert_eq!(answer.header("etag"), Some("\"2\""));
}

#[actix_web::test]
async fn a_write_for_a_version_the_task_is_no_longer_at_is_412_and_changes_nothing() {
    let app = spawn_app().await;
    let (alice, path) = alice_with_a_task(&app).await;
    // Another tab changes it first: version 2.
    let other = alice.put(&path, json!({"title": "theirs"}), &AT_1).await;
    assert_eq!(other.status, 200);
    let current = other.body;

    for answer in [
        alice.put(&path, json!({"title": "mine"}), &AT_1).await,
        alice.toggle(&path, &AT_1).await,
        alice.delete(&path, &AT_1).await,
    ] {
        assert_eq!(answer.status, 412, "{answer:?}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(answer.body["status"], 412);
        assert_eq!(answer.body["task"], current, "the task as it is now");
        assert_eq!(answer.header("etag"), Some("\"2\""));
    }
    assert_eq!(alice.get(&path, &[]).await.body, current, "nothing changed");

    // At the current version, with `*`, or in a list, each write lands.
    let done = alice.toggle(&path, &[("If-Match", "\"2\"")]).await;
    assert_eq!((done.status, &done.body["completed"]), (200, &json!(true)));
    let any = alice
        .put(&path, json!({"title": "any"}), &[("If-Match", "*")])
        .await;
    assert_eq!(any.status, 200);
    let listed = alice.delete(&path, &[("If-Match", "\"1\", \"4\"")]).await;
    assert_eq!(listed.status, 204);
}

#[actix_web::test]
async fn a_missing_or_foreign_task_is_404_or_403_whatever_if_match_says() {
    let app = spawn_app().await;
    let bob = As {
        app: &app,
        user: &app.bob,
    };
    let task = app
        .create_task(&app.alice, json!({"title": "alice's"}))
        .await;
    let as_bob = task_path(&app.bob, &task["id"]);
    let answer = bob.delete(&as_bob, &AT_1).await;
    assert_eq!(answer.status, 404);
    assert!(
        answer.body.get("task").is_none(),
        "nothing of alice's task leaks"
    );
    let answer = bob
        .put(&as_bob, json!({"title": "x"}), &[("If-Match", "\"9\"")])
        .await;
    assert_eq!(answer.status, 404);
    let alices_path = task_path(&app.alice, &task["id"]);
    assert_eq!(bob.delete(&alices_path, &AT_1).await.status, 403);

    let alice = As {
        app: &app,
        user: &app.alice,
    };
    let missing = task_path(&app.alice, &json!(999_999));
    assert_eq!(alice.toggle(&missing, &AT_1).await.status, 404);
    let now = alice.get(&alices_path, &[]).await;
    assert_eq!(now.body["version"], 1, "alice's task is untouched");
}

#[actix_web::test]
async fn a_malformed_condition_is_a_bad_request_and_changes_nothing() {
    let app = spawn_app().await;
    let (alice, path) = alice_with_a_task(&app).await;
    for answer in [
        alice.delete(&path, &[("If-Match", "1")]).await,
        alice.toggle(&path, &[("If-Match", "\"1\",")]).await,
        alice.get(&path, &[("If-None-Match", "W/1")]).await,
    ] {
        assert_eq!(answer.status, 400, "{answer:?}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/problem+json")
        );
    }
    assert_eq!(
        alice.get(&path, &[]).await.body["version"],
        1,
        "nothing changed"
    );
}
