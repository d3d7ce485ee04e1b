//! Filters, search, sorting and paging of a list.

use todo_domain::{
    Completion, OwnerScope, SortKey, SortOrder, StatusFilter, TaskPatch, TaskQuery, TaskRepository,
    TaskTitle, UserRepository,
};
use todo_persistence::PgStore;

use crate::{applied, complete, described, new_task, query, revise, scope, store, titles};

fn seeded() -> (todo_persistence::test_db::TestDatabase, PgStore, OwnerScope) {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    for title in ["banana", "Apple", "cherry"] {
        store.create(&alice, &new_task(title)).expect("create");
    }
    (db, store, alice)
}

#[test]
fn default_order_is_newest_first() {
    let (_db, store, alice) = seeded();
    assert_eq!(
        titles(&store, &alice, &TaskQuery::default()),
        ["cherry", "Apple", "banana"]
    );
}

#[test]
fn title_sort_is_case_insensitive_and_ascending_by_default() {
    let (_db, store, alice) = seeded();
    let q = query(StatusFilter::All, SortKey::Title, None, None);
    assert_eq!(titles(&store, &alice, &q), ["Apple", "banana", "cherry"]);
    let q = query(
        StatusFilter::All,
        SortKey::Title,
        Some(SortOrder::Desc),
        None,
    );
    assert_eq!(titles(&store, &alice, &q), ["cherry", "banana", "Apple"]);
}

#[test]
fn updated_sort_puts_the_last_changed_first() {
    let (_db, store, alice) = seeded();
    let first = store
        .list(
            &alice,
            &query(
                StatusFilter::All,
                SortKey::Created,
                Some(SortOrder::Asc),
                None,
            ),
        )
        .expect("list")
        .tasks[0]
        .clone();
    let patch = TaskPatch {
        title: Some(TaskTitle::parse("banana split").expect("t")),
        ..TaskPatch::default()
    };
    applied(revise(&store, &alice, first.id, &patch));
    let q = query(StatusFilter::All, SortKey::Updated, None, None);
    assert_eq!(titles(&store, &alice, &q)[0], "banana split");
}

#[test]
fn status_filter_selects_pending_or_completed() {
    let (_db, store, alice) = seeded();
    let apple = store
        .list(
            &alice,
            &query(StatusFilter::All, SortKey::Title, None, None),
        )
        .expect("list")
        .tasks[0]
        .clone();
    applied(complete(&store, &alice, apple.id, Completion::Set(true)));
    let done = query(StatusFilter::Completed, SortKey::Title, None, None);
    assert_eq!(titles(&store, &alice, &done), ["Apple"]);
    let pending = query(StatusFilter::Pending, SortKey::Title, None, None);
    assert_eq!(titles(&store, &alice, &pending), ["banana", "cherry"]);
    assert_eq!(store.list(&alice, &pending).expect("list").total, 2);
}

#[test]
fn search_is_a_case_insensitive_substring_of_title_or_description() {
    let (_db, store, alice) = seeded();
    store
        .create(&alice, &described("groceries", "get BANANAS too"))
        .expect("create");
    let q = query(StatusFilter::All, SortKey::Title, None, Some("bAnAn"));
    assert_eq!(titles(&store, &alice, &q), ["banana", "groceries"]);
}

#[test]
fn search_treats_like_wildcards_literally() {
    let (_db, store, alice) = seeded();
    store
        .create(&alice, &new_task("100% done"))
        .expect("create");
    store
        .create(&alice, &new_task("snake_case"))
        .expect("create");
    let percent = query(StatusFilter::All, SortKey::Title, None, Some("%"));
    assert_eq!(titles(&store, &alice, &percent), ["100% done"]);
    let underscore = query(StatusFilter::All, SortKey::Title, None, Some("_"));
    assert_eq!(titles(&store, &alice, &underscore), ["snake_case"]);
}

#[test]
fn paging_is_stable_and_total_counts_all_matches() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    // Same title for all: only the id can break the ties.
    let mut ids: Vec<i64> = (0..7)
        .map(|_| {
            store
                .create(&alice, &new_task("same"))
                .expect("create")
                .id
                .get()
        })
        .collect();
    let mut seen = Vec::new();
    for offset in (0..7).step_by(3) {
        let q = TaskQuery::new(StatusFilter::All, SortKey::Title, None, None, 3, offset);
        let page = store.list(&alice, &q).expect("list");
        assert_eq!(page.total, 7);
        seen.extend(page.tasks.iter().map(|t| t.id.get()));
    }
    ids.sort_unstable();
    assert_eq!(seen, ids, "pages in id order, no repeats, none skipped");
}

#[test]
fn a_page_past_the_end_is_empty_but_still_counts() {
    let (_db, store, alice) = seeded();
    let q = TaskQuery::new(StatusFilter::All, SortKey::Created, None, None, 10, 50);
    let page = store.list(&alice, &q).expect("list");
    assert!(page.tasks.is_empty());
    assert_eq!(page.total, 3);
}
