//! Completing a recurring task creates its next occurrence, once, named by
//! `X-Next-Task-Id`.

use serde_json::{Value, json};

use crate::helpers::{Answer, TestApp, spawn_app};
use crate::planning_support::{complete, get, id, put, total};

pub(crate) async fn count(app: &TestApp) -> usize {
    total(&app.list(&app.alice, "").await)
}

/// The next occurrence an answer names, checked against the task it came from.
pub(crate) async fn next_of(app: &TestApp, answer: &Answer, done: &Value) -> Value {
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["completed"], true);
    assert_eq!(
        answer.body["id"], done["id"],
        "the answer is the completed task"
    );
    let next_id: i64 = answer
        .header("x-next-task-id")
        .unwrap_or_else(|| panic!("X-Next-Task-Id in {answer:?}"))
        .parse()
        .expect("an integer id");
    assert_ne!(next_id, id(done));
    let next = get(app, &app.alice, &json!({"id": next_id})).await;
    assert_eq!(next.status, 200, "{next:?}");
    let next = next.body;
    for field in [
        "title",
        "description",
        "priority",
        "tags",
        "recurrence",
        "user_id",
    ] {
        assert_eq!(next[field], done[field], "{field}");
    }
    assert_eq!(next["completed"], false);
    assert!(next["created_at"].as_str() >= done["updated_at"].as_str());
    assert_eq!(next["created_at"], next["updated_at"]);
    next
}

pub(crate) fn weekly(due: Value) -> Value {
    let mut task = json!({
        "title": "Water plants", "description": "balcony", "priority": "medium",
        "tags": ["home", "Garden"], "recurrence": {"every": "week"},
    });
    task.as_object_mut()
        .expect("object")
        .extend(due.as_object().expect("object").clone());
    task
}

#[actix_web::test]
async fn toggling_a_weekly_date_only_task_creates_the_next_a_week_later() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            weekly(json!({"due_date": "2026-12-30", "remind_at": "2026-12-29T18:00:00Z"})),
        )
        .await;
    let answer = complete(&app, &app.alice, &task, None).await;
    let next = next_of(&app, &answer, &task).await;
    assert_eq!(next["due_date"], "2027-01-06");
    assert_eq!(next["due_at"], Value::Null);
    assert_eq!(next["remind_at"], "2027-01-05T18:00:00.000000Z");
    assert_eq!(get(&app, &app.alice, &task).await.body["completed"], true);
    assert_eq!(count(&app).await, 2);
}

#[actix_web::test]
async fn setting_completed_on_a_weekly_timed_task_moves_due_and_reminder_alike() {
    let app = spawn_app().await;
    let task = app
        .create_task(
            &app.alice,
            weekly(
                json!({"due_at": "2026-12-04T17:30:00+01:00", "remind_at": "2026-12-03T16:30:00Z"}),
            ),
        )
        .await;
    let answer = complete(&app, &app.alice, &task, Some(json!({"completed": true}))).await;
    let next = next_of(&app, &answer, &task).await;
    assert_eq!(next["due_at"], "2026-12-11T16:30:00.000000Z");
    assert_eq!(next["due_date"], Value::Null);
    assert_eq!(next["remind_at"], "2026-12-10T16:30:00.000000Z");
}

#[actix_web::test]
async fn a_rule_in_a_zone_keeps_the_wall_clock_time_across_a_dst_change() {
    let app = spawn_app().await;
    // Tuesday 17:00 in Paris, the week before clocks go back (Oct 25, 2026).
    let mut body = weekly(json!({"due_at": "2026-10-20T17:00:00+02:00"}));
    body["recurrence"] = json!({"every": "week", "tz": "Europe/Paris"});
    let task = app.create_task(&app.alice, body).await;
    assert_eq!(
        task["recurrence"],
        json!({"every": "week", "interval": 1, "tz": "Europe/Paris"})
    );
    let answer = complete(&app, &app.alice, &task, None).await;
    let next = next_of(&app, &answer, &task).await;
    // 17:00 in Paris again, now an hour later in UTC.
    assert_eq!(next["due_at"], "2026-10-27T16:00:00.000000Z");
    // Without a zone the UTC time stays, and so does the answer's `tz: null`.
    let plain = app
        .create_task(
            &app.alice,
            weekly(json!({"due_at": "2026-10-20T15:00:00Z"})),
        )
        .await;
    assert_eq!(plain["recurrence"]["tz"], Value::Null);
    let answer = complete(&app, &app.alice, &plain, None).await;
    assert_eq!(
        next_of(&app, &answer, &plain).await["due_at"],
        "2026-10-27T15:00:00.000000Z"
    );
}

