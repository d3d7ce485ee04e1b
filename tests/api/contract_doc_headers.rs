//! The 1.2 headers are in `docs/API.md` and in `/openapi.json` alike: which
//! operations take `If-Match`, `If-None-Match` and `Idempotency-Key`, which answer
//! with an `ETag`, and that CORS lets a browser use them.

use serde_json::Value;

use crate::helpers::spawn_app;

const CONTRACT: &str = include_str!("../../docs/API.md");

/// The header parameters an operation takes, by name.
fn header_params(document: &Value, path: &str, method: &str) -> Vec<String> {
    document["paths"][path][method]["parameters"]
        .as_array()
        .map(|params| {
            params
                .iter()
                .filter(|p| p["in"] == "header")
                .map(|p| p["name"].as_str().expect("name").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn answers_with_etag(document: &Value, path: &str, method: &str, status: &str) -> bool {
    document["paths"][path][method]["responses"][status]["headers"]
        .as_object()
        .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("etag")))
}

#[actix_web::test]
async fn conditional_and_idempotency_headers_are_in_both() {
    let app = spawn_app().await;
    let document = app.get_raw("/openapi.json").await.body;
    let one = "/api/{user_id}/tasks/{id}";
    let complete = "/api/{user_id}/tasks/{id}/complete";
    let many = "/api/{user_id}/tasks";
    for (path, method) in [(one, "put"), (one, "delete"), (complete, "patch")] {
        assert_eq!(
            header_params(&document, path, method),
            ["If-Match"],
            "{method} {path}"
        );
        assert!(
            document["paths"][path][method]["responses"]["412"].is_object(),
            "{method} {path} documents its 412"
        );
    }
    assert_eq!(header_params(&document, one, "get"), ["If-None-Match"]);
    assert_eq!(header_params(&document, many, "post"), ["Idempotency-Key"]);
    for (path, method, status) in [
        (many, "post", "201"),
        (one, "get", "200"),
        (one, "get", "304"),
        (one, "put", "200"),
        (complete, "patch", "200"),
    ] {
        assert!(
            answers_with_etag(&document, path, method, status),
            "{method} {path} {status}"
        );
    }
    let schema = &document["paths"][one]["put"]["responses"]["412"]["content"]["application/problem+json"]
        ["schema"];
    let schema = match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().expect("a name");
            &document["components"]["schemas"][name]
        }
        None => schema,
    };
    assert!(
        !schema["properties"]["task"].is_null(),
        "the 412 body documents `task`: {schema}"
    );

    for needle in [
        "`If-Match: \"3\"`",
        "`If-None-Match`",
        "`Idempotency-Key: <key>`",
        "`ETag: \"<version>\"`",
        "**412**",
        "**304**",
    ] {
        assert!(CONTRACT.contains(needle), "docs/API.md mentions {needle}");
    }
    let cors = CONTRACT
        .split_once("\nCORS:")
        .and_then(|(_, rest)| rest.split_once("\n\n"))
        .expect("a CORS paragraph")
        .0;
    let (allowed, exposed) = cors
        .split_once("`X-Total-Count`")
        .expect("allowed, then exposed");
    for header in ["`If-Match`", "`If-None-Match`", "`Idempotency-Key`"] {
        assert!(allowed.contains(header), "CORS allows {header}: {cors:?}");
    }
    assert!(exposed.contains("`ETag`"), "CORS exposes ETag: {cors:?}");
}

#[actix_web::test]
async fn a_browser_may_send_the_headers_and_read_the_etag() {
    let app = spawn_app().await;
    let preflight = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/{}/tasks/1", app.address, app.alice.id),
        )
        .header("Origin", crate::helpers::WEB_ORIGIN)
        .header("Access-Control-Request-Method", "PUT")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type,if-match,if-none-match,idempotency-key",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{preflight:?}");
    let task = app
        .client
        .post(format!("{}/api/{}/tasks", app.address, app.alice.id))
        .bearer_auth(&app.alice.token)
        .header("Origin", crate::helpers::WEB_ORIGIN)
        .header("content-type", "application/json")
        .body(r#"{"title":"a"}"#)
        .send()
        .await
        .expect("create");
    let exposed = task.headers()["access-control-expose-headers"]
        .to_str()
        .expect("ascii")
        .to_ascii_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
}
