//! Unit tests of the wire types' conversions.

use super::*;
use serde_json::json;
use todo_domain::Due;

fn create(body: Value) -> Result<NewTask, Vec<FieldError>> {
    serde_json::from_value::<CreateTaskRequest>(body)
        .expect("object")
        .try_into_domain()
}

fn update(body: Value) -> Result<TaskPatch, Vec<FieldError>> {
    serde_json::from_value::<UpdateTaskRequest>(body)
        .expect("object")
        .try_into_domain()
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field).collect()
}

#[test]
fn create_defaults_and_ignores_server_owned_fields() {
    let task = create(json!({"title": " Buy milk ", "id": 7, "user_id": "mallory", "extra": 1}))
        .expect("valid");
    assert_eq!(task.title.as_str(), "Buy milk");
    assert_eq!(task.description, None);
    assert!(!task.completed);
}

#[test]
fn create_reports_every_broken_field() {
    let errors =
        create(json!({"title": 5, "description": [], "completed": "yes"})).expect_err("bad");
    assert_eq!(fields(&errors), ["title", "description", "completed"]);
    let errors = create(json!({})).expect_err("no title");
    assert_eq!(errors[0].message, "is required");
    let errors = create(json!({"title": null, "completed": null})).expect_err("nulls");
    assert_eq!(fields(&errors), ["title", "completed"]);
}

#[test]
fn create_accepts_null_description() {
    let task =
        create(json!({"title": "t", "description": null, "completed": true})).expect("valid");
    assert_eq!(task.description, None);
    assert!(task.completed);
}

#[test]
fn update_tells_absent_from_null() {
    let patch = update(json!({"description": null})).expect("valid");
    assert_eq!(patch.description.as_ref().map(Option::as_ref), Some(None));
    assert_eq!(patch.title.as_ref(), None);
    let patch = update(json!({"completed": false})).expect("valid");
    assert_eq!(patch.description.as_ref().map(Option::as_ref), None);
}

#[test]
fn update_needs_at_least_one_field() {
    let errors = update(json!({"id": 3, "created_at": "x"})).expect_err("nothing to set");
    assert_eq!(fields(&errors), ["body"]);
}

#[test]
fn update_refuses_null_title_and_blank_title() {
    assert_eq!(
        fields(&update(json!({"title": null})).expect_err("null")),
        ["title"]
    );
    assert_eq!(
        fields(&update(json!({"title": "  "})).expect_err("blank")),
        ["title"]
    );
}

#[test]
fn completion_body_is_optional() {
    let parse = |v: Option<Value>| {
        SetCompletionRequest::try_into_domain(v.map(|v| serde_json::from_value(v).expect("obj")))
    };
    assert_eq!(parse(None), Ok(Completion::Toggle));
    assert_eq!(parse(Some(json!({}))), Ok(Completion::Toggle));
    assert_eq!(
        parse(Some(json!({"completed": true}))),
        Ok(Completion::Set(true))
    );
    assert!(parse(Some(json!({"completed": "true"}))).is_err());
}

#[test]
fn times_have_microseconds_and_z() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:15:02.1234567+01:00")
        .expect("time")
        .with_timezone(&chrono::Utc);
    assert_eq!(
        at.format(TIME_FORMAT).to_string(),
        "2026-11-22T08:15:02.123456Z"
    );
}

#[test]
fn times_are_written_as_the_documented_format_writes_them() {
    for s in [
        "0001-01-01T00:00:00Z",
        "1970-01-01T00:00:00.000001Z",
        "2026-11-22T08:15:02Z",
        "2026-11-22T08:15:02.5Z",
        "9999-12-31T23:59:59.999999Z",
    ] {
        let at = instant(s);
        assert_eq!(body::time(at), at.format(TIME_FORMAT).to_string(), "{s}");
    }
}

fn instant(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .to_utc()
}

#[test]
fn a_v1_body_gets_the_planning_defaults() {
    let task = create(json!({"title": "t"})).expect("valid");
    assert_eq!(task, NewTask::new(task.title.clone()));
}

