//! The fields since 1.1 on create, get, put and list: priority and tags (the dues
//! are in planning_due.rs), and a create naming every broken field.

use serde_json::{Value, json};

use crate::helpers::spawn_app;
use crate::planning_support::{error_fields, get, post, post_refused, put_ok, put_refused};

#[actix_web::test]
async fn priority_defaults_to_none_is_kept_and_put_changes_it() {
    let app = spawn_app().await;
    let plain = app.create_task(&app.alice, json!({"title": "plain"})).await;
    assert_eq!(plain["priority"], "none");
    let task = app
        .create_task(&app.alice, json!({"title": "t", "priority": "high"}))
        .await;
    assert_eq!(task["priority"], "high");
    assert_eq!(get(&app, &app.alice, &task).await.body, task);
    let listed = app.list(&app.alice, "?sort=created&order=asc").await;
    assert_eq!(listed.body, json!([plain, task]));
    for priority in ["low", "medium", "none", "high"] {
        let changed = put_ok(&app, &app.alice, &task, json!({"priority": priority})).await;
        assert_eq!(changed["priority"], priority);
        assert_eq!(changed["title"], "t");
        assert_eq!(get(&app, &app.alice, &task).await.body, changed);
    }
}

#[actix_web::test]
async fn an_unknown_priority_is_422_on_priority_and_changes_nothing() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "priority": "low"}))
        .await;
    for bad in [json!("urgent"), json!("High"), json!(""), json!(3)] {
        put_refused(
            &app,
            &app.alice,
            &task,
            json!({"priority": bad}),
            "priority",
        )
        .await;
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "priority": bad}),
            "priority",
        )
        .await;
    }
}

#[actix_web::test]
async fn tags_are_trimmed_merged_ignoring_case_and_sorted() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "tags": ["  Home ", "errands", "home", "Errands", "zeta", "Alpha", "HOME"]}),
        )
        .await;
    assert_eq!(task["tags"], json!(["Alpha", "errands", "Home", "zeta"]));
    assert_eq!(get(&app, &app.alice, &task).await.body, task);
    assert_eq!(app.list(&app.alice, "").await.body, json!([task]));
    let retagged = put_ok(
        &app,
        &app.alice,
        &task,
        json!({"tags": ["b", "A", "a", " c"]}),
    )
    .await;
    assert_eq!(retagged["tags"], json!(["A", "b", "c"]));
    let renamed = put_ok(&app, &app.alice, &task, json!({"title": "u"})).await;
    assert_eq!(
        renamed["tags"],
        json!(["A", "b", "c"]),
        "a PUT without tags keeps them"
    );
    let cleared = put_ok(&app, &app.alice, &task, json!({"tags": []})).await;
    assert_eq!(cleared["tags"], json!([]));
    assert_eq!(get(&app, &app.alice, &task).await.body["tags"], json!([]));
    let plain = app.create_task(&app.alice, json!({"title": "plain"})).await;
    assert_eq!(plain["tags"], json!([]));
}

#[actix_web::test]
async fn tags_at_the_limits_are_accepted() {
    let app = spawn_app().await;
    let longest = "x".repeat(32);
    let wide = "é".repeat(32);
    let ten: Vec<String> = (0..10).map(|i| format!("t{i}")).collect();
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "tags": [format!("  {longest}  "), wide]}),
        )
        .await;
    assert_eq!(task["tags"], json!([longest, wide]));
    let full = put_ok(&app, &app.alice, &task, json!({"tags": ten})).await;
    assert_eq!(full["tags"], json!(ten));
}

#[actix_web::test]
async fn bad_tags_are_422_on_tags_and_change_nothing() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "tags": ["keep"]}))
        .await;
    let eleven: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    let bad: [Value; 12] = [
        json!(["a,b"]),
        json!([","]),
        json!(["bell\u{7}"]),
        json!(["line\nbreak"]),
        json!(["del\u{7f}"]),
        json!(["x".repeat(33)]),
        json!([""]),
        json!(["   "]),
        json!(eleven),
        json!(null),
        json!("home"),
        json!(["ok", 5]),
    ];
    for tags in bad {
        put_refused(&app, &app.alice, &task, json!({"tags": tags}), "tags").await;
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "tags": tags}),
            "tags",
        )
        .await;
    }
    put_refused(&app, &app.alice, &task, json!({"tags": {"a": 1}}), "tags").await;
}

#[actix_web::test]
async fn every_broken_field_of_a_create_is_named() {
    let app = spawn_app().await;
    let answer = post(
        &app,
        &app.alice,
        json!({"title": "t", "priority": "urgent", "tags": null, "due_date": "soon", "remind_at": "later"}),
    )
    .await;
    let mut fields = error_fields(&answer);
    fields.sort();
    assert_eq!(fields, ["due_date", "priority", "remind_at", "tags"]);
    assert_eq!(
        app.list(&app.alice, "").await.header("x-total-count"),
        Some("0")
    );
}
