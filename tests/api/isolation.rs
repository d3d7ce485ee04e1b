//! The isolation matrix: alice against bob on every endpoint.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app, task_path, tasks_path};

async fn snapshot(app: &TestApp, user: &TestUser) -> Value {
    app.list(user, "?sort=created&order=asc").await.body
}

#[actix_web::test]
async fn alice_is_forbidden_on_bobs_path_for_all_six_endpoints() {
    let app = spawn_app().await;
    let bobs = app
        .create_task(
            &app.bob,
            json!({"title": "bob's", "description": "private"}),
        )
        .await;
    let before = snapshot(&app, &app.bob).await;
    let tasks = tasks_path(&app.bob);
    let task = task_path(&app.bob, &bobs["id"]);
    let attempts: [(Method, String, Option<Value>); 7] = [
        (Method::GET, tasks.clone(), None),
        (
            Method::POST,
            tasks.clone(),
            Some(json!({"title": "planted"})),
        ),
        (Method::GET, task.clone(), None),
        (Method::PUT, task.clone(), Some(json!({"title": "pwned"}))),
        (Method::DELETE, task.clone(), None),
        (Method::PATCH, format!("{task}/complete"), None),
        (
            Method::PATCH,
            format!("{task}/complete"),
            Some(json!({"completed": true})),
        ),
    ];
    for (method, path, body) in attempts {
        let answer = app.call(method.clone(), &path, &app.alice, body).await;
        let problem = answer.problem(403);
        assert!(!problem.to_string().contains("private"), "{method} {path}");
    }
    assert_eq!(
        snapshot(&app, &app.bob).await,
        before,
        "bob's data is unchanged"
    );
}

#[actix_web::test]
async fn bobs_task_ids_are_not_found_under_alices_path() {
    let app = spawn_app().await;
    let bobs = app.create_task(&app.bob, json!({"title": "bob's"})).await;
    let before = snapshot(&app, &app.bob).await;
    let foreign = task_path(&app.alice, &bobs["id"]);
    let missing = task_path(&app.alice, &json!(999_999_999));
    let attempts: [(Method, &str, Option<Value>); 5] = [
        (Method::GET, "", None),
        (
            Method::PUT,
            "",
            Some(json!({"title": "pwned", "completed": true})),
        ),
        (Method::DELETE, "", None),
        (Method::PATCH, "/complete", None),
        (Method::PATCH, "/complete", Some(json!({"completed": true}))),
    ];
    for (method, suffix, body) in attempts {
        let answer = app
            .call(
                method.clone(),
                &format!("{foreign}{suffix}"),
                &app.alice,
                body.clone(),
            )
            .await;
        answer.problem(404);
        // Exactly what a task that never existed looks like.
        let never = app
            .call(method, &format!("{missing}{suffix}"), &app.alice, body)
            .await;
        assert_eq!(answer.body, never.body);
    }
    assert_eq!(
        snapshot(&app, &app.bob).await,
        before,
        "bob's data is unchanged"
    );
}

#[actix_web::test]
async fn each_user_lists_and_searches_only_their_own_tasks() {
    let app = spawn_app().await;
    app.create_task(&app.alice, json!({"title": "alice shopping"}))
        .await;
    app.create_task(&app.bob, json!({"title": "bob shopping"}))
        .await;
    for user in [&app.alice, &app.bob] {
        let answer = app.list(user, "?q=shopping").await;
        assert_eq!(answer.header("x-total-count"), Some("1"));
        assert_eq!(answer.body[0]["user_id"], user.id.as_str());
    }
}

#[actix_web::test]
async fn a_user_id_in_the_body_cannot_create_for_someone_else() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "mine", "user_id": app.bob.id}))
        .await;
    assert_eq!(task["user_id"], app.alice.id.as_str());
    assert_eq!(app.list(&app.bob, "").await.body, json!([]));
}

#[actix_web::test]
async fn the_path_user_is_checked_before_the_body_is_read() {
    let app = spawn_app().await;
    let body = Some(("text/plain", b"not json".to_vec()));
    let answer = app
        .send(
            Method::POST,
            &tasks_path(&app.bob),
            Some(&app.alice.token),
            body,
        )
        .await;
    answer.problem(403);
}
