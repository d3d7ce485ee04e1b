//! Faults: the database going away, hanging or turning read-only and coming back,
//! and a restart of the service.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Answer, AppOptions, POOL_SIZE, STORAGE_DEADLINE, TestApp, spawn_app, spawn_app_with, task_path,
    tasks_path,
};

async fn app_through_proxy() -> TestApp {
    spawn_app_with(AppOptions {
        through_proxy: true,
        ..Default::default()
    })
    .await
}

async fn assert_database_not_ready(app: &TestApp) {
    let readiness = app.get_raw("/readyz").await;
    let detail = readiness.problem(503)["detail"].as_str().expect("detail");
    assert!(detail.contains("database"), "{detail}");
}

/// Alice's list, polled until it answers 200 or `within` has passed.
async fn list_once_recovered(app: &TestApp, within: Duration) -> Answer {
    let deadline = Instant::now() + within;
    loop {
        let answer = app
            .call(Method::GET, &tasks_path(&app.alice), &app.alice, None)
            .await;
        if answer.status == 200 || Instant::now() > deadline {
            return answer;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[actix_web::test]
async fn without_its_database_the_service_answers_503_quickly_and_recovers_by_itself() {
    let app = app_through_proxy().await;
    let kept = app
        .create_task(&app.alice, json!({"title": "before the outage"}))
        .await;
    let proxy = app.proxy.as_ref().expect("proxy");
    proxy.cut();

    let started = Instant::now();
    let answer = app
        .call(Method::GET, &tasks_path(&app.alice), &app.alice, None)
        .await;
    answer.problem(503);
    assert!(answer.header("retry-after").is_some());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        !answer.body.to_string().contains("127.0.0.1"),
        "no internals: {answer:?}"
    );

    // A write during the outage is refused, not half-done.
    let refused = app
        .call(
            Method::POST,
            &tasks_path(&app.alice),
            &app.alice,
            Some(json!({"title": "during"})),
        )
        .await;
    refused.problem(503);
    assert_database_not_ready(&app).await;

    proxy.restore();
    let recovered = list_once_recovered(&app, Duration::from_secs(20)).await;
    assert_eq!(recovered.status, 200);
    assert_eq!(
        recovered.body,
        json!([kept]),
        "the acknowledged write survived, the refused one is absent"
    );
    assert_eq!(app.get_raw("/readyz").await.status, 200);
}

#[actix_web::test]
async fn tasks_survive_a_restart_of_the_service() {
    let first = spawn_app().await;
    let task = first
        .create_task(&first.alice, json!({"title": "persistent"}))
        .await;
    first.stop().await;
    let restarted = spawn_app_with(AppOptions {
        db: Some(first.db.clone()),
        ..Default::default()
    })
    .await;
    let answer = restarted.list(&restarted.alice, "").await;
    assert_eq!(answer.body, json!([task]));
}

#[actix_web::test]
async fn a_database_that_stops_answering_gives_503_within_the_deadline_then_recovers() {
    let app = app_through_proxy().await;
    let kept = app
        .create_task(&app.alice, json!({"title": "before the black hole"}))
        .await;
    let proxy = app.proxy.as_ref().expect("proxy");
    proxy.black_hole();

    // More requests than the pool has connections, at once: none may wait longer
    // than the deadline, whether it holds a connection that hangs or waits for one.
    let started = Instant::now();
    let path = tasks_path(&app.alice);
    let requests = (0..8).map(|n| {
        let body = (n % 2 == 0).then(|| json!({"title": format!("during {n}")}));
        let method = if body.is_some() {
            Method::POST
        } else {
            Method::GET
        };
        app.call(method, &path, &app.alice, body)
    });
    let answers = futures_util::future::join_all(requests).await;
    let took = started.elapsed();
    eprintln!("8 requests on a black-holed database: all answered by {took:?}");
    for answer in &answers {
        answer.problem(503);
        assert_eq!(answer.header("retry-after"), Some("5"));
    }
    assert!(
        took <= STORAGE_DEADLINE + Duration::from_secs(1),
        "answered within the deadline: {took:?}"
    );
    assert_database_not_ready(&app).await;

    proxy.restore();
    let recovered = list_once_recovered(&app, Duration::from_secs(15)).await;
    assert_eq!(recovered.status, 200, "{recovered:?}");
    assert!(
        recovered.body.as_array().expect("tasks").contains(&kept),
        "{recovered:?}"
    );
    assert_eq!(app.get_raw("/readyz").await.status, 200);
}

/// What a failover looks like: the database turns read-only and drops its sessions.
fn set_read_only(app: &TestApp, on: bool) {
    let mut conn = app.db.connect();
    // This session itself starts read-only once the database is.
    diesel::sql_query("SET default_transaction_read_only = off")
        .execute(&mut conn)
        .expect("a writable session");
    let setting = if on {
        "SET default_transaction_read_only = on"
    } else {
        "RESET default_transaction_read_only"
    };
    diesel::sql_query(format!("ALTER DATABASE \"{}\" {setting}", app.db.name()))
        .execute(&mut conn)
        .expect("alter database");
    // With a timeout, pg_terminate_backend waits until the session has exited:
    // without it, it only signals, and a session not yet gone still answers writably.
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut conn)
    .expect("terminate sessions");
}

#[actix_web::test]
async fn a_read_only_database_refuses_writes_with_503_and_keeps_serving_reads() {
    let app = spawn_app().await;
    let task = app.create_task(&app.alice, json!({"title": "kept"})).await;
    let path = task_path(&app.alice, &task["id"]);
    set_read_only(&app, true);

    let writes = [
        (
            Method::POST,
            tasks_path(&app.alice),
            Some(json!({"title": "refused"})),
        ),
        (Method::PUT, path.clone(), Some(json!({"title": "renamed"}))),
        (Method::PATCH, format!("{path}/complete"), None),
        (Method::DELETE, path.clone(), None),
    ];
    for (method, target, body) in writes {
        // The first request after the sessions were dropped may meet a dead
        // connection (57P01); that is a 503 too.
        let answer = app.call(method.clone(), &target, &app.alice, body).await;
        let problem = answer.problem(503);
        assert_eq!(
            answer.header("retry-after"),
            Some("5"),
            "{method} {problem}"
        );
    }
    // Each pooled session that was dropped fails one request and is replaced; the
    // writes above may not have met them all.
    let mut attempts = 0;
    let read = loop {
        let read = app.call(Method::GET, &path, &app.alice, None).await;
        attempts += 1;
        if read.status != 503 || attempts > POOL_SIZE {
            break read;
        }
    };
    assert_eq!(read.status, 200, "reads still work: {read:?}");
    assert_eq!(read.body, task, "nothing was written");

    set_read_only(&app, false);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = app
            .call(
                Method::POST,
                &tasks_path(&app.alice),
                &app.alice,
                Some(json!({"title": "after"})),
            )
            .await;
        if answer.status == 201 {
            break;
        }
        assert!(Instant::now() < deadline, "writes resume: {answer:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let titles: Vec<Value> = app
        .list(&app.alice, "")
        .await
        .body
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["title"].clone())
        .collect();
    assert_eq!(titles, [json!("after"), json!("kept")]);
}
