//! Pooled sessions are not tested at checkout (that would be a round trip before
//! every request): one that died fails a single request and is then replaced.

use diesel::RunQueryDsl;
use todo_domain::{RepoError, TaskQuery, TaskRepository, UserRepository};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

use crate::scope;

#[test]
fn a_session_that_died_fails_one_request_and_is_replaced() {
    let db = TestDatabase::create();
    let store = PgStore::new(db.pool(1));
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    // What a database restart or an idle timeout does to the pool's one session.
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut db.connect())
    .expect("terminate");

    let first = store.list(&alice, &TaskQuery::default());
    assert!(matches!(first, Err(RepoError::Unavailable(_))), "{first:?}");
    for _ in 0..3 {
        store
            .list(&alice, &TaskQuery::default())
            .expect("a new session serves the next requests");
    }
}
