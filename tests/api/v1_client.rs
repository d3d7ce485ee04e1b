//! A client that knows only version 1: the same requests get the same statuses,
//! headers and v1 fields, each Task has the 1.1 fields at their defaults (and the
//! 1.2 `version`), and a v1 request never disturbs the planning fields set by a
//! newer client.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, task_path, tasks_path, titles};
use crate::planning_support::{complete, get, put, put_ok, total};

const V1_FIELDS: [&str; 7] = [
    "id",
    "user_id",
    "title",
    "description",
    "completed",
    "created_at",
    "updated_at",
];

/// Asserts the Task has exactly the v1 fields, the 1.1 ones at their defaults, and
/// the 1.2 `version`.
fn assert_defaults(task: &Value) {
    let keys: BTreeSet<&str> = task
        .as_object()
        .expect("a Task")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: BTreeSet<&str> = V1_FIELDS.into_iter().collect();
    expected.extend([
        "priority",
        "tags",
        "due_at",
        "due_date",
        "recurrence",
        "remind_at",
        "version",
    ]);
    assert_eq!(keys, expected, "{task}");
    assert!(task["version"].as_i64().is_some_and(|v| v >= 1), "{task}");
    assert_eq!(task["priority"], "none");
    assert_eq!(task["tags"], json!([]));
    for field in ["due_at", "due_date", "recurrence", "remind_at"] {
        assert!(task[field].is_null(), "{field} in {task}");
    }
}

#[actix_web::test]
async fn a_v1_create_get_and_list_answer_as_before_with_defaults() {
    let app = spawn_app().await;
    let answer = app
        .call(
            Method::POST,
            &tasks_path(&app.alice),
            &app.alice,
            Some(json!({"title": " Buy milk ", "description": "2 litres", "completed": false})),
        )
        .await;
    assert_eq!(answer.status, 201, "{answer:?}");
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.header("x-next-task-id"), None);
    let task = answer.body.clone();
    assert_eq!(
        answer.header("location"),
        Some(format!("/api/{}/tasks/{}", app.alice.id, task["id"]).as_str())
    );
    assert_eq!(
        (&task["title"], &task["description"], &task["completed"]),
        (&json!("Buy milk"), &json!("2 litres"), &json!(false))
    );
    assert_eq!(task["created_at"], task["updated_at"]);
    assert_defaults(&task);
    let got = get(&app, &app.alice, &task).await;
    assert_eq!((got.status, &got.body), (200, &task));
    let listed = app.list(&app.alice, "").await;
    assert_eq!(listed.body, json!([task]));
    assert_eq!(listed.header("x-total-count"), Some("1"));
    let done = app
        .create_task(&app.alice, json!({"title": "done", "completed": true}))
        .await;
    assert_eq!(done["completed"], true);
    assert_defaults(&done);
}

#[actix_web::test]
async fn v1_put_patch_and_delete_answer_as_before() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "description": "d"}))
        .await;
    let renamed = put(
        &app,
        &app.alice,
        &task,
        json!({"title": "u", "description": null}),
    )
    .await;
    assert_eq!(renamed.status, 200);
    assert_eq!(renamed.header("x-next-task-id"), None);
    assert_eq!(
        (&renamed.body["title"], &renamed.body["description"]),
        (&json!("u"), &Value::Null)
    );
    assert_defaults(&renamed.body);
    for (body, completed) in [
        (None, true),
        (None, false),
        (Some(json!({"completed": true})), true),
    ] {
        let answer = complete(&app, &app.alice, &task, body).await;
        assert_eq!(
            (answer.status, &answer.body["completed"]),
            (200, &json!(completed))
        );
        assert_eq!(answer.header("x-next-task-id"), None);
        assert_defaults(&answer.body);
    }
    put(&app, &app.alice, &task, json!({})).await.problem(422);
    let path = task_path(&app.alice, &task["id"]);
    let deleted = app.call(Method::DELETE, &path, &app.alice, None).await;
    assert_eq!((deleted.status, &deleted.body), (204, &Value::Null));
    get(&app, &app.alice, &task).await.problem(404);
}

