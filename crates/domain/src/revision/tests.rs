use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::*;
use crate::{Due, Frequency, Priority, Recurrence, Tags, TaskId, TaskTitle, UserId};

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("instant").to_utc()
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn weekly() -> Recurrence {
    Recurrence::new(Frequency::Week, 1).expect("rule")
}

fn stored(state: NewTask) -> Task {
    let now = Utc::now();
    let owner = UserId::parse("alice").expect("id");
    Task::stored(TaskId::new(7), &owner, state, now, now)
}

fn task(title: &str) -> NewTask {
    NewTask::new(TaskTitle::parse(title).expect("title"))
}

fn weekly_review() -> Task {
    stored(NewTask {
        priority: Priority::High,
        tags: Tags::parse(["work"]).expect("tags"),
        due: Some(Due::On(date("2026-12-04"))),
        recurrence: Some(weekly()),
        remind_at: Some(instant("2026-12-04T08:00:00Z")),
        ..task("Weekly review")
    })
}

#[test]
fn a_recurring_task_needs_a_due() {
    let errors = NewTask {
        recurrence: Some(weekly()),
        ..task("x")
    }
    .check()
    .expect_err("no due");
    assert_eq!(errors[0].field, "recurrence");
}

#[test]
fn a_reminder_is_not_after_a_timed_due() {
    let due = instant("2026-12-04T17:00:00Z");
    let at = |remind| NewTask {
        due: Some(Due::At(due)),
        remind_at: Some(remind),
        ..task("x")
    };
    assert!(at(due).check().is_ok());
    let errors = at(due + TimeDelta::microseconds(1))
        .check()
        .expect_err("late");
    assert_eq!(errors[0].field, "remind_at");
}

#[test]
fn a_reminder_for_a_date_may_be_until_the_date_ends_everywhere() {
    let on = |remind| NewTask {
        due: Some(Due::On(date("2026-12-04"))),
        remind_at: Some(instant(remind)),
        ..task("x")
    };
    assert!(on("2026-12-05T11:59:59.999999Z").check().is_ok());
    assert!(on("2026-12-05T12:00:00Z").check().is_err());
    // Without a due any reminder goes.
    let alone = NewTask {
        remind_at: Some(instant("2030-01-01T00:00:00Z")),
        ..task("x")
    };
    assert!(alone.check().is_ok());
}

#[test]
fn completing_a_recurring_task_makes_the_next_one_week_later() {
    let review = weekly_review();
    let revision = review.complete(Completion::Set(true));
    assert!(revision.task.completed);
    let next = revision.next.expect("a next occurrence");
    assert!(!next.completed);
    assert_eq!(next.due, Some(Due::On(date("2026-12-11"))));
    assert_eq!(next.remind_at, Some(instant("2026-12-11T08:00:00Z")));
    assert_eq!(
        (next.title, next.priority, next.tags, next.recurrence),
        (
            revision.task.title,
            Priority::High,
            review.tags.clone(),
            Some(weekly())
        )
    );
}

#[test]
fn a_toggle_to_completed_also_makes_the_next_one() {
    assert!(weekly_review().complete(Completion::Toggle).next.is_some());
}

#[test]
fn un_completing_makes_none_and_a_task_makes_its_next_once() {
    let mut review = weekly_review();
    review.completed = true;
    assert!(review.complete(Completion::Set(false)).next.is_none());
    assert!(review.complete(Completion::Set(true)).next.is_none());
    review.completed = false;
    review.next_occurrence = Some(TaskId::new(8));
    assert!(review.complete(Completion::Set(true)).next.is_none());
}

#[test]
fn a_put_with_completed_true_makes_the_next_one_from_the_new_state() {
    let patch = TaskPatch {
        completed: Some(true),
        due_at: Some(Some(instant("2027-01-31T09:30:00Z"))),
        recurrence: Some(Some(Recurrence::new(Frequency::Month, 1).expect("rule"))),
        remind_at: Some(None),
        ..TaskPatch::default()
    };
    let next = weekly_review()
        .revise(&patch)
        .expect("valid")
        .next
        .expect("next");
    assert_eq!(next.due, Some(Due::At(instant("2027-02-28T09:30:00Z"))));
    assert_eq!(next.remind_at, None);
}

#[test]
fn a_task_that_does_not_repeat_makes_no_next_one() {
    let plain = stored(NewTask {
        due: Some(Due::On(date("2026-12-04"))),
        ..task("once")
    });
    assert!(plain.complete(Completion::Toggle).next.is_none());
}

#[test]
fn setting_one_kind_of_due_clears_the_other() {
    let review = weekly_review();
    let at = instant("2026-12-04T17:00:00Z");
    let patch = TaskPatch {
        due_at: Some(Some(at)),
        ..TaskPatch::default()
    };
    assert_eq!(
        review.revise(&patch).expect("valid").task.due,
        Some(Due::At(at))
    );
}

#[test]
fn clearing_the_other_kind_of_due_leaves_the_due_alone() {
    let review = weekly_review();
    let clears_at = TaskPatch {
        due_at: Some(None),
        ..TaskPatch::default()
    };
    assert_eq!(
        review.revise(&clears_at).expect("valid").task.due,
        review.due
    );
}

#[test]
fn clearing_the_due_of_a_recurring_task_is_refused() {
    let clears_date = TaskPatch {
        due_date: Some(None),
        ..TaskPatch::default()
    };
    let errors = weekly_review().revise(&clears_date).expect_err("no due");
    assert_eq!(errors[0].field, "recurrence");
    let clears_both = TaskPatch {
        due_date: Some(None),
        recurrence: Some(None),
        ..TaskPatch::default()
    };
    let task = weekly_review().revise(&clears_both).expect("valid").task;
    assert_eq!((task.due, task.recurrence), (None, None));
}

#[test]
fn moving_the_due_before_the_reminder_is_refused() {
    let patch = TaskPatch {
        due_date: Some(Some(date("2026-12-01"))),
        ..TaskPatch::default()
    };
    let errors = weekly_review().revise(&patch).expect_err("late reminder");
    assert_eq!(errors[0].field, "remind_at");
}

#[test]
fn a_patch_changes_only_what_it_names() {
    let review = weekly_review();
    let patch = TaskPatch {
        priority: Some(Priority::Low),
        ..TaskPatch::default()
    };
    let revision = review.revise(&patch).expect("valid");
    assert_eq!(
        revision.task,
        NewTask {
            priority: Priority::Low,
            ..review.state()
        }
    );
    assert!(revision.next.is_none());
}

#[test]
fn no_next_occurrence_after_the_year_9999() {
    let last = stored(NewTask {
        due: Some(Due::On(date("9999-12-30"))),
        recurrence: Some(weekly()),
        ..task("the end")
    });
    assert!(last.complete(Completion::Set(true)).next.is_none());
}
