//! The rule since 1.1 that a recurring task has a due, and the shape of a rule.
//! Each refusal is a 422 naming the field, and changes nothing.

use serde_json::{Value, json};

use crate::helpers::spawn_app;
use crate::planning_support::{error_fields, get, post, post_refused, put, put_ok, put_refused};

#[actix_web::test]
async fn a_recurrence_interval_defaults_to_one() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_date": "2026-12-04", "recurrence": {"every": "week"}}),
        )
        .await;
    assert_eq!(
        task["recurrence"],
        json!({"every": "week", "interval": 1, "tz": null})
    );
    assert_eq!(get(&app, &app.alice, &task).await.body, task);
    for (every, interval) in [("day", 1), ("week", 2), ("month", 12), ("year", 365)] {
        let rule = json!({"every": every, "interval": interval, "tz": null});
        let changed = put_ok(&app, &app.alice, &task, json!({"recurrence": rule})).await;
        assert_eq!(changed["recurrence"], rule);
    }
    let stopped = put_ok(&app, &app.alice, &task, json!({"recurrence": null})).await;
    assert_eq!(stopped["recurrence"], Value::Null);
    assert_eq!(stopped["due_date"], "2026-12-04", "the due stays");
    let plain = app.create_task(&app.alice, json!({"title": "plain"})).await;
    assert_eq!(plain["recurrence"], Value::Null);
}

#[actix_web::test]
async fn a_bad_recurrence_rule_is_422_on_recurrence_and_changes_nothing() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_date": "2026-12-04", "recurrence": {"every": "day", "interval": 2}}),
        )
        .await;
    for rule in [
        json!({"every": "fortnight"}),
        json!({"every": "Week"}),
        json!({"interval": 2}),
        json!({"every": "week", "interval": 0}),
        json!({"every": "week", "interval": 366}),
        json!({"every": "week", "interval": -1}),
        json!({"every": "week", "interval": 1.5}),
        json!({"every": "week", "interval": "2"}),
        json!({"every": "week", "tz": "Mars/Olympus"}),
        json!({"every": "week", "tz": "europe/paris"}),
        json!({"every": "week", "tz": 1}),
        json!("weekly"),
        json!([]),
    ] {
        let answer = put(&app, &app.alice, &task, json!({"recurrence": rule})).await;
        let fields = error_fields(&answer);
        assert!(
            !fields.is_empty() && fields.iter().all(|f| f.starts_with("recurrence")),
            "{rule}: {fields:?}"
        );
        assert_eq!(get(&app, &app.alice, &task).await.body, task, "{rule}");
        let create = json!({"title": "n", "due_date": "2026-12-04", "recurrence": rule});
        let answer = post(&app, &app.alice, create).await;
        let fields = error_fields(&answer);
        assert!(
            fields.iter().all(|f| f.starts_with("recurrence")),
            "{rule}: {fields:?}"
        );
    }
    assert_eq!(
        app.list(&app.alice, "").await.header("x-total-count"),
        Some("1")
    );
}

#[actix_web::test]
async fn a_recurring_task_without_a_due_is_422_on_recurrence() {
    let app = spawn_app().await;
    let weekly = json!({"every": "week"});
    post_refused(
        &app,
        &app.alice,
        json!({"title": "n", "recurrence": weekly}),
        "recurrence",
    )
    .await;
    post_refused(
        &app,
        &app.alice,
        json!({"title": "n", "recurrence": weekly, "due_at": null, "due_date": null}),
        "recurrence",
    )
    .await;
    let undated = app
        .create_task(&app.alice, json!({"title": "undated"}))
        .await;
    put_refused(
        &app,
        &app.alice,
        &undated,
        json!({"recurrence": weekly}),
        "recurrence",
    )
    .await;
    let due_and_rule = put_ok(
        &app,
        &app.alice,
        &undated,
        json!({"recurrence": weekly, "due_date": "2026-12-04"}),
    )
    .await;
    assert_eq!(
        due_and_rule["recurrence"],
        json!({"every": "week", "interval": 1, "tz": null})
    );

    for (kind, due) in [
        ("due_date", "2026-12-04"),
        ("due_at", "2026-12-04T10:00:00Z"),
    ] {
        let task = app
            .create_task(
                &app.alice,
                json!({"title": "r", "recurrence": weekly, kind: due}),
            )
            .await;
        put_refused(&app, &app.alice, &task, json!({kind: null}), "recurrence").await;
        let switched = put_ok(
            &app,
            &app.alice,
            &task,
            json!({"due_at": "2026-12-09T08:00:00Z"}),
        )
        .await;
        assert_eq!(
            switched["recurrence"],
            json!({"every": "week", "interval": 1, "tz": null})
        );
        let ended = put_ok(
            &app,
            &app.alice,
            &task,
            json!({"due_at": null, "recurrence": null}),
        )
        .await;
        assert_eq!(
            (&ended["due_at"], &ended["recurrence"]),
            (&Value::Null, &Value::Null)
        );
    }
}