#[actix_web::test]
async fn a_put_that_completes_a_recurring_task_creates_the_next() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, weekly(json!({"due_date": "2026-12-04"})))
        .await;
    let answer = put(&app, &app.alice, &task, json!({"completed": true})).await;
    let next = next_of(&app, &answer, &task).await;
    assert_eq!(next["due_date"], "2026-12-11");
    assert_eq!(next["remind_at"], Value::Null);
    let again = put(&app, &app.alice, &task, json!({"completed": true})).await;
    assert_eq!((again.status, again.header("x-next-task-id")), (200, None));
    assert_eq!(count(&app).await, 2);
}

#[actix_web::test]
async fn months_clamp_to_their_last_day_and_intervals_multiply() {
    let app = spawn_app().await;
    for (rule, due, expected) in [
        (json!({"every": "month"}), "2026-01-31", "2026-02-28"),
        (json!({"every": "month"}), "2028-01-31", "2028-02-29"),
        (
            json!({"every": "month", "interval": 3}),
            "2026-11-30",
            "2027-02-28",
        ),
        (json!({"every": "year"}), "2028-02-29", "2029-02-28"),
        (
            json!({"every": "day", "interval": 3}),
            "2026-12-30",
            "2027-01-02",
        ),
        (
            json!({"every": "week", "interval": 2}),
            "2026-12-04",
            "2026-12-18",
        ),
    ] {
        let task = app
            .create_task(
                &app.alice,
                json!({"title": "t", "due_date": due, "recurrence": rule}),
            )
            .await;
        let answer = complete(&app, &app.alice, &task, None).await;
        let next = next_of(&app, &answer, &task).await;
        assert_eq!(next["due_date"], expected, "{rule} from {due}");
    }
    let timed = app
        .create_task(
            &app.alice,
            json!({"title": "t", "due_at": "2026-01-31T23:15:00Z", "remind_at": "2026-01-30T23:15:00Z",
                "recurrence": {"every": "month"}}),
        )
        .await;
    let answer = complete(&app, &app.alice, &timed, None).await;
    let next = next_of(&app, &answer, &timed).await;
    assert_eq!(next["due_at"], "2026-02-28T23:15:00.000000Z");
    assert_eq!(next["remind_at"], "2026-02-27T23:15:00.000000Z");
}

#[actix_web::test]
async fn a_task_makes_its_next_occurrence_only_once() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, weekly(json!({"due_date": "2026-12-04"})))
        .await;
    let first = complete(&app, &app.alice, &task, None).await;
    next_of(&app, &first, &task).await;
    let undone = complete(&app, &app.alice, &task, None).await;
    assert_eq!(
        (undone.status, &undone.body["completed"]),
        (200, &json!(false))
    );
    assert_eq!(undone.header("x-next-task-id"), None);
    assert_eq!(count(&app).await, 2);
    for body in [
        None,
        Some(json!({"completed": true})),
        Some(json!({"completed": true})),
    ] {
        let again = complete(&app, &app.alice, &task, body).await;
        assert_eq!(
            (again.status, &again.body["completed"]),
            (200, &json!(true))
        );
        assert_eq!(again.header("x-next-task-id"), None);
    }
    let unset = complete(&app, &app.alice, &task, Some(json!({"completed": false}))).await;
    assert_eq!(unset.header("x-next-task-id"), None);
    let via_put = put(&app, &app.alice, &task, json!({"completed": true})).await;
    assert_eq!(
        (via_put.status, via_put.header("x-next-task-id")),
        (200, None)
    );
    assert_eq!(count(&app).await, 2);
}
