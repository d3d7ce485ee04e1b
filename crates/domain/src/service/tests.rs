use super::*;
use crate::testing::InMemoryStore;
use crate::{Caller, TaskTitle, UserId, UserProfile};

fn caller(id: &str) -> Caller {
    Caller::from_verified_subject(UserId::parse(id).expect("id"), UserProfile::default())
}

fn service() -> (TaskService, Arc<InMemoryStore>) {
    let store = Arc::new(InMemoryStore::default());
    (TaskService::new(store.clone(), store.clone()), store)
}

fn new_task(title: &str) -> NewTask {
    NewTask::new(TaskTitle::parse(title).expect("title"))
}

fn alice_with_a_task() -> (TaskService, Arc<InMemoryStore>, OwnerScope, Task) {
    let (svc, store) = service();
    let alice = caller("alice").scope_to("alice").expect("scope");
    let task = svc.create(&alice, &new_task("alice's")).expect("create");
    (svc, store, alice, task)
}

#[test]
fn bob_cannot_read_alices_task() {
    let (svc, _, _, task) = alice_with_a_task();
    let bob = caller("bob").scope_to("bob").expect("scope");
    assert!(matches!(
        svc.get(&bob, &task.id.to_string()),
        Err(TaskError::NotFound)
    ));
}

#[test]
fn bob_cannot_update_complete_or_delete_alices_task() {
    let (svc, store, _, task) = alice_with_a_task();
    let bob = caller("bob").scope_to("bob").expect("scope");
    let id = task.id.to_string();
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("mine").expect("t")),
        ..TaskPatch::default()
    };
    assert!(matches!(
        svc.update(&bob, &id, &patch, &Precondition::Any),
        Err(TaskError::NotFound)
    ));
    assert!(matches!(
        svc.set_completion(&bob, &id, Completion::Toggle, &Precondition::Any),
        Err(TaskError::NotFound)
    ));
    assert!(matches!(
        svc.delete(&bob, &id, &Precondition::Any),
        Err(TaskError::NotFound)
    ));
    assert_eq!(store.all_tasks(), vec![task]);
}

#[test]
fn bob_does_not_see_alices_task_in_his_list() {
    let (svc, _, _, _) = alice_with_a_task();
    let bob = caller("bob").scope_to("bob").expect("scope");
    let page = svc.list(&bob, &TaskQuery::default()).expect("list");
    assert_eq!(page.total, 0);
    assert!(page.tasks.is_empty());
}

#[test]
fn malformed_ids_are_not_found() {
    let (svc, _, alice, _) = alice_with_a_task();
    for id in ["abc", "0", "-1", "1.5"] {
        assert!(matches!(svc.get(&alice, id), Err(TaskError::NotFound)));
    }
}

#[test]
fn the_owner_can_complete_update_and_delete() {
    let (svc, _, alice, task) = alice_with_a_task();
    let id = task.id.to_string();
    let toggled = svc
        .set_completion(&alice, &id, Completion::Toggle, &Precondition::Any)
        .expect("toggle");
    assert!(toggled.task.completed);
    let set = svc
        .set_completion(&alice, &id, Completion::Set(true), &Precondition::Any)
        .expect("set");
    assert!(set.task.completed);
    let patch = TaskPatch {
        completed: Some(false),
        ..TaskPatch::default()
    };
    assert!(
        !svc.update(&alice, &id, &patch, &Precondition::Any)
            .expect("update")
            .task
            .completed
    );
    svc.delete(&alice, &id, &Precondition::Any).expect("delete");
    assert!(matches!(svc.get(&alice, &id), Err(TaskError::NotFound)));
}

#[test]
fn completing_a_recurring_task_goes_through_a_revision_and_makes_the_next() {
    use crate::{Due, Frequency, Recurrence};
    let (svc, store, alice, plain) = alice_with_a_task();
    let weekly = NewTask {
        due: Some(Due::On("2026-12-04".parse().expect("date"))),
        recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
        ..new_task("weekly")
    };
    let weekly = svc.create(&alice, &weekly).expect("create");
    let done = svc
        .set_completion(
            &alice,
            &plain.id.to_string(),
            Completion::Toggle,
            &Precondition::Any,
        )
        .expect("plain");
    assert!(done.task.completed && done.next.is_none());
    let done = svc
        .set_completion(
            &alice,
            &weekly.id.to_string(),
            Completion::Toggle,
            &Precondition::Any,
        )
        .expect("weekly");
    let next = done.next.expect("a next occurrence");
    assert_eq!(next.due, Some(Due::On("2026-12-11".parse().expect("date"))));
    assert_eq!(store.all_tasks().len(), 3);
}

