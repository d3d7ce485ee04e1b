//! Provisioning of user rows: exactly one per subject, refreshed profile.

use diesel::prelude::*;
use todo_domain::{UserProfile, UserRepository};
use todo_persistence::PgStore;

use crate::{scope, scope_with_profile, store};

#[derive(Queryable, Debug, PartialEq)]
struct UserRow {
    id: String,
    email: Option<String>,
    name: Option<String>,
}

fn users(conn: &mut PgConnection) -> Vec<UserRow> {
    diesel::sql_query("SELECT id, email, name FROM users ORDER BY id")
        .load::<UserRowByName>(conn)
        .expect("users")
        .into_iter()
        .map(|r| UserRow {
            id: r.id,
            email: r.email,
            name: r.name,
        })
        .collect()
}

#[derive(QueryableByName)]
struct UserRowByName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    email: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    name: Option<String>,
}

#[test]
fn twenty_concurrent_first_upserts_leave_one_row() {
    let (db, _) = store();
    let store = PgStore::new(db.pool(20));
    let alice = scope_with_profile(
        "alice",
        UserProfile::new(Some("a@example.com"), Some("Alice")),
    );
    std::thread::scope(|s| {
        for _ in 0..20 {
            s.spawn(|| store.upsert(&alice).expect("upsert"));
        }
    });
    let rows = users(&mut db.connect());
    assert_eq!(
        rows,
        [UserRow {
            id: "alice".into(),
            email: Some("a@example.com".into()),
            name: Some("Alice".into())
        }]
    );
}

#[test]
fn a_changed_profile_is_refreshed_and_a_missing_claim_keeps_the_old_value() {
    let (db, store) = store();
    let first = scope_with_profile(
        "alice",
        UserProfile::new(Some("a@example.com"), Some("Alice")),
    );
    store.upsert(&first).expect("first");
    let renamed = scope_with_profile(
        "alice",
        UserProfile::new(Some("a@example.com"), Some("Alice B")),
    );
    store.upsert(&renamed).expect("renamed");
    store.upsert(&scope("alice")).expect("no claims");
    let rows = users(&mut db.connect());
    assert_eq!(rows[0].name.as_deref(), Some("Alice B"));
    assert_eq!(rows[0].email.as_deref(), Some("a@example.com"));
}

#[test]
fn an_unchanged_profile_writes_nothing() {
    let (db, store) = store();
    let alice = scope_with_profile("alice", UserProfile::new(Some("a@example.com"), None));
    store.upsert(&alice).expect("first");
    let mut conn = db.connect();
    let before: String = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
        "(SELECT xmin::text FROM users WHERE id = 'alice')",
    ))
    .get_result(&mut conn)
    .expect("xmin");
    store.upsert(&alice).expect("again");
    let after: String = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
        "(SELECT xmin::text FROM users WHERE id = 'alice')",
    ))
    .get_result(&mut conn)
    .expect("xmin");
    assert_eq!(before, after, "the row version did not change");
}
