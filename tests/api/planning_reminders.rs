//! The rule since 1.1 that a reminder is not after its due. Each refusal is a 422
//! naming `remind_at`, and changes nothing.

use serde_json::{Value, json};

use crate::helpers::spawn_app;
use crate::planning_support::{get, post_refused, put_ok, put_refused};

#[actix_web::test]
async fn a_reminder_is_at_most_a_timed_due() {
    let app = spawn_app().await;
    let due = "2026-12-04T17:00:00Z";
    for ok in [
        "2026-12-04T17:00:00Z",
        "2026-12-04T16:59:59.999999Z",
        "2026-12-04T18:00:00+01:00",
    ] {
        let task = app
            .create_task(
                &app.alice,
                json!({"title": "t", "due_at": due, "remind_at": ok}),
            )
            .await;
        assert!(
            task["remind_at"]
                .as_str()
                .expect("remind_at")
                .ends_with('Z'),
            "{task}"
        );
    }
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_at": due, "remind_at": "2026-12-04T15:00:00+01:00"}),
        )
        .await;
    assert_eq!(task["remind_at"], "2026-12-04T14:00:00.000000Z");
    for late in [
        "2026-12-04T17:00:00.000001Z",
        "2026-12-04T18:00:01+01:00",
        "2026-12-05T00:00:00Z",
    ] {
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "due_at": due, "remind_at": late}),
            "remind_at",
        )
        .await;
        put_refused(
            &app,
            &app.alice,
            &task,
            json!({"remind_at": late}),
            "remind_at",
        )
        .await;
    }
    // Moving the due before the reminder would leave the reminder after it.
    put_refused(
        &app,
        &app.alice,
        &task,
        json!({"due_at": "2026-12-04T13:00:00Z"}),
        "remind_at",
    )
    .await;
    let both = put_ok(
        &app,
        &app.alice,
        &task,
        json!({"due_at": "2026-12-04T13:00:00Z", "remind_at": "2026-12-04T12:00:00Z"}),
    )
    .await;
    assert_eq!(both["remind_at"], "2026-12-04T12:00:00.000000Z");
    let cleared = put_ok(&app, &app.alice, &task, json!({"remind_at": null})).await;
    assert_eq!(cleared["remind_at"], Value::Null);
    assert_eq!(cleared["due_at"], "2026-12-04T13:00:00.000000Z");
}

#[actix_web::test]
async fn a_reminder_for_a_date_is_before_noon_utc_of_the_next_day() {
    let app = spawn_app().await;
    let date = "2026-12-04";
    for ok in [
        "2026-12-05T11:59:59.999999Z",
        "2026-12-05T12:59:59+01:00",
        "2026-12-04T00:00:00Z",
        "2026-12-01T08:00:00Z",
    ] {
        app.create_task(
            &app.alice,
            json!({"title": "t", "due_date": date, "remind_at": ok}),
        )
        .await;
    }
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_date": date, "remind_at": "2026-12-04T08:00:00Z"}),
        )
        .await;
    assert_eq!(task["remind_at"], "2026-12-04T08:00:00.000000Z");
    for late in [
        "2026-12-05T12:00:00Z",
        "2026-12-05T13:00:00+01:00",
        "2026-12-06T00:00:00Z",
    ] {
        post_refused(
            &app,
            &app.alice,
            json!({"title": "n", "due_date": date, "remind_at": late}),
            "remind_at",
        )
        .await;
        put_refused(
            &app,
            &app.alice,
            &task,
            json!({"remind_at": late}),
            "remind_at",
        )
        .await;
    }
    put_refused(
        &app,
        &app.alice,
        &task,
        json!({"due_date": "2026-12-02"}),
        "remind_at",
    )
    .await;
    let later = put_ok(
        &app,
        &app.alice,
        &task,
        json!({"remind_at": "2026-12-05T11:00:00Z"}),
    )
    .await;
    assert_eq!(later["remind_at"], "2026-12-05T11:00:00.000000Z");
    assert_eq!(get(&app, &app.alice, &task).await.body, later);
}

#[actix_web::test]
async fn a_bad_reminder_instant_is_422_on_remind_at() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, json!({"title": "t", "due_date": "2026-12-04"}))
        .await;
    for bad in [
        json!("2026-12-04"),
        json!("soon"),
        json!(5),
        json!("2026-12-04T08:00:00"),
    ] {
        put_refused(
            &app,
            &app.alice,
            &task,
            json!({"remind_at": bad}),
            "remind_at",
        )
        .await;
    }
}
