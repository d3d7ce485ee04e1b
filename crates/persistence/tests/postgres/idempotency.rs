//! Creates made once per key: stored with the task, answered again to a retry,
//! refused to another request, per user, for a day.

use diesel::RunQueryDsl;
use todo_domain::{
    CreatedOnce, IdempotencyKey, OnceKey, TaskId, TaskPatch, TaskRepository, TaskTitle,
    UserRepository,
};
use todo_persistence::PgStore;

use crate::{applied, new_task, revise, scope, store, task_rows};

fn once(key: &str, fingerprint: &str) -> OnceKey {
    OnceKey {
        key: IdempotencyKey::parse(key).expect("key"),
        fingerprint: fingerprint.to_owned(),
    }
}

#[test]
fn a_repeat_answers_the_task_as_it_was_created_and_creates_nothing() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = match store
        .create_once(&alice, &new_task("milk"), &once("k1", "f1"))
        .expect("create")
    {
        CreatedOnce::Created(task) => task,
        other => panic!("expected a create, got {other:?}"),
    };
    // The task changes afterwards: the repeat still answers as the first did.
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("oat milk").expect("title")),
        ..TaskPatch::default()
    };
    applied(revise(&store, &alice, created.id, &patch));
    let again = store
        .create_once(&alice, &new_task("milk"), &once("k1", "f1"))
        .expect("repeat");
    assert_eq!(again, CreatedOnce::Replayed(created));
    assert_eq!(task_rows(&mut db.connect()), 1);
    let other = store
        .create_once(&alice, &new_task("bread"), &once("k1", "f2"))
        .expect("reuse");
    assert_eq!(other, CreatedOnce::KeyReused);
    assert_eq!(task_rows(&mut db.connect()), 1);
}

#[test]
fn keys_are_per_user() {
    let (db, store) = store();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("user");
    store.upsert(&bob).expect("user");
    let a = store
        .create_once(&alice, &new_task("a"), &once("same", "f"))
        .expect("alice");
    let b = store
        .create_once(&bob, &new_task("a"), &once("same", "f"))
        .expect("bob");
    let (CreatedOnce::Created(a), CreatedOnce::Created(b)) = (a, b) else {
        panic!("each user creates their own task");
    };
    assert_ne!(a.id, b.id);
    assert_eq!(b.user_id.as_str(), "bob");
    assert_eq!(task_rows(&mut db.connect()), 2);
}

#[test]
fn a_key_older_than_a_day_is_forgotten() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    store
        .create_once(&alice, &new_task("a"), &once("old", "f"))
        .expect("create");
    diesel::sql_query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'")
        .execute(&mut db.connect())
        .expect("age the key");
    let later = store
        .create_once(&alice, &new_task("b"), &once("old", "other"))
        .expect("create again");
    assert!(
        matches!(later, CreatedOnce::Created(ref t) if t.title == "b"),
        "{later:?}"
    );
    assert_eq!(task_rows(&mut db.connect()), 2);
}

#[test]
fn concurrent_requests_with_one_key_create_one_task_and_answer_alike() {
    let (db, _) = store();
    let store = PgStore::new(db.pool(10));
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let answers: Vec<CreatedOnce> = std::thread::scope(|s| {
        let requests: Vec<_> = (0..20)
            .map(|_| {
                s.spawn(|| {
                    store
                        .create_once(&scope("alice"), &new_task("once"), &once("race", "f"))
                        .expect("create")
                })
            })
            .collect();
        requests
            .into_iter()
            .map(|r| r.join().expect("join"))
            .collect()
    });
    let tasks: Vec<_> = answers
        .iter()
        .map(|a| match a {
            CreatedOnce::Created(t) | CreatedOnce::Replayed(t) => t.clone(),
            CreatedOnce::KeyReused => panic!("same fingerprint"),
        })
        .collect();
    let created = answers
        .iter()
        .filter(|a| matches!(a, CreatedOnce::Created(_)))
        .count();
    assert_eq!(created, 1);
    assert!(tasks.iter().all(|t| *t == tasks[0]), "identical answers");
    assert_eq!(task_rows(&mut db.connect()), 1);
    assert!(
        store
            .get(&alice, TaskId::new(tasks[0].id.get()))
            .expect("get")
            .is_some()
    );
}