#[actix_web::test]
async fn a_v1_put_or_completion_leaves_planning_fields_alone() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "priority": "high", "tags": ["Home"], "due_at": "2026-12-04T10:00:00Z",
                "remind_at": "2026-12-04T09:00:00Z"}),
        )
        .await;
    let planning = |t: &Value| {
        [
            "priority",
            "tags",
            "due_at",
            "due_date",
            "recurrence",
            "remind_at",
        ]
        .map(|f| t[f].clone())
    };
    for body in [
        json!({"title": "renamed"}),
        json!({"description": "now described"}),
        json!({"description": null}),
        json!({"completed": true}),
        json!({"title": "again", "completed": false, "colour": "red"}),
    ] {
        let changed = put_ok(&app, &app.alice, &task, body.clone()).await;
        assert_eq!(planning(&changed), planning(&task), "PUT {body}");
    }
    let toggled = complete(&app, &app.alice, &task, None).await;
    assert_eq!(planning(&toggled.body), planning(&task));
    assert_eq!(
        planning(&get(&app, &app.alice, &task).await.body),
        planning(&task)
    );
}

#[actix_web::test]
async fn v1_list_parameters_answer_as_before() {
    let app = spawn_app().await;
    for (title, description) in [
        ("banana", "yellow"),
        ("Apple", "Red fruit"),
        ("cherry", "red too"),
    ] {
        app.create_task(
            &app.alice,
            json!({"title": title, "description": description}),
        )
        .await;
    }
    let cherry = app.list(&app.alice, "?q=cherry").await.body[0].clone();
    complete(&app, &app.alice, &cherry, None).await;
    for (query, expected) in [
        ("", vec!["cherry", "Apple", "banana"]),
        ("?sort=title", vec!["Apple", "banana", "cherry"]),
        ("?sort=title&order=desc", vec!["cherry", "banana", "Apple"]),
        ("?sort=created&order=asc", vec!["banana", "Apple", "cherry"]),
        ("?status=pending&sort=title", vec!["Apple", "banana"]),
        ("?status=completed", vec!["cherry"]),
        ("?q=RED&sort=title", vec!["Apple", "cherry"]),
        ("?sort=title&limit=1&offset=1", vec!["banana"]),
    ] {
        let answer = app.list(&app.alice, query).await;
        assert_eq!(titles(&answer), expected, "{query}");
        for task in answer.body.as_array().expect("array") {
            assert_eq!(task["priority"], "none");
        }
    }
    assert_eq!(
        total(&app.list(&app.alice, "?sort=title&limit=1&offset=1").await),
        3
    );
    assert_eq!(total(&app.list(&app.alice, "?status=pending").await), 2);
}

#[actix_web::test]
async fn unknown_and_repeated_parameters_are_treated_as_in_v1() {
    let app = spawn_app().await;
    for title in ["b", "a", "c"] {
        app.create_task(&app.alice, json!({"title": title})).await;
    }
    let plain = titles(&app.list(&app.alice, "").await);
    for query in [
        "?colour=red",
        "?foo=&bar",
        "?page=2&per_page=1",
        "?Sort=title&STATUS=bogus",
        "?due=tomorrow&tags=x",
    ] {
        let answer = app.list(&app.alice, query).await;
        assert_eq!(titles(&answer), plain, "{query} is ignored");
        assert_eq!(answer.header("x-total-count"), Some("3"));
    }
    // A repeated v1 parameter counts once, its last value.
    assert_eq!(
        titles(&app.list(&app.alice, "?sort=created&sort=title").await),
        ["a", "b", "c"]
    );
    assert_eq!(
        titles(
            &app.list(&app.alice, "?sort=title&order=asc&order=desc")
                .await
        ),
        ["c", "b", "a"]
    );
    assert_eq!(total(&app.list(&app.alice, "?limit=1&limit=2").await), 3);
    assert_eq!(
        app.list(&app.alice, "?limit=1&limit=2")
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}
