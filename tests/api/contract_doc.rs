//! `docs/API.md` and the served `/openapi.json` say the same: every path and method,
//! list parameter and its values, Task field and status of one is in the other; and
//! both document the `X-Next-Task-Id` header of the answers that complete a task, and
//! the document allows the bare `priority=` the server accepts.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::spawn_app;

const CONTRACT: &str = include_str!("../../docs/API.md");

/// The rows of the first table after the heading `heading`, as cells.
fn table(heading: &str) -> Vec<Vec<String>> {
    let section = CONTRACT
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("docs/API.md has no {heading:?}"))
        .1;
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .map(|row| {
            row.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// Every `code span` in `text`.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

async fn served() -> Value {
    let app = spawn_app().await;
    app.get_raw("/openapi.json").await.body
}

fn operations(document: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            found.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    found
}

#[actix_web::test]
async fn every_operation_is_in_both() {
    let document = served().await;
    let mut documented: BTreeSet<String> = table("## Endpoints")
        .into_iter()
        .chain(table("## Service endpoints (no auth)"))
        .map(|row| code_spans(&row[0]).remove(0))
        .collect();
    // The interactive docs are a page for people, not an operation of the API.
    assert!(documented.remove("GET /docs"));
    assert_eq!(documented, operations(&document));
}

#[actix_web::test]
async fn the_list_parameters_and_their_values_are_in_both() {
    let document = served().await;
    let served_params = document["paths"]["/api/{user_id}/tasks"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let query: Vec<&Value> = served_params
        .iter()
        .filter(|p| p["in"] == "query")
        .collect();
    let rows = table("### List parameters (`GET /api/{user_id}/tasks`)");
    let documented: BTreeSet<String> = rows.iter().map(|r| code_spans(&r[0]).remove(0)).collect();
    let names: BTreeSet<String> = query
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_owned())
        .collect();
    assert_eq!(documented, names);
    for row in &rows {
        let name = code_spans(&row[0]).remove(0);
        let schema = &query
            .iter()
            .find(|p| p["name"] == name.as_str())
            .expect("served")["schema"];
        if name == "tz" {
            // Every IANA name the server knows: too many for a table cell.
            assert!(row[1].contains("IANA"), "{row:?}");
            let names: Vec<&str> = schema["enum"]
                .as_array()
                .expect("tz is an enum")
                .iter()
                .map(|v| v.as_str().expect("a name"))
                .collect();
            assert!(names.len() > 300, "hundreds of names, got {}", names.len());
            for known in ["UTC", "Europe/Paris", "America/New_York"] {
                assert!(names.contains(&known), "{known}");
            }
            assert_eq!(code_spans(&row[2]), ["UTC"], "the default");
            continue;
        }
        // A comma-separated list is served as an array of the values.
        let values = schema["enum"]
            .as_array()
            .or_else(|| schema["items"]["enum"].as_array());
        if let Some(values) = values {
            let served_values: Vec<String> = values
                .iter()
                .map(|v| v.as_str().expect("value").to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            assert_eq!(code_spans(&row[1]), served_values, "{name}");
            // An empty entry is served as one more value, and documented as ignored.
            if values.len() > served_values.len() {
                assert!(row[1].contains("empty entries are ignored"), "{row:?}");
            }
        } else if schema["type"] == "boolean" {
            assert_eq!(code_spans(&row[1]), ["true", "false"], "{name}");
        }
    }
}

#[actix_web::test]
async fn the_task_fields_are_in_both() {
    let document = served().await;
    let example = CONTRACT
        .split_once("\n### Task\n")
        .and_then(|(_, rest)| rest.split_once("```json\n"))
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .expect("a Task example")
        .0;
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    let documented: BTreeSet<&String> = example.as_object().expect("object").keys().collect();
    let served_fields = document["components"]["schemas"]["Task"]["properties"]
        .as_object()
        .expect("Task properties");
    assert_eq!(documented, served_fields.keys().collect());
}

#[actix_web::test]
async fn every_status_is_in_both() {
    let document = served().await;
    let mut served_statuses = BTreeSet::new();
    for item in document["paths"].as_object().expect("paths").values() {
        for operation in item.as_object().expect("operations").values() {
            for status in operation["responses"]
                .as_object()
                .expect("responses")
                .keys()
            {
                served_statuses.insert(status.clone());
            }
        }
    }
    let mut documented: BTreeSet<String> = table("## Errors")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    for row in table("## Endpoints") {
        documented.insert(row[2][..3].to_owned());
    }
    // 405 is the answer to a method a path does not list (tests/api/methods.rs holds
    // its Allow to the document), and a 500 is a bug: neither belongs to an operation.
    assert!(documented.remove("405") && documented.remove("500"));
    assert_eq!(documented, served_statuses);
}

#[actix_web::test]
async fn x_next_task_id_is_documented_in_both() {
    let document = served().await;
    let recurring = CONTRACT
        .split_once("\n### Recurring tasks")
        .expect("a section on recurring tasks")
        .1
        .split_once("\n## ")
        .expect("the section ends")
        .0;
    assert!(
        recurring.contains("`X-Next-Task-Id: <id>`"),
        "docs/API.md says which answer carries X-Next-Task-Id"
    );
    let cors = CONTRACT
        .split_once("\nCORS:")
        .and_then(|(_, rest)| rest.split_once("\n\n"))
        .expect("a CORS paragraph")
        .0;
    let exposed = cors.split_once("exposed").map_or("", |(before, _)| before);
    assert!(
        exposed.contains("`X-Next-Task-Id`"),
        "docs/API.md lists X-Next-Task-Id among the CORS-exposed headers: {cors:?}"
    );
    for (path, method) in [
        ("/api/{user_id}/tasks/{id}", "put"),
        ("/api/{user_id}/tasks/{id}/complete", "patch"),
    ] {
        let ok = &document["paths"][path][method]["responses"]["200"];
        let headers = ok["headers"].as_object().unwrap_or_else(|| {
            panic!("{method} {path}: the 200 answer documents no headers: {ok}")
        });
        let header = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("x-next-task-id"))
            .unwrap_or_else(|| panic!("{method} {path}: no X-Next-Task-Id in {ok}"))
            .1;
        assert_eq!(header["schema"]["type"], "integer", "{method} {path}");
        assert!(header["description"].is_string(), "{method} {path}");
    }
}

#[actix_web::test]
async fn a_bare_priority_is_any_priority_and_the_document_allows_it() {
    // `priority=` is how a client that joins the chosen priorities sends none; as an
    // array it reads `[""]`, so the served items must allow an empty entry.
    let app = spawn_app().await;
    app.create_task(&app.alice, serde_json::json!({"title": "kept"}))
        .await;
    let answer = app.list(&app.alice, "?priority=").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body.as_array().map(Vec::len), Some(1));
    let document = app.get_raw("/openapi.json").await.body;
    let priority = document["paths"]["/api/{user_id}/tasks"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "priority")
        .expect("priority")
        .clone();
    let items = priority["schema"]["items"]["enum"]
        .as_array()
        .expect("an enum");
    assert!(items.contains(&Value::from("")), "{priority}");
}
