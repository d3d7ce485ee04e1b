use todo_domain::{
    Completion, TaskDescription, TaskId, TaskPatch, TaskRepository, TaskTitle, UserRepository,
};

use crate::{described, new_task, scope, store};

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
    assert_eq!(created.created_at, created.updated_at);
    let read = store.get(&alice, created.id).expect("get").expect("found");
    assert_eq!(read, created);
}

#[test]
fn update_sets_only_named_fields_and_bumps_updated_at() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store
        .create(&alice, &described("Old", "keep me"))
        .expect("create");
    let patch = TaskPatch::new(Some(TaskTitle::parse("New").expect("t")), None, None).expect("p");
    let updated = store
        .update(&alice, created.id, &patch)
        .expect("update")
        .expect("found");
    assert_eq!(updated.title, "New");
    assert_eq!(updated.description.as_deref(), Some("keep me"));
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at > created.updated_at);
}

#[test]
fn update_with_null_description_clears_it() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store.create(&alice, &described("T", "D")).expect("create");
    let patch = TaskPatch::new(None, Some(None), None).expect("p");
    let updated = store
        .update(&alice, created.id, &patch)
        .expect("update")
        .expect("found");
    assert_eq!(updated.description, None);
    let patch = TaskPatch::new(
        None,
        Some(Some(TaskDescription::parse("again").expect("d"))),
        Some(true),
    )
    .expect("p");
    let updated = store
        .update(&alice, created.id, &patch)
        .expect("update")
        .expect("found");
    assert_eq!(updated.description.as_deref(), Some("again"));
    assert!(updated.completed);
}

#[test]
fn completion_toggles_and_sets() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("T")).expect("create");
    let toggle = |c| {
        store
            .set_completion(&alice, task.id, c)
            .expect("set")
            .expect("found")
    };
    assert!(toggle(Completion::Toggle).completed);
    assert!(!toggle(Completion::Toggle).completed);
    assert!(toggle(Completion::Set(true)).completed);
    assert!(toggle(Completion::Set(true)).completed);
    assert!(!toggle(Completion::Set(false)).completed);
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
            s.spawn(|| {
                store
                    .set_completion(&alice, task.id, Completion::Toggle)
                    .expect("toggle")
            });
        }
    });
    // An even number of atomic toggles brings it back to where it started.
    let after = store.get(&alice, task.id).expect("get").expect("found");
    assert!(!after.completed);
}

#[test]
fn delete_removes_once() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &new_task("T")).expect("create");
    assert!(store.delete(&alice, task.id).expect("delete"));
    assert!(!store.delete(&alice, task.id).expect("delete again"));
    assert_eq!(store.get(&alice, task.id).expect("get"), None);
}

#[test]
fn missing_ids_are_none_not_errors() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let missing = TaskId::new(i64::MAX);
    assert_eq!(store.get(&alice, missing).expect("get"), None);
    let patch = TaskPatch::new(None, None, Some(true)).expect("p");
    assert_eq!(store.update(&alice, missing, &patch).expect("update"), None);
    assert_eq!(
        store
            .set_completion(&alice, missing, Completion::Toggle)
            .expect("c"),
        None
    );
    assert!(!store.delete(&alice, missing).expect("delete"));
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
