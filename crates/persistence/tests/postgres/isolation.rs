//! Every port method, called under one owner's scope on another owner's task.

use todo_domain::{Completion, TaskPatch, TaskQuery, TaskRepository, TaskTitle, UserRepository};

use crate::{new_task, scope, store};

#[test]
fn bob_cannot_reach_alices_task_through_any_method() {
    let (_db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("alice");
    store.upsert(&bob).expect("bob");
    let task = store
        .create(&alice, &new_task("alice's secret"))
        .expect("create");
    let patch = TaskPatch::new(
        Some(TaskTitle::parse("pwned").expect("t")),
        None,
        Some(true),
    )
    .expect("p");

    assert_eq!(store.get(&bob, task.id).expect("get"), None);
    assert_eq!(store.update(&bob, task.id, &patch).expect("update"), None);
    assert_eq!(
        store
            .set_completion(&bob, task.id, Completion::Toggle)
            .expect("c"),
        None
    );
    assert_eq!(
        store
            .set_completion(&bob, task.id, Completion::Set(true))
            .expect("c"),
        None
    );
    assert!(!store.delete(&bob, task.id).expect("delete"));
    let bobs = store.list(&bob, &TaskQuery::default()).expect("list");
    assert_eq!((bobs.total, bobs.tasks.len()), (0, 0));

    let unchanged = store
        .get(&alice, task.id)
        .expect("get")
        .expect("still there");
    assert_eq!(unchanged, task);
}

#[test]
fn a_search_never_matches_another_owners_tasks() {
    let (_db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("alice");
    store.upsert(&bob).expect("bob");
    store
        .create(&alice, &new_task("shared word"))
        .expect("create");
    store
        .create(&bob, &new_task("shared word too"))
        .expect("create");
    let query = TaskQuery::new(
        todo_domain::StatusFilter::All,
        todo_domain::SortKey::Created,
        None,
        Some("shared".into()),
        100,
        0,
    );
    let page = store.list(&bob, &query).expect("list");
    assert_eq!(page.total, 1);
    assert_eq!(page.tasks[0].user_id.as_str(), "bob");
}
