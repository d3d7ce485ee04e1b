//! Properties of completing and revising tasks: when a next occurrence is made and
//! what it holds, and which states the rules between fields accept.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::*;
use crate::planning::props::{date, instant, rule};
use crate::{
    Due, Frequency, MAX_YEAR, MIN_YEAR, Priority, Recurrence, Tags, TaskDescription, TaskId,
    TaskTitle, UserId,
};

fn due() -> impl Strategy<Value = Due> {
    prop_oneof![date().prop_map(Due::On), instant().prop_map(Due::At)]
}

fn rule_of(every: Frequency, interval: i64) -> Recurrence {
    Recurrence::new(every, interval).expect("1 to 365")
}

/// A reminder for `due`: often at its latest instant or some time before, else
/// anywhere in the years 1 to 9999 (after the due too).
fn reminder(due: Option<Due>) -> BoxedStrategy<Option<DateTime<Utc>>> {
    let anywhere = instant().prop_map(Some);
    let Some(due) = due else {
        return prop_oneof![Just(None), anywhere].boxed();
    };
    let latest = due.latest_reminder();
    let before = prop_oneof![0..=2_i64, 0..=86_400_000_000_i64, 0..=i64::MAX / 4]
        .prop_map(move |us| latest.checked_sub_signed(TimeDelta::microseconds(us)))
        .prop_map(|at| at.filter(|at| at.year() >= MIN_YEAR));
    let after = (1..=2_i64).prop_map(move |us| Some(latest + TimeDelta::microseconds(us)));
    prop_oneof![2 => Just(None), 4 => before, 1 => after, 1 => anywhere].boxed()
}

/// Any state, valid or not; the fields a next occurrence copies vary too.
fn state() -> impl Strategy<Value = NewTask> {
    let tags = subsequence(vec!["work", "Home", "🏠"], 0..=3);
    let copied = (0..3_usize, select(&Priority::ALL[..]), tags);
    let planned = (option::of(due()), option::of(rule()))
        .prop_flat_map(|(due, rule)| (Just(due), Just(rule), reminder(due)));
    (copied, any::<bool>(), planned).prop_map(|((i, priority, tags), completed, planned)| {
        let title = ["Weekly review", "Pay rent", "🌱 water plants"][i];
        let description = [None, Some(""), Some(" ß ")][i];
        let (due, recurrence, remind_at) = planned;
        NewTask {
            title: TaskTitle::parse(title).expect("title"),
            description: description.map(|d| TaskDescription::parse(d).expect("description")),
            completed,
            priority,
            tags: Tags::parse(tags).expect("tags"),
            due,
            recurrence,
            remind_at,
        }
    })
}

fn stored(state: NewTask, next_occurrence: Option<TaskId>) -> Task {
    let owner = UserId::parse("alice").expect("id");
    let epoch = DateTime::UNIX_EPOCH;
    Task {
        next_occurrence,
        ..Task::stored(TaskId::new(7), &owner, state, epoch, epoch)
    }
}

/// A task as storage may hold one: it passed `check` and may have made its next one.
fn task() -> impl Strategy<Value = Task> {
    let valid = state().prop_filter("stored tasks pass check", |s| s.check().is_ok());
    (valid, option::of(Just(TaskId::new(8)))).prop_map(|(s, made)| stored(s, made))
}

/// A pending, recurring task with a due that has not made its next occurrence; some
/// near the end of 9999.
fn pending_recurring() -> impl Strategy<Value = Task> {
    let any = task().prop_map(|mut t| {
        t.completed = false;
        t.next_occurrence = None;
        t
    });
    prop_oneof![3 => any.prop_filter("recurring", |t| t.recurrence.is_some()), 1 => near_the_end()]
}

