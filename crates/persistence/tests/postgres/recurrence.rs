//! Completing a recurring task: the task and its next occurrence in one
//! transaction, made once, and never half of it.

use chrono::TimeDelta;
use diesel::connection::SimpleConnection;
use todo_domain::{
    Completion, Due, Frequency, Guarded, NewTask, Precondition, Priority, Recurrence, RepoError,
    Tags, Task, TaskPatch, TaskRepository, UserRepository,
};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

use crate::{applied, complete, date, described, instant, revise, scope, store, task_rows};

fn weekly(title: &str) -> NewTask {
    NewTask {
        priority: Priority::High,
        tags: Tags::parse(["Home", "chores"]).expect("tags"),
        due: Some(Due::At(instant("2026-12-04T17:00:00Z"))),
        recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
        remind_at: Some(instant("2026-12-04T16:00:00Z")),
        ..described(title, "every Friday")
    }
}

fn seeded(title: &str) -> (TestDatabase, PgStore, todo_domain::OwnerScope, Task) {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &weekly(title)).expect("create");
    (db, store, alice, task)
}

#[test]
fn completing_a_weekly_task_stores_it_and_its_next_occurrence() {
    let (db, store, alice, task) = seeded("bins");
    let revised = applied(complete(&store, &alice, task.id, Completion::Set(true)));
    let next = revised.next.expect("a next occurrence");
    let done = revised.task;

    assert!(done.completed);
    assert_eq!(done.next_occurrence, Some(next.id));
    assert_eq!(
        NewTask {
            completed: true,
            ..done.state()
        },
        NewTask {
            completed: true,
            ..task.state()
        }
    );
    assert_ne!(next.id, task.id);
    assert!(!next.completed);
    assert_eq!(next.next_occurrence, None);
    assert_eq!(next.due, Some(Due::At(instant("2026-12-11T17:00:00Z"))));
    assert_eq!(next.remind_at, Some(instant("2026-12-11T16:00:00Z")));
    assert_eq!(
        NewTask {
            due: task.due,
            remind_at: task.remind_at,
            ..next.state()
        },
        task.state(),
        "title, description, priority, tags and rule are copied"
    );
    // Both halves are stored, and read back as answered.
    assert_eq!(store.get(&alice, done.id).expect("get"), Some(done));
    assert_eq!(store.get(&alice, next.id).expect("get"), Some(next));
    assert_eq!(task_rows(&mut db.connect()), 2);
}

#[test]
fn a_date_only_monthly_due_moves_to_the_clamped_month_end() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = NewTask {
        due: Some(Due::On(date("2027-01-31"))),
        recurrence: Some(Recurrence::new(Frequency::Month, 1).expect("rule")),
        ..crate::new_task("rent")
    };
    let task = store.create(&alice, &task).expect("create");
    // Completing through a PUT-style patch makes the next one too.
    let patch = TaskPatch {
        completed: Some(true),
        ..TaskPatch::default()
    };
    let next = applied(revise(&store, &alice, task.id, &patch))
        .next
        .expect("next");
    assert_eq!(next.due, Some(Due::On(date("2027-02-28"))));
}

#[test]
fn completing_again_after_un_completing_creates_no_second_one() {
    let (db, store, alice, task) = seeded("bins");
    let first = applied(complete(&store, &alice, task.id, Completion::Toggle));
    let made = first.next.expect("next").id;
    let undone = applied(complete(&store, &alice, task.id, Completion::Toggle));
    assert!(!undone.task.completed);
    assert_eq!(undone.next, None);
    assert_eq!(
        undone.task.next_occurrence,
        Some(made),
        "the marker is kept"
    );
    let again = applied(complete(&store, &alice, task.id, Completion::Set(true)));
    assert_eq!(again.next, None);
    assert_eq!(again.task.next_occurrence, Some(made));
    assert_eq!(task_rows(&mut db.connect()), 2);
}

#[test]
fn deleting_the_next_occurrence_does_not_let_a_second_one_be_made() {
    let (db, store, alice, task) = seeded("bins");
    let next = applied(complete(&store, &alice, task.id, Completion::Set(true)))
        .next
        .expect("next");
    assert_eq!(
        store
            .delete(&alice, next.id, &Precondition::Any)
            .expect("delete"),
        Guarded::Done(())
    );
    applied(complete(&store, &alice, task.id, Completion::Set(false)));
    let again = applied(complete(&store, &alice, task.id, Completion::Set(true)));
    assert_eq!(again.next, None);
    assert_eq!(task_rows(&mut db.connect()), 1);
}

#[test]
fn concurrent_completions_make_one_next_occurrence() {
    let (db, _, alice, task) = seeded("bins");
    let store = PgStore::new(db.pool(8));
    let made: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| complete(&store, &alice, task.id, Completion::Set(true))))
            .collect();
        handles
            .into_iter()
            .map(|h| applied(h.join().expect("join")).next.iter().count())
            .sum()
    });
    assert_eq!(made, 1);
    assert_eq!(task_rows(&mut db.connect()), 2);
}