#[test]
fn a_user_row_deleted_behind_the_cache_is_provisioned_again_on_create() {
    let (svc, store, alice, _) = alice_with_a_task();
    store.delete_user(alice.owner());
    let task = svc.create(&alice, &new_task("again")).expect("create");
    assert_eq!(store.all_tasks(), vec![task]);
    assert_eq!(store.upserts(), 2);
}

#[test]
fn a_user_is_provisioned_once_while_the_profile_stays_the_same() {
    let (svc, store) = service();
    let alice = caller("alice").scope_to("alice").expect("scope");
    for _ in 0..3 {
        svc.list(&alice, &TaskQuery::default()).expect("list");
    }
    assert_eq!(store.upserts(), 1);
    let renamed = Caller::from_verified_subject(
        UserId::parse("alice").expect("id"),
        UserProfile::new(Some("a@example.com"), Some("Alice")),
    )
    .scope_to("alice")
    .expect("scope");
    svc.list(&renamed, &TaskQuery::default()).expect("list");
    assert_eq!(store.upserts(), 2);
}

fn once(key: &str, fingerprint: &str) -> OnceKey {
    OnceKey {
        key: crate::IdempotencyKey::parse(key).expect("key"),
        fingerprint: fingerprint.to_owned(),
    }
}

#[test]
fn a_create_once_is_replayed_to_a_retry_and_refused_to_another_request() {
    let (svc, store) = service();
    let alice = caller("alice").scope_to("alice").expect("scope");
    let first = svc
        .create_once(&alice, &new_task("milk"), &once("k", "f"))
        .expect("create");
    let again = svc
        .create_once(&alice, &new_task("milk"), &once("k", "f"))
        .expect("retry");
    assert_eq!(again, first);
    assert!(matches!(
        svc.create_once(&alice, &new_task("bread"), &once("k", "other")),
        Err(TaskError::KeyReused)
    ));
    assert_eq!(store.all_tasks(), vec![first]);
}

#[test]
fn a_create_once_that_breaks_a_rule_stores_nothing_and_keeps_the_key_free() {
    let (svc, store) = service();
    let alice = caller("alice").scope_to("alice").expect("scope");
    let broken = NewTask {
        recurrence: Some(crate::Recurrence::new(crate::Frequency::Day, 1).expect("rule")),
        ..new_task("no due")
    };
    assert!(matches!(
        svc.create_once(&alice, &broken, &once("k", "f")),
        Err(TaskError::Invalid(_))
    ));
    assert!(store.all_tasks().is_empty());
    svc.create_once(&alice, &new_task("fixed"), &once("k", "g"))
        .expect("the key is still free");
}

#[test]
fn writes_for_a_stale_version_fail_with_the_task_as_it_is() {
    let (svc, store, alice, task) = alice_with_a_task();
    let id = task.id.to_string();
    let at_one = Precondition::VersionIn(vec![1]);
    let done = svc
        .set_completion(&alice, &id, Completion::Toggle, &at_one)
        .expect("version 1 is current");
    assert_eq!(done.task.version, 2);
    let stale = |result: Result<_, TaskError>| match result {
        Err(TaskError::Stale(current)) => *current,
        other => panic!("expected Stale, got {other:?}"),
    };
    assert_eq!(
        stale(
            svc.set_completion(&alice, &id, Completion::Toggle, &at_one)
                .map(|_| ())
        ),
        done.task
    );
    let patch = TaskPatch {
        completed: Some(false),
        ..TaskPatch::default()
    };
    assert_eq!(
        stale(svc.update(&alice, &id, &patch, &at_one).map(|_| ())),
        done.task
    );
    assert_eq!(stale(svc.delete(&alice, &id, &at_one)), done.task);
    assert_eq!(store.all_tasks(), vec![done.task]);
}