/// A pending task due in the last weeks of 9999, repeating soon, reminded late.
fn near_the_end() -> impl Strategy<Value = Task> {
    let on = (335..=365_u32).prop_map(|d| NaiveDate::from_yo_opt(MAX_YEAR, d).expect("a day"));
    let due = prop_oneof![
        on.clone().prop_map(Due::On),
        on.prop_map(|d| Due::At(d.and_time(chrono::NaiveTime::MIN).and_utc())),
    ];
    let rule = (select(&[Frequency::Day, Frequency::Week][..]), 1..=4_i64);
    (due, rule, 0..=86_400_000_000_i64).prop_map(|(due, (f, n), us)| {
        let state = NewTask {
            due: Some(due),
            recurrence: Some(rule_of(f, n)),
            remind_at: Some(due.latest_reminder() - TimeDelta::microseconds(us)),
            ..NewTask::new(TaskTitle::parse("end").expect("title"))
        };
        stored(state, None)
    })
}

/// Whether the next occurrence of `task` would be due, or reminded, after 9999.
fn past_9999(task: &NewTask) -> bool {
    let (Some(rule), Some(due)) = (task.recurrence, task.due) else {
        return false;
    };
    let shift = |next: Due| next.latest_reminder() - due.latest_reminder();
    let late = |next| {
        task.remind_at
            .is_some_and(|at| (at + shift(next)).year() > MAX_YEAR)
    };
    rule.next_due(due).is_none_or(late)
}

/// What `next` must be for a task that has just been completed in state `after`.
fn check_next(after: &NewTask, next: Option<&NewTask>) -> Result<(), TestCaseError> {
    let (Some(rule), Some(due)) = (after.recurrence, after.due) else {
        prop_assert!(next.is_none(), "made {next:?} without rule and due");
        return Ok(());
    };
    let Some(next) = next else {
        prop_assert!(past_9999(after), "no next one after {after:?}");
        return Ok(());
    };
    prop_assert!(!next.completed, "the next one is completed: {next:?}");
    prop_assert_eq!(next.due, rule.next_due(due), "the next due after {:?}", due);
    let copied = |t: &NewTask| {
        let t = t.clone();
        (t.title, t.description, t.priority, t.tags, t.recurrence)
    };
    prop_assert_eq!(copied(next), copied(after), "fields not copied");
    prop_assert!(next.check().is_ok(), "{next:?}: {:?}", next.check());
    let years = [next.due.map(Due::year), next.remind_at.map(|at| at.year())];
    let within = years
        .into_iter()
        .flatten()
        .all(|y| (MIN_YEAR..=MAX_YEAR).contains(&y));
    prop_assert!(
        within,
        "the next one is not in the years 1 to 9999: {next:?}"
    );
    match (after.remind_at, next.remind_at, next.due) {
        (None, None, _) => {}
        (Some(before), Some(now), Some(next_due)) => {
            let was = due.latest_reminder() - before;
            let is = next_due.latest_reminder() - now;
            // chrono counts a leap second (its 60th second) in some differences only:
            // moving an instant on one by whole days can gain or lose that second.
            let leap =
                [before, now, due.latest_reminder()].map(|t| t.nanosecond() >= 1_000_000_000);
            let slack = TimeDelta::seconds(i64::from(leap.contains(&true)));
            let moved = format!("{before} for {due:?} ({was} before) to {now} for {next_due:?}");
            prop_assert!(
                (is - was).abs() <= slack,
                "reminder moved {moved} ({is} before)"
            );
        }
        (before, now, _) => prop_assert!(false, "reminder {before:?} became {now:?}"),
    }
    Ok(())
}

