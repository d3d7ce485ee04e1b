//! List parameters: status, search, sort, order, paging and `X-Total-Count`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app, task_path, tasks_path, titles};

async fn seeded() -> TestApp {
    let app = spawn_app().await;
    for (title, description) in [
        ("banana", "yellow"),
        ("Apple", "Red fruit"),
        ("cherry", "red too"),
    ] {
        app.create_task(
            &app.alice,
            json!({"title": title, "description": description}),
        )
        .await;
    }
    app
}

#[actix_web::test]
async fn the_default_list_is_newest_first_with_a_total() {
    let app = seeded().await;
    let answer = app.list(&app.alice, "").await;
    assert_eq!(titles(&answer), ["cherry", "Apple", "banana"]);
    assert_eq!(answer.header("x-total-count"), Some("3"));
}

#[actix_web::test]
async fn sort_and_order_are_honoured() {
    let app = seeded().await;
    assert_eq!(
        titles(&app.list(&app.alice, "?sort=title").await),
        ["Apple", "banana", "cherry"]
    );
    assert_eq!(
        titles(&app.list(&app.alice, "?sort=title&order=desc").await),
        ["cherry", "banana", "Apple"]
    );
    assert_eq!(
        titles(&app.list(&app.alice, "?sort=created&order=asc").await),
        ["banana", "Apple", "cherry"]
    );
    let first = &app.list(&app.alice, "?order=asc").await.body[0];
    app.call(
        Method::PUT,
        &task_path(&app.alice, &first["id"]),
        &app.alice,
        Some(json!({"title": "banana!"})),
    )
    .await;
    assert_eq!(
        titles(&app.list(&app.alice, "?sort=updated").await)[0],
        "banana!"
    );
}

#[actix_web::test]
async fn status_filters_pending_and_completed() {
    let app = seeded().await;
    let apple = &app.list(&app.alice, "?sort=title").await.body[0];
    let path = format!("{}/complete", task_path(&app.alice, &apple["id"]));
    app.call(Method::PATCH, &path, &app.alice, None).await;
    let done = app.list(&app.alice, "?status=completed").await;
    assert_eq!(titles(&done), ["Apple"]);
    assert_eq!(done.header("x-total-count"), Some("1"));
    assert_eq!(
        titles(&app.list(&app.alice, "?status=pending&sort=title").await),
        ["banana", "cherry"]
    );
    assert_eq!(
        app.list(&app.alice, "?status=all")
            .await
            .header("x-total-count"),
        Some("3")
    );
}

#[actix_web::test]
async fn q_searches_title_and_description_case_insensitively() {
    let app = seeded().await;
    assert_eq!(
        titles(&app.list(&app.alice, "?q=RED&sort=title").await),
        ["Apple", "cherry"]
    );
    assert_eq!(titles(&app.list(&app.alice, "?q=nan").await), ["banana"]);
    let none = app.list(&app.alice, "?q=%25").await;
    assert_eq!(none.header("x-total-count"), Some("0"));
}

#[actix_web::test]
async fn paging_with_limit_and_offset_is_stable_and_counts_all_matches() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.create_task(&app.alice, json!({"title": "same"})).await;
    }
    let mut seen = Vec::new();
    for offset in [0, 2, 4] {
        let page = app
            .list(&app.alice, &format!("?sort=title&limit=2&offset={offset}"))
            .await;
        assert_eq!(page.header("x-total-count"), Some("5"));
        seen.extend(
            page.body
                .as_array()
                .expect("array")
                .iter()
                .map(|t| t["id"].as_i64().expect("id")),
        );
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(seen, sorted, "ascending ids, no repeats");
    assert_eq!(seen.len(), 5);
    let past = app.list(&app.alice, "?offset=10").await;
    assert_eq!(past.body, json!([]));
    assert_eq!(past.header("x-total-count"), Some("5"));
}

#[actix_web::test]
async fn unknown_values_are_422_naming_each_parameter() {
    let app = spawn_app().await;
    let path = format!(
        "{}?status=done&sort=importance&order=up&limit=0&offset=-1",
        tasks_path(&app.alice)
    );
    let answer = app.call(Method::GET, &path, &app.alice, None).await;
    let problem = answer.problem(422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["limit", "offset", "order", "sort", "status"]);
    for bad in ["limit=201", "limit=x", "status=Pending"] {
        let path = format!("{}?{bad}", tasks_path(&app.alice));
        app.call(Method::GET, &path, &app.alice, None)
            .await
            .problem(422);
    }
    let ok = format!("{}?limit=200&offset=0", tasks_path(&app.alice));
    assert_eq!(
        app.call(Method::GET, &ok, &app.alice, None).await.status,
        200
    );
}

#[actix_web::test]
async fn a_search_holding_nul_is_422_not_a_database_error() {
    let app = spawn_app().await;
    for q in ["%00", "milk%00", "%00%25"] {
        let path = format!("{}?q={q}", tasks_path(&app.alice));
        let answer = app.call(Method::GET, &path, &app.alice, None).await;
        assert_eq!(answer.problem(422)["errors"][0]["field"], "q", "{q}");
    }
}
