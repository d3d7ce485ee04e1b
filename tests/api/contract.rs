//! The six endpoints doing what the contract says.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, task_path, tasks_path};

#[actix_web::test]
async fn creating_a_task_answers_201_with_its_location_and_body() {
    let app = spawn_app().await;
    let answer = app
        .call(
            Method::POST,
            &tasks_path(&app.alice),
            &app.alice,
            Some(json!({"title": "  Buy milk ", "description": "2 litres"})),
        )
        .await;
    assert_eq!(answer.status, 201, "{answer:?}");
    let task = &answer.body;
    let id = task["id"].as_i64().expect("integer id");
    assert_eq!(
        answer.header("location"),
        Some(format!("/api/{}/tasks/{id}", app.alice.id).as_str())
    );
    assert_eq!(task["user_id"], app.alice.id.as_str());
    assert_eq!(task["title"], "Buy milk");
    assert_eq!(task["description"], "2 litres");
    assert_eq!(task["completed"], false);
    assert_eq!(task["created_at"], task["updated_at"]);
    let got = app
        .call(
            Method::GET,
            &task_path(&app.alice, &task["id"]),
            &app.alice,
            None,
        )
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(&got.body, task);
}

#[actix_web::test]
async fn times_are_rfc3339_utc_with_microseconds() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let created = task["created_at"].as_str().expect("string");
    // 2026-11-22T09:15:02.123456Z
    assert_eq!(created.len(), 27, "{created}");
    assert!(
        created.ends_with('Z') && created.as_bytes()[19] == b'.',
        "{created}"
    );
    chrono::DateTime::parse_from_rfc3339(created).expect("RFC 3339");
}

#[actix_web::test]
async fn put_sets_the_fields_it_names_and_null_clears_the_description() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "Old", "description": "keep"}))
        .await;
    let path = task_path(&app.alice, &task["id"]);
    let renamed = app
        .call(
            Method::PUT,
            &path,
            &app.alice,
            Some(json!({"title": "New"})),
        )
        .await;
    assert_eq!(renamed.status, 200, "{renamed:?}");
    assert_eq!(renamed.body["title"], "New");
    assert_eq!(renamed.body["description"], "keep");
    assert_eq!(renamed.body["completed"], false);
    let cleared = app
        .call(
            Method::PUT,
            &path,
            &app.alice,
            Some(json!({"description": null, "completed": true})),
        )
        .await;
    assert_eq!(cleared.body["description"], serde_json::Value::Null);
    assert_eq!(cleared.body["completed"], true);
    assert_eq!(cleared.body["title"], "New");
}

#[actix_web::test]
async fn every_change_bumps_updated_at_and_never_created_at() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let path = task_path(&app.alice, &task["id"]);
    let mut last = task["updated_at"].as_str().expect("time").to_owned();
    for (method, suffix, body) in [
        (Method::PUT, "", Some(json!({"title": "u"}))),
        (Method::PATCH, "/complete", None),
        (
            Method::PATCH,
            "/complete",
            Some(json!({"completed": false})),
        ),
    ] {
        let answer = app
            .call(method, &format!("{path}{suffix}"), &app.alice, body)
            .await;
        assert_eq!(answer.status, 200, "{answer:?}");
        let updated = answer.body["updated_at"].as_str().expect("time").to_owned();
        assert!(updated > last, "{updated} after {last}");
        assert_eq!(answer.body["created_at"], task["created_at"]);
        last = updated;
    }
}

#[actix_web::test]
async fn patch_complete_toggles_without_a_body_and_sets_with_one() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let path = format!("{}/complete", task_path(&app.alice, &task["id"]));
    let toggled = app.call(Method::PATCH, &path, &app.alice, None).await;
    assert_eq!(toggled.body["completed"], true);
    let toggled = app.call(Method::PATCH, &path, &app.alice, None).await;
    assert_eq!(toggled.body["completed"], false);
    for _ in 0..2 {
        let set = app
            .call(
                Method::PATCH,
                &path,
                &app.alice,
                Some(json!({"completed": true})),
            )
            .await;
        assert_eq!(set.status, 200);
        assert_eq!(set.body["completed"], true);
    }
}

#[actix_web::test]
async fn delete_answers_204_and_then_the_task_is_gone() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "t"})).await;
    let path = task_path(&app.alice, &task["id"]);
    let deleted = app.call(Method::DELETE, &path, &app.alice, None).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.body, serde_json::Value::Null);
    app.call(Method::GET, &path, &app.alice, None)
        .await
        .problem(404);
    app.call(Method::DELETE, &path, &app.alice, None)
        .await
        .problem(404);
}

#[actix_web::test]
async fn server_owned_and_unknown_fields_in_bodies_are_ignored() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({
                "title": "t", "id": 999_999, "user_id": app.bob.id, "completed": true,
                "created_at": "2000-01-01T00:00:00Z", "colour": "red"
            }),
        )
        .await;
    assert_ne!(task["id"], 999_999);
    assert_eq!(task["user_id"], app.alice.id.as_str());
    assert_eq!(task["completed"], true);
    assert!(task["created_at"].as_str().expect("time") > "2026");
    assert!(task.get("colour").is_none());
    let path = task_path(&app.alice, &task["id"]);
    let updated = app
        .call(
            Method::PUT,
            &path,
            &app.alice,
            Some(json!({"title": "u", "id": 1, "user_id": app.bob.id})),
        )
        .await;
    assert_eq!(updated.body["id"], task["id"]);
    assert_eq!(updated.body["user_id"], app.alice.id.as_str());
}

#[actix_web::test]
async fn a_new_user_has_an_empty_list() {
    let app = spawn_app().await;
    let answer = app.list(&app.alice, "").await;
    assert_eq!(answer.body, json!([]));
    assert_eq!(answer.header("x-total-count"), Some("0"));
}
