//! Migrations: applied once even when several replicas start at the same time, and
//! upgrading a database keeps what it holds.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use todo_domain::{Priority, SortKey, StatusFilter, TaskId, TaskQuery, TaskRepository};
use todo_persistence::test_db::{TestDatabase, with_database};
use todo_persistence::{PgStore, run_migrations};

use crate::scope;

/// Every migration, as `run_migrations` names them, oldest first.
const VERSIONS: [&str; 6] = [
    "20261122000001",
    "20261202000001",
    "20261203000001",
    "20261204000001",
    "20261205000001",
    "20261205000002",
];

#[test]
fn migrations_on_a_migrated_database_apply_nothing() {
    let db = TestDatabase::create();
    assert_eq!(
        run_migrations(db.url()).expect("migrate"),
        Vec::<String>::new()
    );
}

#[test]
fn replicas_migrating_an_empty_database_at_once_all_succeed() {
    use diesel::prelude::*;
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let name = format!("todo_test_empty_{}", std::process::id());
    let mut admin = PgConnection::establish(&admin_url).expect("admin");
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .expect("create");
    let url = with_database(&admin_url, &name);

    let applied: Vec<Vec<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| run_migrations(&url).expect("migrate")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("join"))
            .collect()
    });
    diesel::sql_query(format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .expect("drop");

    let mut all: Vec<&str> = applied.iter().flatten().map(String::as_str).collect();
    all.sort_unstable();
    assert_eq!(
        all, VERSIONS,
        "each migration ran exactly once: {applied:?}"
    );
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let err = run_migrations("postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
        .expect_err("no server on port 1");
    assert!(err.to_string().contains("could not connect"), "{err}");
}

/// One JSON text of the rows as the first release stored them, in id order.
fn version_one_rows(conn: &mut PgConnection) -> String {
    diesel::select(diesel::dsl::sql::<Text>(
        "(SELECT json_agg(t ORDER BY id)::text FROM (SELECT id, user_id, title, description, \
          completed, created_at, updated_at FROM tasks) t) \
         || (SELECT json_agg(u ORDER BY id)::text FROM users u)",
    ))
    .get_result(conn)
    .expect("snapshot")
}

#[test]
fn upgrading_from_the_first_release_keeps_every_row_and_adds_the_defaults() {
    let db = TestDatabase::migrated_through(VERSIONS[0]);
    let mut conn = db.connect();
    conn.batch_execute(
        "INSERT INTO users (id, email, name) VALUES ('alice', 'a@example.com', 'Alice'), \
             ('bob', NULL, NULL); \
         INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at) VALUES \
             ('alice', 'Buy milk', '2 litres', false, \
              '2026-11-22T09:15:02.123456Z', '2026-11-23T10:00:00.5Z'), \
             ('alice', 'Done already', NULL, true, \
              '2026-11-22T09:16:00Z', '2026-11-22T09:17:00Z'), \
             ('bob', '🥛 ''quoted'' %_\\', '', false, now(), now());",
    )
    .expect("rows of the first release");
    let before = version_one_rows(&mut conn);

    assert_eq!(run_migrations(db.url()).expect("upgrade"), VERSIONS[1..]);

    assert_eq!(version_one_rows(&mut conn), before, "no row changed");
    let defaults: i64 = diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT count(*) FROM tasks WHERE priority = 0 AND tags = '{}' AND tag_keys = '{}' \
          AND due_at IS NULL AND due_date IS NULL AND recurrence_every IS NULL \
          AND recurrence_interval IS NULL AND remind_at IS NULL AND next_occurrence_id IS NULL \
          AND version = 1)",
    ))
    .get_result(&mut conn)
    .expect("defaults");
    assert_eq!(defaults, 3, "every old row has the defaults");

    // The store reads the old rows as tasks with every planning field at its default.
    let store = PgStore::new(db.pool(1));
    let alice = scope("alice");
    let page = store.list(&alice, &TaskQuery::default()).expect("list");
    assert_eq!(page.total, 2);
    // The owners' counts were filled from the rows already there: a full page of one
    // reads its total from them.
    for (status, total) in [
        (StatusFilter::All, 2),
        (StatusFilter::Pending, 1),
        (StatusFilter::Completed, 1),
    ] {
        let one = TaskQuery::new(status, SortKey::Created, None, None, 1, 0);
        assert_eq!(
            store.list(&alice, &one).expect("list").total,
            total,
            "{status:?}"
        );
    }
    for task in &page.tasks {
        assert_eq!(task.priority, Priority::None);
        assert!(task.tags.is_empty());
        assert_eq!(
            (task.due, task.recurrence, task.remind_at),
            (None, None, None)
        );
        assert_eq!(task.next_occurrence, None);
        assert_eq!(task.version, 1);
    }
    let milk = store
        .get(&alice, TaskId::new(1))
        .expect("get")
        .expect("found");
    assert_eq!(
        (
            milk.title.as_str(),
            milk.description.as_deref(),
            milk.completed
        ),
        ("Buy milk", Some("2 litres"), false)
    );
    assert_eq!(
        milk.created_at,
        crate::instant("2026-11-22T09:15:02.123456Z")
    );
    assert_eq!(milk.updated_at, crate::instant("2026-11-23T10:00:00.5Z"));
}
