//! A known path with a method it does not support: 405, problem+json, and an `Allow`
//! header that lists exactly the operations the OpenAPI document gives that path.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app, tasks_path};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fn allowed(answer: &crate::helpers::Answer) -> BTreeSet<String> {
    answer
        .header("allow")
        .unwrap_or_else(|| panic!("no Allow header: {answer:?}"))
        .split(',')
        .map(|m| m.trim().to_owned())
        .collect()
}

/// Every wrong method on `path` is a 405 whose `Allow` is `expected`.
async fn assert_only(app: &TestApp, path: &str, expected: &[&str]) {
    let expected: BTreeSet<String> = expected.iter().map(|m| (*m).to_owned()).collect();
    for method in METHODS.iter().filter(|m| !expected.contains(**m)) {
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let answer = app
            .send(method.clone(), path, Some(&app.alice.token), None)
            .await;
        answer.problem(405);
        assert_eq!(allowed(&answer), expected, "{method} {path}");
    }
}

#[actix_web::test]
async fn task_routes_allow_exactly_their_own_methods() {
    let app = spawn_app().await;
    let tasks = tasks_path(&app.alice);
    assert_only(&app, &tasks, &["GET", "POST"]).await;
    assert_only(&app, &format!("{tasks}/1"), &["GET", "PUT", "DELETE"]).await;
    assert_only(&app, &format!("{tasks}/1/complete"), &["PATCH"]).await;
}

#[actix_web::test]
async fn service_routes_answer_a_wrong_method_with_405() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz", "/openapi.json", "/docs", "/docs/"] {
        assert_only(&app, path, &["GET"]).await;
    }
    assert_eq!(app.get_raw("/docs/").await.status, 200);
}

#[actix_web::test]
async fn allow_agrees_with_the_openapi_document() {
    let app = spawn_app().await;
    let document = app.get_raw("/openapi.json").await.body;
    let paths = document["paths"].as_object().expect("paths");
    assert!(paths.len() >= 5, "{paths:?}");
    let task = app
        .create_task(&app.alice, json!({"title": "for the path"}))
        .await;
    for (template, operations) in paths {
        let documented: Vec<String> = operations
            .as_object()
            .expect("operations")
            .keys()
            .map(|m| m.to_uppercase())
            .filter(|m| METHODS.contains(&m.as_str()))
            .collect();
        let path = template
            .replace("{user_id}", &app.alice.id)
            .replace("{id}", &task["id"].to_string());
        let documented: Vec<&str> = documented.iter().map(String::as_str).collect();
        assert_only(&app, &path, &documented).await;
    }
}
