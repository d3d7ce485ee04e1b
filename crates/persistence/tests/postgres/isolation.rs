//! Every port method and every list parameter, under one owner's scope, against
//! another owner's tasks.

use std::sync::atomic::{AtomicBool, Ordering};

use todo_domain::{
    Completion, Due, DueBound, DueFilter, Frequency, Guarded, NewTask, Precondition, Priority,
    Recurrence, RevisionOutcome, SortKey, SortOrder, StatusFilter, Tag, Tags, TaskPatch, TaskQuery,
    TaskRepository, TaskTitle, UserRepository,
};

use crate::{complete, date, instant, new_task, revise, scope, store, task_rows, tz, with};

/// A task that every planning filter below keeps: owned by whoever creates it.
fn planned(title: &str) -> NewTask {
    NewTask {
        priority: Priority::High,
        tags: Tags::parse(["Shared", "work"]).expect("tags"),
        due: Some(Due::At(instant("2026-12-04T10:00:00Z"))),
        recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
        ..new_task(title)
    }
}

#[test]
fn bob_cannot_reach_alices_task_through_any_method() {
    let (db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("alice");
    store.upsert(&bob).expect("bob");
    let task = store
        .create(&alice, &planned("alice's secret"))
        .expect("create");
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("pwned").expect("t")),
        completed: Some(true),
        ..TaskPatch::default()
    };

    assert_eq!(store.get(&bob, task.id).expect("get"), None);
    assert_eq!(
        revise(&store, &bob, task.id, &patch),
        RevisionOutcome::NotFound
    );
    for completion in [Completion::Toggle, Completion::Set(true)] {
        assert_eq!(
            complete(&store, &bob, task.id, completion),
            RevisionOutcome::NotFound
        );
    }
    // The domain's rules never even see a foreign task.
    let consulted = AtomicBool::new(false);
    let outcome = store
        .revise(&bob, task.id, &Precondition::Any, &|t| {
            consulted.store(true, Ordering::SeqCst);
            Ok(t.complete(Completion::Set(true)))
        })
        .expect("revise");
    assert_eq!(outcome, RevisionOutcome::NotFound);
    assert!(!consulted.load(Ordering::SeqCst));
    assert_eq!(
        store
            .delete(&bob, task.id, &Precondition::Any)
            .expect("delete"),
        Guarded::NotFound
    );
    let bobs = store.list(&bob, &TaskQuery::default()).expect("list");
    assert_eq!((bobs.total, bobs.tasks.len()), (0, 0));

    let unchanged = store
        .get(&alice, task.id)
        .expect("get")
        .expect("still there");
    assert_eq!(unchanged, task);
    assert_eq!(
        task_rows(&mut db.connect()),
        1,
        "no next occurrence was made"
    );
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
        StatusFilter::All,
        SortKey::Created,
        None,
        Some("shared".into()),
        100,
        0,
    );
    let page = store.list(&bob, &query).expect("list");
    assert_eq!(page.total, 1);
    assert_eq!(page.tasks[0].user_id.as_str(), "bob");
}

#[test]
fn planning_filters_and_sorts_never_show_another_owners_tasks() {
    let (_db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("alice");
    store.upsert(&bob).expect("bob");
    let alices = store.create(&alice, &planned("alice")).expect("create");
    for owner in [&alice, &bob, &bob] {
        store.create(owner, &planned("twin")).expect("create");
        let dated = NewTask {
            due: Some(Due::On(date("2026-12-04"))),
            ..planned("twin")
        };
        store.create(owner, &dated).expect("create");
    }
    let alice_count = 3;
    let paris = tz("Europe/Paris");
    let bound = |s| DueBound::new(instant(s), paris);
    let base = || with(TaskQuery::default(), |q| q.tz = paris);
    let window = DueFilter {
        after: Some(bound("2026-12-01T00:00:00Z")),
        before: Some(bound("2026-12-05T00:00:00Z")),
        has_due: None,
    };
    let queries = [
        with(base(), |q| q.priorities = vec![Priority::High]),
        with(base(), |q| {
            q.tags = vec![Tag::parse("SHARED").expect("tag")]
        }),
        with(base(), |q| q.due = window),
        with(base(), |q| q.due.has_due = Some(true)),
        TaskQuery::new(StatusFilter::All, SortKey::Due, None, None, 100, 0),
        TaskQuery::new(
            StatusFilter::Pending,
            SortKey::Priority,
            Some(SortOrder::Asc),
            None,
            100,
            0,
        ),
    ];
    for query in &queries {
        let page = store.list(&alice, query).expect("list");
        assert_eq!(page.total, alice_count, "{query:?}");
        assert!(
            page.tasks.iter().all(|t| t.user_id.as_str() == "alice"),
            "{query:?}"
        );
    }
    assert!(
        store
            .list(&alice, &queries[0])
            .expect("list")
            .tasks
            .contains(&alices)
    );
}
