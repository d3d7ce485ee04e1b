use chrono::{DateTime, NaiveDate, Utc};
use todo_domain::{Due, Frequency, NewTask, Priority, RepoError, Tags, Task, TaskTitle};

use super::{TaskFields, TaskRow};

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("instant").to_utc()
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A row as the migration's defaults and a valid write leave it.
fn row() -> TaskRow {
    TaskRow {
        id: 7,
        user_id: "alice".into(),
        title: "T".into(),
        description: None,
        completed: false,
        priority: 0,
        tags: strings(&["errands", "Home"]),
        due_at: None,
        due_date: Some(date("2026-12-04")),
        recurrence_every: Some("week".into()),
        recurrence_interval: Some(2),
        recurrence_tz: Some("Europe/Paris".into()),
        remind_at: None,
        next_occurrence_id: Some(9),
        created_at: instant("2026-12-01T00:00:00Z"),
        updated_at: instant("2026-12-01T00:00:00Z"),
        version: 3,
    }
}

#[test]
fn a_row_kept_as_json_reads_back_the_same() {
    // What an idempotent create keeps, to the microsecond.
    let kept = TaskRow {
        updated_at: instant("2026-12-01T10:11:12.345678Z"),
        ..row()
    };
    let json = serde_json::to_value(&kept).expect("to JSON");
    let back: TaskRow = serde_json::from_value(json).expect("from JSON");
    assert_eq!(
        Task::try_from(back).expect("task"),
        Task::try_from(kept).expect("task")
    );
}

fn refused(row: TaskRow) -> String {
    match Task::try_from(row) {
        Err(RepoError::Internal(e)) => e.to_string(),
        other => panic!("expected Internal, got {other:?}"),
    }
}

#[test]
fn a_valid_row_reads_as_the_task_it_stores() {
    let task = Task::try_from(row()).expect("valid");
    assert_eq!(task.tags.labels(), ["errands", "Home"]);
    assert_eq!(task.due, Some(Due::On(date("2026-12-04"))));
    let rule = task.recurrence.expect("rule");
    assert_eq!((rule.every(), rule.interval()), (Frequency::Week, 2));
    assert_eq!(task.next_occurrence.map(|id| id.get()), Some(9));
    assert_eq!(task.priority, Priority::None);
}

#[test]
fn impossible_stored_values_are_internal_errors_naming_the_task() {
    let mut cases: Vec<TaskRow> = Vec::new();
    let mut bad = |change: fn(&mut TaskRow)| {
        let mut r = row();
        change(&mut r);
        cases.push(r);
    };
    bad(|r| r.priority = 4);
    bad(|r| r.priority = -1);
    bad(|r| r.due_at = Some(instant("2026-12-04T10:00:00Z")));
    bad(|r| r.recurrence_every = Some("fortnight".into()));
    bad(|r| r.recurrence_interval = Some(0));
    bad(|r| r.recurrence_interval = Some(366));
    bad(|r| r.recurrence_interval = None);
    bad(|r| r.recurrence_every = None);
    bad(|r| r.user_id = String::new());
    bad(|r| r.tags = strings(&["a,b"]));
    bad(|r| r.recurrence_tz = Some("Mars/Olympus".into()));
    bad(|r| {
        r.recurrence_every = None;
        r.recurrence_interval = None;
    });
    for case in cases {
        let message = refused(case);
        assert!(message.starts_with("stored task 7 has "), "{message}");
    }
}

#[test]
fn fields_carry_every_writable_value() {
    let mut task = NewTask::new(TaskTitle::parse("T").expect("title"));
    task.priority = Priority::High;
    task.tags = Tags::parse(["Home", "errands"]).expect("tags");
    task.due = Some(Due::At(instant("2026-12-04T17:00:00Z")));
    task.recurrence = Some(todo_domain::Recurrence::new(Frequency::Month, 365).expect("rule"));
    let fields = TaskFields::from(&task);
    assert_eq!(fields.priority, 3);
    assert_eq!(fields.tags, ["errands", "Home"]);
    assert_eq!(fields.tag_keys, ["errands", "home"]);
    assert_eq!(
        (fields.due_at, fields.due_date),
        (Some(instant("2026-12-04T17:00:00Z")), None)
    );
    assert_eq!(
        (fields.recurrence_every, fields.recurrence_interval),
        (Some("month"), Some(365))
    );
}

#[test]
fn stored_tags_are_read_in_the_order_tags_keep() {
    // The keys are not read at all: a lower-casing that changed since they were
    // written (a Unicode update) must not make the task unreadable.
    let row = TaskRow {
        tags: strings(&["home", "Errands"]),
        ..row()
    };
    let task = Task::try_from(row).expect("readable");
    assert_eq!(task.tags.labels(), ["Errands", "home"]);
}
