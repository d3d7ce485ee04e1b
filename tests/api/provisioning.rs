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

#[actix_web::test]
async fn steady_state_requests_do_not_write_the_user_row() {
    let app = spawn_app().await;
    app.list(&app.alice, "").await;
    let mut conn = app.db.connect();
    let first = user_row(&mut conn, &app.alice.id);
    for _ in 0..5 {
        app.list(&app.alice, "").await;
    }
    assert_eq!(user_row(&mut conn, &app.alice.id).version, first.version);
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
