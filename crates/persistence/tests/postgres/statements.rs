//! The statements of the hot paths are prepared once per connection and then reused
//! from diesel's cache: PostgreSQL does not parse and plan each request again.

use std::sync::Mutex;

use diesel::connection::{InstrumentationEvent, set_default_instrumentation};
use todo_domain::{Completion, Precondition, TaskQuery, TaskRepository, UserRepository};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

use crate::{described, new_task, scope};

/// The SQL of every statement a connection put into its cache, in this process.
static CACHED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_cached_statements() {
    set_default_instrumentation(|| {
        Some(Box::new(|event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                CACHED.lock().expect("lock").push(sql.to_owned());
            }
        }))
    })
    .expect("instrumentation");
}

fn cached_starting_with(prefix: &str) -> usize {
    let cached = CACHED.lock().expect("lock");
    cached.iter().filter(|sql| sql.starts_with(prefix)).count()
}

#[test]
fn creates_completions_reads_and_lists_are_cached_statements() {
    record_cached_statements();
    let db = TestDatabase::create();
    // One connection: each statement is prepared at most once on it.
    let store = PgStore::new(db.pool(1));
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let any = Precondition::Any;
    for n in 0..3 {
        // With and without the optional fields: one statement text either way.
        let task = store.create(&alice, &new_task("bare")).expect("create");
        store
            .create(&alice, &described("full", "with a description"))
            .expect("create");
        let at = Precondition::VersionIn(vec![task.version]);
        for precondition in [&at, &any] {
            store
                .set_completion_unless_recurring(&alice, task.id, Completion::Toggle, precondition)
                .expect("toggle")
                .expect("a plain task");
        }
        store
            .set_completion_unless_recurring(&alice, task.id, Completion::Set(n % 2 == 0), &any)
            .expect("set")
            .expect("a plain task");
        store.get(&alice, task.id).expect("get").expect("found");
        store.list(&alice, &TaskQuery::default()).expect("list");
    }
    assert_eq!(
        cached_starting_with("INSERT INTO tasks"),
        1,
        "one insert text"
    );
    assert_eq!(
        cached_starting_with("UPDATE tasks SET completed = NOT completed"),
        2,
        "a toggle, with and without If-Match"
    );
    assert_eq!(cached_starting_with("UPDATE tasks SET completed = $1"), 1);
    assert!(cached_starting_with("SELECT") >= 2, "the read and the list");
}
