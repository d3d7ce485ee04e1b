//! Migrations: applied once even when several replicas start at the same time.

use todo_persistence::run_migrations;
use todo_persistence::test_db::{TestDatabase, with_database};

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

    let total: usize = applied.iter().map(Vec::len).sum();
    assert_eq!(total, 1, "the one migration ran exactly once: {applied:?}");
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let err = run_migrations("postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
        .expect_err("no server on port 1");
    assert!(err.to_string().contains("could not connect"), "{err}");
}