proptest! {
    #[test]
    fn completing_a_pending_recurring_task_makes_its_next_one(
        t in pending_recurring(),
        how in prop_oneof![Just(Completion::Toggle), Just(Completion::Set(true))],
    ) {
        let revision = t.complete(how);
        prop_assert_eq!(&revision.task, &NewTask { completed: true, ..t.state() });
        check_next(&revision.task, revision.next.as_ref())?;
    }

    #[test]
    fn only_completing_a_pending_task_once_makes_a_next_one(
        t in task(),
        how in prop_oneof![Just(Completion::Toggle), any::<bool>().prop_map(Completion::Set)],
    ) {
        let revision = t.complete(how);
        let completed = match how { Completion::Toggle => !t.completed, Completion::Set(v) => v };
        prop_assert_eq!(&revision.task, &NewTask { completed, ..t.state() });
        if !completed || t.completed || t.next_occurrence.is_some() {
            prop_assert!(revision.next.is_none(), "{:?} of {:?} made {:?}", how, t, revision.next);
        } else {
            check_next(&revision.task, revision.next.as_ref())?;
        }
    }

    #[test]
    fn check_accepts_exactly_a_due_for_a_rule_and_no_late_reminder(s in state()) {
        let needs_due = s.recurrence.is_some() && s.due.is_none();
        let late = matches!((s.remind_at, s.due), (Some(at), Some(due)) if at > due.latest_reminder());
        let fields: Vec<&str> = match s.check() {
            Ok(()) => vec![],
            Err(errors) => errors.iter().map(|e| e.field).collect(),
        };
        let expected: Vec<&str> = [(needs_due, "recurrence"), (late, "remind_at")]
            .into_iter().filter_map(|(broken, field)| broken.then_some(field)).collect();
        prop_assert_eq!(fields, expected, "check of {:?}", s);
    }

    #[test]
    fn a_patch_is_checked_and_completing_by_it_makes_the_next_one(
        t in task(),
        completed in option::of(any::<bool>()),
        priority in option::of(select(&Priority::ALL[..])),
        recurrence in option::of(option::of(rule())),
        due_at in option::of(option::of(instant())),
        due_date in option::of(option::of(date())),
        remind_at in option::of(option::of(instant())),
    ) {
        // Setting both kinds of due at once is not a change the API makes.
        prop_assume!(!matches!((due_at, due_date), (Some(Some(_)), Some(Some(_)))));
        let patch = TaskPatch { completed, priority, recurrence, due_at, due_date, remind_at, ..TaskPatch::default() };
        // Setting one kind replaces the due; clearing one clears a due of that kind.
        let due = match (due_at, due_date, t.due) {
            (Some(Some(at)), _, _) => Some(Due::At(at)),
            (_, Some(Some(on)), _) => Some(Due::On(on)),
            (Some(None), _, Some(Due::At(_))) | (_, Some(None), Some(Due::On(_))) => None,
            (_, _, before) => before,
        };
        let after = NewTask {
            completed: completed.unwrap_or(t.completed),
            priority: priority.unwrap_or(t.priority),
            recurrence: recurrence.unwrap_or(t.recurrence),
            due,
            remind_at: remind_at.unwrap_or(t.remind_at),
            ..t.state()
        };
        match t.revise(&patch) {
            Err(errors) => prop_assert_eq!(Err(errors), after.check(), "{:?} on {:?}", patch, t),
            Ok(revision) => {
                prop_assert!(after.check().is_ok(), "accepted {:?}", after);
                prop_assert_eq!(&revision.task, &after, "{:?} on {:?}", patch, t);
                if after.completed && !t.completed && t.next_occurrence.is_none() {
                    check_next(&after, revision.next.as_ref())?;
                } else {
                    prop_assert!(revision.next.is_none(), "{:?} on {:?} made one", patch, t);
                }
            }
        }
    }
}

/// What `check_next` found: a next reminder in the year 10000, which RFC 3339's
/// four-digit years cannot carry. 11:00 on the 25th may remind of the 24th.
#[test]
fn no_next_one_when_its_reminder_would_be_after_the_year_9999() {
    let at = |s: &str| Some(DateTime::parse_from_rfc3339(s).expect("instant").to_utc());
    let last = |remind| NewTask {
        due: Some(Due::On(
            NaiveDate::from_ymd_opt(9999, 12, 24).expect("date"),
        )),
        recurrence: Some(rule_of(Frequency::Week, 1)),
        remind_at: at(remind),
        ..NewTask::new(TaskTitle::parse("the end").expect("title"))
    };
    assert!(last("9999-12-25T11:00:00Z").check().is_ok());
    assert_eq!(next_occurrence(&last("9999-12-25T11:00:00Z")), None);
    let next = next_occurrence(&last("9999-12-24T23:00:00Z")).map(|n| n.remind_at);
    assert_eq!(next, Some(at("9999-12-31T23:00:00Z")));
}
