//! Every status of the contract's error table, as problem+json, and nothing lost.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, task_path, tasks_path};

#[actix_web::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let body = Some(("application/json", b"{\"title\": ".to_vec()));
    let answer = app
        .send(
            Method::POST,
            &tasks_path(&app.alice),
            Some(&app.alice.token),
            body,
        )
        .await;
    answer.problem(400);
    let empty = app
        .send(
            Method::POST,
            &tasks_path(&app.alice),
            Some(&app.alice.token),
            Some(("application/json", vec![])),
        )
        .await;
    empty.problem(400);
}

#[actix_web::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
        let body = Some((content_type, b"{\"title\":\"t\"}".to_vec()));
        let answer = app
            .send(
                Method::POST,
                &tasks_path(&app.alice),
                Some(&app.alice.token),
                body,
            )
            .await;
        answer.problem(415);
    }
    assert_eq!(
        app.list(&app.alice, "").await.header("x-total-count"),
        Some("0")
    );
}

#[actix_web::test]
async fn a_body_over_64_kib_is_413() {
    let app = spawn_app().await;
    let big = json!({"title": "t", "padding": "x".repeat(70 * 1024)});
    let answer = app
        .call(Method::POST, &tasks_path(&app.alice), &app.alice, Some(big))
        .await;
    answer.problem(413);
}

#[actix_web::test]
async fn broken_rules_are_422_listing_every_field() {
    let app = spawn_app().await;
    let answer = app
        .call(Method::POST, &tasks_path(&app.alice), &app.alice,
            Some(json!({"title": "x".repeat(201), "description": "d".repeat(1001), "completed": "yes"})))
        .await;
    let problem = answer.problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["title", "description", "completed"]);
    assert_eq!(
        problem["errors"][0]["message"],
        "must be 1 to 200 characters"
    );
    for body in [
        json!({}),
        json!({"title": "   "}),
        json!({"title": null}),
        json!([1, 2]),
    ] {
        app.call(
            Method::POST,
            &tasks_path(&app.alice),
            &app.alice,
            Some(body),
        )
        .await
        .problem(422);
    }
    assert_eq!(
        app.list(&app.alice, "").await.header("x-total-count"),
        Some("0")
    );
}

#[actix_web::test]
async fn put_without_any_field_is_422_and_changes_nothing() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let path = task_path(&app.alice, &task["id"]);
    for body in [
        json!({}),
        json!({"id": 5}),
        json!({"title": ""}),
        json!({"completed": null}),
    ] {
        app.call(Method::PUT, &path, &app.alice, Some(body))
            .await
            .problem(422);
    }
    let same = app.call(Method::GET, &path, &app.alice, None).await;
    assert_eq!(same.body, task);
}

#[actix_web::test]
async fn a_non_boolean_completion_is_422() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let path = format!("{}/complete", task_path(&app.alice, &task["id"]));
    app.call(
        Method::PATCH,
        &path,
        &app.alice,
        Some(json!({"completed": "true"})),
    )
    .await
    .problem(422);
}

#[actix_web::test]
async fn unknown_routes_and_non_integer_ids_are_404() {
    let app = spawn_app().await;
    app.get_raw("/nowhere").await.problem(404);
    app.call(Method::GET, "/api/tasks", &app.alice, None)
        .await
        .problem(404);
    for id in [
        "abc",
        "1.5",
        "-3",
        "0",
        "99999999999999999999",
        "9223372036854775807",
    ] {
        let path = format!("{}/{id}", tasks_path(&app.alice));
        app.call(Method::GET, &path, &app.alice, None)
            .await
            .problem(404);
        app.call(Method::DELETE, &path, &app.alice, None)
            .await
            .problem(404);
    }
}
