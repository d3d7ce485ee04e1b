//! The API's user rows: one per subject, created on first access, no steady-state write.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use reqwest::Method;
use todo_auth::testing::{AUDIENCE, ISSUER, claims};

use crate::helpers::{TestUser, spawn_app, tasks_path};

#[derive(QueryableByName, Debug)]
struct UserRow {
    #[diesel(sql_type = BigInt)]
    rows: i64,
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    email: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    version: Option<String>,
}

fn user_row(conn: &mut PgConnection, id: &str) -> UserRow {
    diesel::sql_query(
        "SELECT count(*) OVER () AS rows, name, email, xmin::text AS version FROM users WHERE id = $1 \
         UNION ALL SELECT 0, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = $1)",
    )
    .bind::<Text, _>(id)
    .get_result(conn)
    .expect("user row")
}

#[actix_web::test]
async fn twenty_concurrent_first_requests_create_one_user_row() {
    let app = spawn_app().await;
    let carol = app.user("carol-000000000000000000000000003");
    let path = tasks_path(&carol);
    let requests = (0..20).map(|_| app.call(Method::GET, &path, &carol, None));
    for answer in futures_util::future::join_all(requests).await {
        assert_eq!(answer.status, 200, "{answer:?}");
    }
    let row = user_row(&mut app.db.connect(), &carol.id);
    assert_eq!(row.rows, 1);
    assert_eq!(
        row.email.as_deref(),
        Some("carol-000000000000000000000000003@example.com")
    );
}

#[derive(QueryableByName)]
struct Calls {
    #[diesel(sql_type = BigInt)]
    calls: i64,
}

/// How many times this database was sent the user upsert, per pg_stat_statements
/// (`scripts/test` preloads it into the test cluster).
fn upserts_sent(conn: &mut PgConnection) -> i64 {
    diesel::sql_query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .execute(conn)
        .expect("pg_stat_statements (is it in shared_preload_libraries?)");
    diesel::sql_query(
        "SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements \
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) \
           AND query LIKE 'INSERT INTO users %'",
    )
    .get_result::<Calls>(conn)
    .expect("statement counts")
    .calls
}

#[actix_web::test]
async fn steady_state_requests_do_not_write_the_user_row() {
    let app = spawn_app().await;
    app.list(&app.alice, "").await;
    let mut conn = app.db.connect();
    let first = user_row(&mut conn, &app.alice.id);
    let sent = upserts_sent(&mut conn);
    assert_eq!(sent, 1, "the first request provisions the user");
    for _ in 0..5 {
        app.list(&app.alice, "").await;
    }
    assert_eq!(
        upserts_sent(&mut conn),
        sent,
        "no statement touches users again"
    );
    assert_eq!(user_row(&mut conn, &app.alice.id).version, first.version);
}

#[actix_web::test]
async fn a_user_deleted_behind_the_cache_is_provisioned_again() {
    let app = spawn_app().await;
    app.create_task(&app.alice, serde_json::json!({"title": "before"}))
        .await;
    // An operator removes the user; ON DELETE CASCADE takes the tasks with it.
    let mut conn = app.db.connect();
    diesel::sql_query("DELETE FROM users WHERE id = $1")
        .bind::<Text, _>(&app.alice.id)
        .execute(&mut conn)
        .expect("delete user");
    let task = app
        .create_task(&app.alice, serde_json::json!({"title": "after"}))
        .await;
    assert_eq!(task["title"], "after");
    assert_eq!(user_row(&mut conn, &app.alice.id).rows, 1);
    assert_eq!(
        app.list(&app.alice, "").await.body,
        serde_json::json!([task])
    );
}

#[actix_web::test]
async fn a_changed_name_claim_refreshes_the_user_row() {
    let app = spawn_app().await;
    app.list(&app.alice, "").await;
    let mut renamed = claims(&app.alice.id, ISSUER, AUDIENCE);
    renamed["name"] = "Alice Liddell".into();
    let alice = TestUser {
        id: app.alice.id.clone(),
        token: app.key.token(&renamed),
    };
    app.list(&alice, "").await;
    let row = user_row(&mut app.db.connect(), &alice.id);
    assert_eq!(row.name.as_deref(), Some("Alice Liddell"));
}
