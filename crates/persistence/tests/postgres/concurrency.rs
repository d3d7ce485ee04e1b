//! Versions and conditional writes: every write counts a version, and a write made
//! for a version the task is no longer at changes nothing, even under concurrency.

use todo_domain::{
    Completion, Due, Frequency, Guarded, NewTask, Precondition, Recurrence, RevisionOutcome,
    TaskPatch, TaskRepository, TaskTitle, UserRepository,
};
use todo_persistence::PgStore;

use crate::{applied, date, new_task, revise, scope, store, task_rows};

fn at(version: i64) -> Precondition {
    Precondition::VersionIn(vec![version])
}

fn toggle(store: &PgStore, id: todo_domain::TaskId, precondition: &Precondition) -> bool {
    let alice = scope("alice");
    store
        .set_completion_unless_recurring(&alice, id, Completion::Toggle, precondition)
        .expect("statement")
        .is_some()
}

#[test]
fn every_write_counts_one_more_version() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("a")).expect("create");
    assert_eq!(task.version, 1);
    assert!(toggle(&store, task.id, &Precondition::Any));
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("b").expect("title")),
        ..TaskPatch::default()
    };
    let revised = applied(revise(&store, &alice, task.id, &patch));
    assert_eq!(revised.task.version, 3);
    let read = store.get(&alice, task.id).expect("get").expect("found");
    assert_eq!(read.version, 3);
}

#[test]
fn a_stale_write_changes_nothing_and_reports_the_task_as_it_is() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("a")).expect("create");
    assert!(toggle(&store, task.id, &at(1)), "version 1 is current");
    assert!(!toggle(&store, task.id, &at(1)), "version 1 is gone");
    assert!(!toggle(
        &store,
        task.id,
        &Precondition::VersionIn(Vec::new())
    ));
    let current = store.get(&alice, task.id).expect("get").expect("found");
    assert_eq!((current.version, current.completed), (2, true));

    let patch = TaskPatch {
        title: Some(TaskTitle::parse("mine").expect("title")),
        ..TaskPatch::default()
    };
    let outcome = store
        .revise(&alice, task.id, &at(1), &|t| t.revise(&patch))
        .expect("revise");
    assert_eq!(outcome, RevisionOutcome::Stale(current.clone()));
    assert_eq!(
        store.delete(&alice, task.id, &at(1)).expect("delete"),
        Guarded::Stale(current.clone())
    );
    assert_eq!(
        store.get(&alice, task.id).expect("get"),
        Some(current),
        "neither the revision nor the delete wrote"
    );
    assert_eq!(
        store.delete(&alice, task.id, &at(2)).expect("delete"),
        Guarded::Done(())
    );
    assert_eq!(
        store.delete(&alice, task.id, &at(2)).expect("delete"),
        Guarded::NotFound,
        "a task that is gone is not found, whatever the version"
    );
}

#[test]
fn a_foreign_task_is_not_found_whatever_the_precondition() {
    let (_db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("user");
    store.upsert(&bob).expect("user");
    let task = store.create(&alice, &new_task("a")).expect("create");
    assert_eq!(
        store.delete(&bob, task.id, &at(1)).expect("delete"),
        Guarded::NotFound
    );
    let outcome = store
        .revise(&bob, task.id, &at(1), &|t| {
            Ok(t.complete(Completion::Toggle))
        })
        .expect("revise");
    assert_eq!(outcome, RevisionOutcome::NotFound);
}

#[test]
fn of_concurrent_writes_for_one_version_exactly_one_lands() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let plain = store.create(&alice, &new_task("plain")).expect("create");
    let weekly = NewTask {
        due: Some(Due::On(date("2026-12-04"))),
        recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
        ..new_task("weekly")
    };
    let weekly = store.create(&alice, &weekly).expect("create");
    let store = PgStore::new(db.pool(8));
    for task in [plain, weekly] {
        let landed: usize = std::thread::scope(|s| {
            let writers: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        let alice = scope("alice");
                        let outcome = store
                            .revise(&alice, task.id, &at(1), &|t| {
                                Ok(t.complete(Completion::Toggle))
                            })
                            .expect("revise");
                        usize::from(matches!(outcome, RevisionOutcome::Applied(_)))
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().expect("join")).sum()
        });
        assert_eq!(landed, 1, "{}", task.title);
        let now = store.get(&alice, task.id).expect("get").expect("found");
        assert_eq!((now.version, now.completed), (2, true));
    }
    // The weekly task's one completion made one next occurrence.
    assert_eq!(task_rows(&mut db.connect()), 3);
}