/// Makes this test's database refuse a statement: the trigger raises a
/// check_violation, a rule of the schema, which the store reports as Internal.
fn refuse(db: &TestDatabase, when: &str) {
    db.connect()
        .batch_execute(&format!(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$; \
             CREATE TRIGGER refuse BEFORE {when} EXECUTE FUNCTION refuse();"
        ))
        .expect("install the trigger");
}

fn assert_nothing_changed(db: &TestDatabase, store: &PgStore, task: &Task) {
    let alice = scope("alice");
    assert_eq!(
        store.get(&alice, task.id).expect("get").as_ref(),
        Some(task)
    );
    assert_eq!(
        task_rows(&mut db.connect()),
        1,
        "no next occurrence was kept"
    );
}

#[test]
fn a_failure_after_the_next_occurrence_was_inserted_leaves_neither_half() {
    let (db, store, alice, task) = seeded("bins");
    // The update of the task comes after the insert of its next occurrence.
    refuse(
        &db,
        "UPDATE ON tasks FOR EACH ROW \
         WHEN (NEW.next_occurrence_id IS DISTINCT FROM OLD.next_occurrence_id)",
    );
    let err = store
        .revise(&alice, task.id, &Precondition::Any, &|t| {
            Ok(t.complete(Completion::Set(true)))
        })
        .expect_err("the update is refused");
    assert!(matches!(err, RepoError::Internal(_)), "{err:?}");
    assert_nothing_changed(&db, &store, &task);

    // Proof that the insert did happen first, inside the rolled-back transaction:
    // the identity it drew is gone for good, so the next task gets a later id.
    db.connect()
        .batch_execute("DROP TRIGGER refuse ON tasks")
        .expect("drop the trigger");
    let next = applied(complete(&store, &alice, task.id, Completion::Set(true)))
        .next
        .expect("next");
    assert!(next.id.get() > task.id.get() + 1, "{next:?}");
    assert_eq!(task_rows(&mut db.connect()), 2);
}

#[test]
fn a_failed_insert_of_the_next_occurrence_leaves_the_task_as_it_was() {
    let (db, store, alice, task) = seeded("explode");
    refuse(
        &db,
        "INSERT ON tasks FOR EACH ROW WHEN (NEW.title = 'explode')",
    );
    let err = store
        .revise(&alice, task.id, &Precondition::Any, &|t| {
            Ok(t.complete(Completion::Set(true)))
        })
        .expect_err("the insert is refused");
    assert!(matches!(err, RepoError::Internal(_)), "{err:?}");
    assert_nothing_changed(&db, &store, &task);
}

#[test]
fn a_completion_that_would_be_due_after_the_year_9999_makes_none() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let late = NewTask {
        due: Some(Due::At(instant("9999-12-31T00:00:00Z"))),
        remind_at: Some(instant("9999-12-31T00:00:00Z") - TimeDelta::hours(1)),
        recurrence: Some(Recurrence::new(Frequency::Day, 1).expect("rule")),
        ..crate::new_task("last")
    };
    let task = store.create(&alice, &late).expect("create");
    let revised = applied(complete(&store, &alice, task.id, Completion::Set(true)));
    assert_eq!(revised.next, None);
    assert_eq!(revised.task.next_occurrence, None);
    assert_eq!(task_rows(&mut db.connect()), 1);
}

#[test]
fn the_one_statement_completion_leaves_recurring_and_foreign_tasks_alone() {
    let (db, store, alice, recurring) = seeded("bins");
    store.upsert(&scope("bob")).expect("user");
    let plain = store
        .create(&alice, &described("letter", "post it"))
        .expect("create");
    let toggled = store
        .set_completion_unless_recurring(&alice, plain.id, Completion::Toggle, &Precondition::Any)
        .expect("statement")
        .expect("a plain task");
    assert!(toggled.completed);
    assert!(toggled.updated_at > plain.updated_at);
    let set = store
        .set_completion_unless_recurring(
            &alice,
            plain.id,
            Completion::Set(true),
            &Precondition::Any,
        )
        .expect("statement")
        .expect("a plain task");
    assert!(set.completed);
    // A recurring task is for `revise`, which makes its next occurrence; another
    // owner's task is not found. Neither changes.
    for (owner, id) in [(&alice, recurring.id), (&scope("bob"), plain.id)] {
        let answer = store
            .set_completion_unless_recurring(owner, id, Completion::Toggle, &Precondition::Any)
            .expect("statement");
        assert_eq!(answer, None);
    }
    let get = |id| store.get(&alice, id).expect("get").expect("there");
    assert_eq!(get(recurring.id), recurring);
    assert_eq!(get(plain.id), set);
    drop(db);
}
