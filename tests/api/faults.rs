//! Faults: the database going away and coming back, and a restart of the service.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use crate::helpers::{AppOptions, spawn_app, spawn_app_with, tasks_path};

#[actix_web::test]
async fn without_its_database_the_service_answers_503_quickly_and_recovers_by_itself() {
    let app = spawn_app_with(AppOptions {
        through_proxy: true,
        ..Default::default()
    })
    .await;
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
    let readiness = app.get_raw("/readyz").await;
    assert!(
        readiness.problem(503)["detail"]
            .as_str()
            .expect("detail")
            .contains("database")
    );

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(20);
    let recovered = loop {
        let answer = app.list(&app.alice, "").await;
        if answer.status == 200 || Instant::now() > deadline {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
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
