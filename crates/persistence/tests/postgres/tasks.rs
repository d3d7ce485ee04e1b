//! Create, read, change and delete one task.

use todo_domain::{
    Completion, Guarded, Precondition, RevisionOutcome, TaskDescription, TaskId, TaskPatch,
    TaskRepository, TaskTitle, UserRepository,
};

use crate::{applied, complete, described, new_task, revise, scope, store};

#[test]
fn a_created_task_reads_back_with_server_owned_fields() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store
        .create(&alice, &described("Buy milk", "2 litres"))
        .expect("create");
    assert!(created.id.get() > 0);
    assert_eq!(created.user_id.as_str(), "alice");
    assert_eq!(created.title, "Buy milk");
    assert_eq!(created.description.as_deref(), Some("2 litres"));
    assert!(!created.completed);
    assert_eq!(created.next_occurrence, None);
    assert_eq!(created.created_at, created.updated_at);
    let read = store.get(&alice, created.id).expect("get").expect("found");
    assert_eq!(read, created);
}

#[test]
fn a_revision_keeps_unnamed_fields_and_bumps_updated_at() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store
        .create(&alice, &described("Old", "keep me"))
        .expect("create");
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("New").expect("t")),
        ..TaskPatch::default()
    };
    let updated = applied(revise(&store, &alice, created.id, &patch)).task;
    assert_eq!(updated.title, "New");
    assert_eq!(updated.description.as_deref(), Some("keep me"));
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at > created.updated_at);
    assert_eq!(
        store.get(&alice, created.id).expect("get"),
        Some(updated),
        "what revise answers is what was stored"
    );
}

#[test]
fn a_null_description_clears_it() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store.create(&alice, &described("T", "D")).expect("create");
    let clear = TaskPatch {
        description: Some(None),
        ..TaskPatch::default()
    };
    assert_eq!(
        applied(revise(&store, &alice, created.id, &clear))
            .task
            .description,
        None
    );
    let again = TaskPatch {
        description: Some(Some(TaskDescription::parse("again").expect("d"))),
        completed: Some(true),
        ..TaskPatch::default()
    };
    let updated = applied(revise(&store, &alice, created.id, &again)).task;
    assert_eq!(updated.description.as_deref(), Some("again"));
    assert!(updated.completed);
}

#[test]
fn completion_toggles_and_sets() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("T")).expect("create");
    let set = |c| applied(complete(&store, &alice, task.id, c)).task.completed;
    assert!(set(Completion::Toggle));
    assert!(!set(Completion::Toggle));
    assert!(set(Completion::Set(true)));
    assert!(set(Completion::Set(true)));
    assert!(!set(Completion::Set(false)));
}

#[test]
fn concurrent_toggles_each_flip_once() {
    let (db, _) = store();
    let store = todo_persistence::PgStore::new(db.pool(8));
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("T")).expect("create");
    std::thread::scope(|s| {
        for _ in 0..10 {
            s.spawn(|| applied(complete(&store, &alice, task.id, Completion::Toggle)));
        }
    });
    // Each toggle decides under the row lock from what the one before committed:
    // an even number of them brings it back to where it started.
    let after = store.get(&alice, task.id).expect("get").expect("found");
    assert!(!after.completed);
}

#[test]
fn delete_removes_once() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("T")).expect("create");
    assert_eq!(
        store
            .delete(&alice, task.id, &Precondition::Any)
            .expect("delete"),
        Guarded::Done(())
    );
    assert_eq!(
        store
            .delete(&alice, task.id, &Precondition::Any)
            .expect("delete again"),
        Guarded::NotFound
    );
    assert_eq!(store.get(&alice, task.id).expect("get"), None);
}

#[test]
fn missing_ids_are_not_found_not_errors() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let missing = TaskId::new(i64::MAX);
    assert_eq!(store.get(&alice, missing).expect("get"), None);
    let patch = TaskPatch {
        completed: Some(true),
        ..TaskPatch::default()
    };
    assert_eq!(
        revise(&store, &alice, missing, &patch),
        RevisionOutcome::NotFound
    );
    assert_eq!(
        complete(&store, &alice, missing, Completion::Toggle),
        RevisionOutcome::NotFound
    );
    assert_eq!(
        store
            .delete(&alice, missing, &Precondition::Any)
            .expect("delete"),
        Guarded::NotFound
    );
}

#[test]
fn unicode_titles_of_200_characters_fit_the_column() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let title = "🥛".repeat(200);
    let task = store.create(&alice, &new_task(&title)).expect("create");
    assert_eq!(task.title, title);
    let description = "é".repeat(1000);
    let task = store
        .create(&alice, &described("d", &description))
        .expect("create");
    assert_eq!(task.description.as_deref(), Some(description.as_str()));
}

#[test]
fn ping_answers_when_the_database_is_up() {
    let (_db, store) = store();
    store.ping().expect("ping");
}