#[test]
fn create_reads_every_planning_field() {
    let task = create(json!({
        "title": "Review",
        "priority": "high",
        "tags": ["Work", " work ", "home"],
        "due_at": "2026-12-04T18:00:00.1234567+01:00",
        "recurrence": {"every": "week"},
        "remind_at": "2026-12-04T16:00:00Z",
    }))
    .expect("valid");
    assert_eq!(task.priority, todo_domain::Priority::High);
    assert_eq!(task.tags.labels(), ["home", "Work"]);
    assert_eq!(
        task.due,
        Some(Due::At(instant("2026-12-04T17:00:00.123456Z")))
    );
    let rule = task.recurrence.expect("rule");
    assert_eq!((rule.every().as_str(), rule.interval()), ("week", 1));
    assert_eq!(task.remind_at, Some(instant("2026-12-04T16:00:00Z")));
}

#[test]
fn a_date_only_due_is_a_date() {
    let task = create(json!({"title": "t", "due_date": "2028-02-29"})).expect("valid");
    assert_eq!(task.due, Some(Due::On("2028-02-29".parse().expect("date"))));
    for bad in [
        "2027-02-29",
        "2026-1-5",
        "0000-01-01",
        "2026-12-04T00:00:00Z",
        "20261204",
    ] {
        let errors = create(json!({"title": "t", "due_date": bad})).expect_err(bad);
        assert_eq!(fields(&errors), ["due_date"], "{bad}");
    }
}

#[test]
fn both_kinds_of_due_at_once_are_refused() {
    let errors =
        create(json!({"title": "t", "due_at": "2026-12-04T17:00:00Z", "due_date": "2026-12-04"}))
            .expect_err("both");
    assert_eq!(fields(&errors), ["due_at"]);
    assert!(create(json!({"title": "t", "due_at": null, "due_date": "2026-12-04"})).is_ok());
}

#[test]
fn broken_planning_fields_are_each_reported() {
    let errors = create(json!({
        "title": "t",
        "priority": "urgent",
        "tags": ["ok", 3],
        "due_at": "tomorrow",
        "recurrence": {"every": "fortnight"},
        "remind_at": 5,
    }))
    .expect_err("bad");
    assert_eq!(
        fields(&errors),
        ["priority", "tags", "due_at", "recurrence", "remind_at"]
    );
    for bad in [json!(null), json!("a"), json!([null])] {
        assert!(create(json!({"title": "t", "tags": bad})).is_err());
    }
    let eleven: Vec<String> = (0..11).map(|i| format!("t{}", i % 2)).collect();
    assert!(create(json!({"title": "t", "tags": eleven})).is_err());
    let whole = json!({"title": "t", "due_date": "2026-12-04", "recurrence": {"every": "day", "interval": 2.0}});
    assert_eq!(
        create(whole).expect("2.0").recurrence.map(|r| r.interval()),
        Some(2)
    );
    for interval in [json!(0), json!(366), json!("2"), json!(1.5)] {
        let body = json!({"title": "t", "due_date": "2026-12-04", "recurrence": {"every": "day", "interval": interval}});
        assert_eq!(fields(&create(body).expect_err("interval")), ["recurrence"]);
    }
}

#[test]
fn instants_outside_the_years_0001_to_9999_are_refused() {
    for bad in ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"] {
        let errors = create(json!({"title": "t", "due_at": bad})).expect_err(bad);
        assert_eq!(fields(&errors), ["due_at"]);
    }
}

#[test]
fn update_tells_clearing_a_due_from_leaving_it() {
    let patch = update(json!({"due_at": null})).expect("valid");
    assert_eq!((patch.due_at, patch.due_date), (Some(None), None));
    let patch = update(json!({"tags": []})).expect("valid");
    assert_eq!(patch.tags, Some(todo_domain::Tags::default()));
    let patch = update(json!({"recurrence": null, "remind_at": null})).expect("valid");
    assert_eq!(
        (patch.recurrence, patch.remind_at),
        (Some(None), Some(None))
    );
}

#[test]
fn a_leap_second_is_read_as_the_last_microsecond_before_it() {
    assert_eq!(
        parse_instant("2016-12-31T23:59:60.5Z"),
        Some(instant("2016-12-31T23:59:59.999999Z"))
    );
}

#[test]
fn instants_of_the_far_years_are_kept_to_the_microsecond() {
    assert_eq!(
        parse_instant("9999-12-31T23:59:59.9999999Z"),
        Some(instant("9999-12-31T23:59:59.999999Z"))
    );
    assert_eq!(
        parse_instant("0001-01-01T00:00:00Z"),
        Some(instant("0001-01-01T00:00:00Z"))
    );
}
