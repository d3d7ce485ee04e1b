//! `X-Total-Count` of a list filtered at most by status comes from the owner's kept
//! counts (migration `task_counts`), which every kind of write keeps exact.

use std::sync::Mutex;

use diesel::connection::{InstrumentationEvent, SimpleConnection, set_default_instrumentation};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use todo_domain::{
    Completion, Due, Frequency, NewTask, OwnerScope, Precondition, Recurrence, SortKey,
    StatusFilter, Task, TaskQuery, TaskRepository, UserRepository,
};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

use crate::{applied, complete, instant, new_task, scope, with};

const STATUSES: [StatusFilter; 3] = [
    StatusFilter::All,
    StatusFilter::Pending,
    StatusFilter::Completed,
];

/// A page of one: full whenever one task matches, so the total is not read off it.
fn one(status: StatusFilter) -> TaskQuery {
    TaskQuery::new(status, SortKey::Created, None, None, 1, 0)
}

/// The list's totals for `owner`, against the rows counted in SQL.
#[track_caller]
fn assert_totals_true(store: &PgStore, conn: &mut PgConnection, owner: &str, when: &str) {
    for status in STATUSES {
        let filter = match status {
            StatusFilter::All => "",
            StatusFilter::Pending => " AND NOT completed",
            StatusFilter::Completed => " AND completed",
        };
        let counted: i64 = diesel::select(diesel::dsl::sql::<BigInt>(&format!(
            "(SELECT count(*) FROM tasks WHERE user_id = '{owner}'{filter})"
        )))
        .get_result(conn)
        .expect("count");
        let listed = store.list(&scope(owner), &one(status)).expect("list").total;
        assert_eq!(listed, counted as u64, "{status:?} of {owner} {when}");
        // Past the end no row comes back, nor the count with it.
        let past_the_end = with(one(status), |q| q.offset = 100_000);
        let listed = store
            .list(&scope(owner), &past_the_end)
            .expect("list")
            .total;
        assert_eq!(
            listed, counted as u64,
            "{status:?} of {owner} {when}, past the end"
        );
    }
}

fn weekly(owner: &OwnerScope, store: &PgStore) -> Task {
    let task = NewTask {
        due: Some(Due::At(instant("2026-12-04T17:00:00Z"))),
        recurrence: Some(Recurrence::new(Frequency::Week, 1).expect("rule")),
        ..new_task("bins")
    };
    store.create(owner, &task).expect("create")
}

#[test]
fn every_kind_of_write_keeps_the_counts_exact() {
    let db = TestDatabase::create();
    let store = PgStore::new(db.pool(2));
    let mut conn = db.connect();
    let (alice, bob) = (scope("alice"), scope("bob"));
    store.upsert(&alice).expect("user");
    store.upsert(&bob).expect("user");
    assert_totals_true(&store, &mut conn, "alice", "before any task");

    let tasks: Vec<_> = (0..5)
        .map(|n| {
            store
                .create(&alice, &new_task(&format!("t{n}")))
                .expect("create")
        })
        .collect();
    store.create(&bob, &new_task("bob's")).expect("create");
    assert_totals_true(&store, &mut conn, "alice", "after creates");

    for task in &tasks[..3] {
        store
            .set_completion_unless_recurring(
                &alice,
                task.id,
                Completion::Toggle,
                &Precondition::Any,
            )
            .expect("toggle")
            .expect("plain");
    }
    // Completing what is complete changes nothing, to the count either.
    store
        .set_completion_unless_recurring(
            &alice,
            tasks[0].id,
            Completion::Set(true),
            &Precondition::Any,
        )
        .expect("set")
        .expect("plain");
    applied(complete(
        &store,
        &alice,
        tasks[1].id,
        Completion::Set(false),
    ));
    assert_totals_true(&store, &mut conn, "alice", "after completions");

    store
        .delete(&alice, tasks[0].id, &Precondition::Any)
        .expect("delete");
    store
        .delete(&alice, tasks[4].id, &Precondition::Any)
        .expect("delete");
    assert_totals_true(&store, &mut conn, "alice", "after deletes");

    // Completing a recurring task also creates its next occurrence, in one transaction.
    let bins = weekly(&alice, &store);
    applied(complete(&store, &alice, bins.id, Completion::Set(true)));
    assert_totals_true(&store, &mut conn, "alice", "after a recurring completion");

    // Writes made in SQL, in bulk, are counted as well.
    conn.batch_execute(
        "INSERT INTO tasks (user_id, title, completed) \
         SELECT CASE WHEN n % 2 = 0 THEN 'alice' ELSE 'bob' END, 'bulk ' || n, n % 3 = 0 \
         FROM generate_series(1, 500) AS n; \
         UPDATE tasks SET completed = NOT completed WHERE title LIKE 'bulk 1%'; \
         DELETE FROM tasks WHERE title LIKE 'bulk 2%';",
    )
    .expect("bulk writes");
    assert_totals_true(&store, &mut conn, "alice", "after bulk writes");
    assert_totals_true(&store, &mut conn, "bob", "after bulk writes");

    // A transaction that rolls back leaves the counts as they were.
    conn.batch_execute("BEGIN; DELETE FROM tasks WHERE user_id = 'alice'; ROLLBACK;")
        .expect("rolled back");
    assert_totals_true(&store, &mut conn, "alice", "after a rollback");

    conn.batch_execute("DELETE FROM users WHERE id = 'bob'")
        .expect("cascade");
    assert_totals_true(&store, &mut conn, "bob", "after the owner's deletion");
    conn.batch_execute("TRUNCATE tasks CASCADE")
        .expect("truncate");
    store.upsert(&alice).expect("user");
    store
        .create(&alice, &new_task("after truncate"))
        .expect("create");
    assert_totals_true(&store, &mut conn, "alice", "after a truncate");
}

/// Every statement sent, in this process (nextest runs each test in its own).
static SENT: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The statements sent so far that count rows.
fn sent_counting() -> Vec<String> {
    let sent = SENT.lock().expect("lock");
    sent.iter()
        .filter(|sql| sql.contains("COUNT("))
        .cloned()
        .collect()
}

#[test]
fn a_full_page_filtered_by_status_counts_no_rows() {
    set_default_instrumentation(|| {
        Some(Box::new(|event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { query, .. } = event {
                SENT.lock().expect("lock").push(query.to_string());
            }
        }))
    })
    .expect("instrumentation");
    let db = TestDatabase::create();
    let store = PgStore::new(db.pool(1));
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    for n in 0..4 {
        store
            .create(&alice, &new_task(&format!("milk {n}")))
            .expect("create");
    }
    for status in STATUSES {
        let sorted = with(one(status), |q| q.sort = SortKey::Title);
        store.list(&alice, &sorted).expect("list");
    }
    assert_eq!(
        sent_counting(),
        Vec::<String>::new(),
        "the kept counts answered"
    );

    // A search narrows the count beyond any kept one: it is counted.
    let searched = TaskQuery::new(
        StatusFilter::All,
        SortKey::Created,
        None,
        Some("milk".into()),
        1,
        0,
    );
    assert_eq!(store.list(&alice, &searched).expect("list").total, 4);
    assert_eq!(sent_counting().len(), 1);
}
