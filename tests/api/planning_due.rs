//! The two kinds of due since 1.1 on create, get and put: `due_at` (an instant) and
//! `due_date` (a date), one clearing the other.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, tasks_path};
use crate::planning_support::{get, post, post_refused, put_ok, put_refused};

#[actix_web::test]
async fn due_at_takes_any_offset_and_answers_utc_with_microseconds() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_at": "2026-12-04T18:00:00+01:00"}),
        )
        .await;
    assert_eq!(task["due_at"], "2026-12-04T17:00:00.000000Z");
    assert_eq!(task["due_date"], Value::Null);
    assert_eq!(get(&app, &app.alice, &task).await.body, task);
    for (sent, stored) in [
        ("2026-12-04T09:30:00.5-08:00", "2026-12-04T17:30:00.500000Z"),
        ("2026-12-31T23:59:59.123456Z", "2026-12-31T23:59:59.123456Z"),
        ("2027-01-01T00:30:00+05:30", "2026-12-31T19:00:00.000000Z"),
    ] {
        let moved = put_ok(&app, &app.alice, &task, json!({"due_at": sent})).await;
        assert_eq!(moved["due_at"], stored, "{sent}");
        assert_eq!(moved["due_date"], Value::Null);
    }
    let now = get(&app, &app.alice, &task).await.body;
    for bad in [
        "2026-12-04",
        "tomorrow",
        "2026-12-04T25:00:00Z",
        "2026-12-04T10:00:00",
    ] {
        put_refused(&app, &app.alice, &now, json!({"due_at": bad}), "due_at").await;
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "due_at": bad}),
            "due_at",
        )
        .await;
    }
}

#[actix_web::test]
async fn instants_of_every_year_from_0001_to_9999_are_accepted() {
    let app = spawn_app().await;
    let mut refused = Vec::new();
    for (due, remind) in [
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("1600-06-01T12:00:00Z", "1599-12-31T23:59:59Z"),
        ("2300-01-01T00:00:00Z", "2299-12-31T08:00:00Z"),
        ("9999-12-31T23:59:59.999999Z", "9999-12-31T20:00:00Z"),
    ] {
        let body = json!({"title": "t", "due_at": due, "remind_at": remind});
        let answer = post(&app, &app.alice, body.clone()).await;
        if answer.status != 201
            || answer.body["due_at"].as_str().map(|s| &s[..10]) != Some(&due[..10])
        {
            refused.push(format!("POST {body}: {} {}", answer.status, answer.body));
        }
    }
    let body = json!({"title": "t", "due_date": "9999-12-31", "remind_at": "9999-12-31T23:00:00Z"});
    let answer = post(&app, &app.alice, body.clone()).await;
    if answer.status != 201 {
        refused.push(format!("POST {body}: {} {}", answer.status, answer.body));
    }
    for query in [
        "due_after=0001-01-01T00:00:00Z",
        "due_before=9999-12-31T23:59:59Z",
    ] {
        let path = format!("{}?{query}", tasks_path(&app.alice));
        let answer = app.call(Method::GET, &path, &app.alice, None).await;
        if answer.status != 200 {
            refused.push(format!("GET ?{query}: {} {}", answer.status, answer.body));
        }
    }
    assert!(refused.is_empty(), "refused:\n{}", refused.join("\n"));
}

#[actix_web::test]
async fn due_date_is_a_plain_date_and_leaves_due_at_null() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "due_date": "2026-12-04"}))
        .await;
    assert_eq!(task["due_date"], "2026-12-04");
    assert_eq!(task["due_at"], Value::Null);
    assert_eq!(get(&app, &app.alice, &task).await.body, task);
    let moved = put_ok(&app, &app.alice, &task, json!({"due_date": "2028-02-29"})).await;
    assert_eq!(moved["due_date"], "2028-02-29");
    for bad in [
        "2026-02-29",
        "2026-12-04T00:00:00Z",
        "04/12/2026",
        "2026-13-01",
        "0000-12-31",
        "10000-01-01",
    ] {
        put_refused(
            &app,
            &app.alice,
            &moved,
            json!({"due_date": bad}),
            "due_date",
        )
        .await;
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "due_date": bad}),
            "due_date",
        )
        .await;
    }
    let edges = app
        .create_task(
            &app.alice,
            json!({"title": "edges", "due_date": "0001-01-01"}),
        )
        .await;
    assert_eq!(edges["due_date"], "0001-01-01");
    let last = put_ok(&app, &app.alice, &edges, json!({"due_date": "9999-12-31"})).await;
    assert_eq!(last["due_date"], "9999-12-31");
}

#[actix_web::test]
async fn setting_one_kind_of_due_clears_the_other() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "due_date": "2026-12-04"}))
        .await;
    let timed = put_ok(
        &app,
        &app.alice,
        &task,
        json!({"due_at": "2026-12-05T09:00:00Z"}),
    )
    .await;
    assert_eq!(timed["due_at"], "2026-12-05T09:00:00.000000Z");
    assert_eq!(timed["due_date"], Value::Null);
    assert_eq!(get(&app, &app.alice, &task).await.body, timed);
    let dated = put_ok(&app, &app.alice, &task, json!({"due_date": "2026-12-06"})).await;
    assert_eq!(dated["due_date"], "2026-12-06");
    assert_eq!(dated["due_at"], Value::Null);
    assert_eq!(get(&app, &app.alice, &task).await.body, dated);
    let explicit = put_ok(
        &app,
        &app.alice,
        &task,
        json!({"due_at": "2026-12-07T09:00:00Z", "due_date": null}),
    )
    .await;
    assert_eq!(explicit["due_at"], "2026-12-07T09:00:00.000000Z");
    assert_eq!(explicit["due_date"], Value::Null);
}

#[actix_web::test]
async fn a_null_for_one_kind_of_due_leaves_the_other_alone() {
    let app = spawn_app().await;
    let dated = app
        .create_task(&app.alice, json!({"title": "d", "due_date": "2026-12-04"}))
        .await;
    let same = put_ok(&app, &app.alice, &dated, json!({"due_at": null})).await;
    assert_eq!(
        (&same["due_date"], &same["due_at"]),
        (&json!("2026-12-04"), &Value::Null)
    );
    let cleared = put_ok(&app, &app.alice, &dated, json!({"due_date": null})).await;
    assert_eq!(
        (&cleared["due_date"], &cleared["due_at"]),
        (&Value::Null, &Value::Null)
    );

    let timed = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_at": "2026-12-04T10:00:00Z"}),
        )
        .await;
    let same = put_ok(&app, &app.alice, &timed, json!({"due_date": null})).await;
    assert_eq!(same["due_at"], "2026-12-04T10:00:00.000000Z");
    assert_eq!(same["due_date"], Value::Null);
    let cleared = put_ok(&app, &app.alice, &timed, json!({"due_at": null})).await;
    assert_eq!(
        (&cleared["due_date"], &cleared["due_at"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(get(&app, &app.alice, &timed).await.body, cleared);
}

#[actix_web::test]
async fn both_kinds_of_due_at_once_are_422_on_due_at() {
    let app = spawn_app().await;
    let both = json!({"due_at": "2026-12-04T10:00:00Z", "due_date": "2026-12-04"});
    let mut create = both.clone();
    create["title"] = json!("n");
    post_refused(&app, &app.alice, create, "due_at").await;
    for start in [
        json!({"title": "t"}),
        json!({"title": "t", "due_date": "2026-12-01"}),
    ] {
        let task = app.create_task(&app.alice, start).await;
        put_refused(&app, &app.alice, &task, both.clone(), "due_at").await;
    }
}
