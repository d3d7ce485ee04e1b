//! Which completions carry `X-Next-Task-Id`, and that the web app may read it.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{WEB_ORIGIN, spawn_app, task_path};
use crate::planning_support::{complete, put};
use crate::recurring::{count, weekly};

#[actix_web::test]
async fn completions_that_make_no_occurrence_carry_no_header() {
    let app = spawn_app().await;
    let plain = app
        .create_task(
            &app.alice,
            json!({"title": "plain", "due_date": "2026-12-04"}),
        )
        .await;
    for answer in [
        complete(&app, &app.alice, &plain, None).await,
        complete(&app, &app.alice, &plain, Some(json!({"completed": false}))).await,
        put(&app, &app.alice, &plain, json!({"completed": true})).await,
    ] {
        assert_eq!(
            (answer.status, answer.header("x-next-task-id")),
            (200, None),
            "{answer:?}"
        );
    }
    let done = app
        .create_task(
            &app.alice,
            weekly(json!({"due_date": "2026-12-04", "completed": true})),
        )
        .await;
    assert_eq!(done["completed"], true);
    assert_eq!(
        count(&app).await,
        2,
        "creating a completed recurring task made nothing"
    );
    let last = app
        .create_task(&app.alice, weekly(json!({"due_date": "9999-12-30"})))
        .await;
    let answer = complete(&app, &app.alice, &last, None).await;
    assert_eq!(
        (answer.status, answer.header("x-next-task-id")),
        (200, None),
        "after 9999"
    );
    assert_eq!(answer.body["completed"], true);
    assert_eq!(count(&app).await, 3);
}

#[actix_web::test]
async fn cors_lets_the_web_app_read_x_next_task_id() {
    let app = spawn_app().await;
    let task = app
        .create_task(&app.alice, weekly(json!({"due_date": "2026-12-04"})))
        .await;
    let url = format!(
        "{}{}/complete",
        app.address,
        task_path(&app.alice, &task["id"])
    );
    let preflight = app
        .client
        .request(Method::OPTIONS, &url)
        .header("origin", WEB_ORIGIN)
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{preflight:?}");
    let allowed = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .expect("methods")
        .to_owned();
    assert!(allowed.contains("PATCH"), "{allowed}");
    let completed = app
        .client
        .patch(&url)
        .bearer_auth(&app.alice.token)
        .header("origin", WEB_ORIGIN)
        .send()
        .await
        .expect("complete");
    assert_eq!(completed.status(), 200);
    let headers = completed.headers();
    assert_eq!(
        headers
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some(WEB_ORIGIN)
    );
    assert!(headers.get("x-next-task-id").is_some(), "{headers:?}");
    let exposed = headers["access-control-expose-headers"]
        .to_str()
        .expect("exposed")
        .to_lowercase();
    for name in ["x-next-task-id", "x-total-count", "location"] {
        assert!(
            exposed.split(',').any(|h| h.trim() == name),
            "{name} in {exposed}"
        );
    }
}
