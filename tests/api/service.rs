//! Health, readiness, the OpenAPI document, the docs UI and CORS.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{AppOptions, WEB_ORIGIN, spawn_app, spawn_app_with};

#[actix_web::test]
async fn healthz_and_readyz_answer_when_all_is_up() {
    let app = spawn_app().await;
    let health = app.get_raw("/healthz").await;
    assert_eq!(
        (health.status, health.body.clone()),
        (200, serde_json::json!({"status": "ok"}))
    );
    let ready = app.get_raw("/readyz").await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.body["status"], "ready");
}

#[actix_web::test]
async fn the_service_starts_while_the_issuer_is_down_and_becomes_ready_when_it_returns() {
    let app = spawn_app_with(AppOptions {
        jwks_down_at_start: true,
        ..Default::default()
    })
    .await;
    assert_eq!(app.get_raw("/healthz").await.status, 200);
    let not_ready = app.get_raw("/readyz").await;
    assert!(
        not_ready.problem(503)["detail"]
            .as_str()
            .expect("detail")
            .contains("JWKS")
    );
    // No key can be had: the request is refused with a retryable 503, never accepted.
    let answer = app
        .call(
            Method::GET,
            "/api/alice-0000000000000000000000001/tasks",
            &app.alice,
            None,
        )
        .await;
    answer.problem(503);
    assert!(answer.header("retry-after").is_some());

    app.jwks.set_available(true);
    app.wait_until_ready().await;
    assert_eq!(app.list(&app.alice, "").await.status, 200);
}

#[actix_web::test]
async fn the_openapi_document_describes_every_operation() {
    let app = spawn_app().await;
    let doc = app.get_raw("/openapi.json").await;
    assert_eq!(doc.status, 200);
    let doc = doc.body;
    assert!(doc["openapi"].as_str().expect("version").starts_with("3.1"));
    let operations = [
        (
            "/api/{user_id}/tasks",
            "get",
            &["200", "401", "403", "422", "503"][..],
        ),
        (
            "/api/{user_id}/tasks",
            "post",
            &["201", "400", "401", "403", "413", "415", "422", "503"],
        ),
        (
            "/api/{user_id}/tasks/{id}",
            "get",
            &["200", "401", "403", "404", "503"],
        ),
        (
            "/api/{user_id}/tasks/{id}",
            "put",
            &[
                "200", "400", "401", "403", "404", "413", "415", "422", "503",
            ],
        ),
        (
            "/api/{user_id}/tasks/{id}",
            "delete",
            &["204", "401", "403", "404", "503"],
        ),
        (
            "/api/{user_id}/tasks/{id}/complete",
            "patch",
            &["200", "401", "403", "404", "422", "503"],
        ),
        ("/healthz", "get", &["200"]),
        ("/readyz", "get", &["200", "503"]),
    ];
    for (path, method, statuses) in operations {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        for status in statuses {
            assert!(
                op["responses"][status].is_object(),
                "{method} {path} documents {status}"
            );
        }
        if path.starts_with("/api") {
            assert_eq!(
                op["security"][0]["bearer"],
                Value::Array(vec![]),
                "{method} {path}"
            );
        }
    }
    let params: Vec<&str> = doc["paths"]["/api/{user_id}/tasks"]["get"]["parameters"]
        .as_array()
        .expect("params")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    for name in ["user_id", "status", "sort", "order", "q", "limit", "offset"] {
        assert!(params.contains(&name), "list documents {name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let task = &doc["components"]["schemas"]["Task"]["properties"];
    for field in [
        "id",
        "user_id",
        "title",
        "description",
        "completed",
        "created_at",
        "updated_at",
    ] {
        assert!(task[field].is_object(), "Task.{field}");
    }
}

#[actix_web::test]
async fn the_docs_are_served_without_any_cdn() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/docs/", app.address))
        .send()
        .await
        .expect("docs");
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(
        !html.contains("https://") && !html.contains("//cdn"),
        "{html}"
    );
    for asset in [
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-initializer.js",
    ] {
        let response = app
            .client
            .get(format!("{}/docs/{asset}", app.address))
            .send()
            .await
            .expect("asset");
        assert_eq!(response.status(), 200, "{asset}");
    }
    let initializer = app
        .client
        .get(format!("{}/docs/swagger-initializer.js", app.address))
        .send()
        .await
        .expect("init")
        .text()
        .await
        .expect("js");
    assert!(initializer.contains("/openapi.json"));
}

#[actix_web::test]
async fn cors_allows_the_web_origin_only() {
    let app = spawn_app().await;
    let preflight = |origin: &'static str| {
        app.client
            .request(Method::OPTIONS, format!("{}/api/x/tasks", app.address))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
    };
    let allowed = preflight(WEB_ORIGIN).await.expect("preflight");
    assert!(allowed.status().is_success());
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some(WEB_ORIGIN)
    );
    let methods = allowed.headers()["access-control-allow-methods"]
        .to_str()
        .expect("methods")
        .to_owned();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let refused = preflight("http://evil.example").await.expect("preflight");
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let listed = app
        .client
        .get(format!("{}/api/{}/tasks", app.address, app.alice.id))
        .bearer_auth(&app.alice.token)
        .header("origin", WEB_ORIGIN)
        .send()
        .await
        .expect("list");
    let exposed = listed.headers()["access-control-expose-headers"]
        .to_str()
        .expect("exposed")
        .to_lowercase();
    assert!(exposed.contains("x-total-count"), "{exposed}");
}
