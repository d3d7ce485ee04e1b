//! Unit tests of the wire types' conversions.

use super::*;
use serde_json::json;

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
    assert_eq!(patch.description(), Some(None));
    assert_eq!(patch.title(), None);
    let patch = update(json!({"completed": false})).expect("valid");
    assert_eq!(patch.description(), None);
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
