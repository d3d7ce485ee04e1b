//! `sort=due` and `sort=priority` since 1.1, their ties and paging, and the 422s of
//! the new list parameters.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app, tasks_path, titles};
use crate::planning_support::{error_fields, ids, list_refused, total};

/// Titles in the order a list of every task gives, after checking that pages of two
/// give the same order (stable ties) and the same total.
async fn ordered(app: &TestApp, query: &str) -> Vec<String> {
    let all = app.list(&app.alice, &format!("?{query}")).await;
    let count = total(&all);
    let mut paged = Vec::new();
    for offset in (0..count).step_by(2) {
        let page = app
            .list(&app.alice, &format!("?{query}&limit=2&offset={offset}"))
            .await;
        assert_eq!(total(&page), count, "{query}");
        paged.extend(ids(&page));
    }
    assert_eq!(paged, ids(&all), "{query}: pages follow the full order");
    titles(&all)
}

#[actix_web::test]
async fn sort_due_is_soonest_first_with_tasks_without_a_due_last_in_both_orders() {
    let app = spawn_app().await;
    for task in [
        json!({"title": "none 1"}),
        json!({"title": "timed dec 4 10:00", "due_at": "2026-12-04T10:00:00Z"}),
        json!({"title": "date dec 4", "due_date": "2026-12-04"}),
        json!({"title": "none 2"}),
        json!({"title": "date dec 3", "due_date": "2026-12-03"}),
        json!({"title": "timed dec 5", "due_at": "2026-12-05T00:00:00+01:00"}),
    ] {
        app.create_task(&app.alice, task).await;
    }
    let due = [
        "date dec 3",
        "date dec 4",
        "timed dec 4 10:00",
        "timed dec 5",
    ];
    let asc = ordered(&app, "sort=due").await;
    assert_eq!(asc[..4], due);
    assert_eq!(asc[4..], ["none 1", "none 2"], "ties on id, ascending");
    assert_eq!(ordered(&app, "sort=due&order=asc").await, asc);
    let desc = ordered(&app, "sort=due&order=desc").await;
    let mut reversed = due;
    reversed.reverse();
    assert_eq!(desc[..4], reversed);
    let mut tail = desc[4..].to_vec();
    tail.sort();
    assert_eq!(
        tail,
        ["none 1", "none 2"],
        "no due comes last when descending too"
    );
}

#[actix_web::test]
async fn sort_due_places_a_date_at_its_start_in_tz() {
    let app = spawn_app().await;
    app.create_task(
        &app.alice,
        json!({"title": "timed", "due_at": "2026-12-03T23:30:00Z"}),
    )
    .await;
    app.create_task(
        &app.alice,
        json!({"title": "dated", "due_date": "2026-12-04"}),
    )
    .await;
    // In UTC the date starts at 00:00Z, after the timed due; in Paris at 23:00Z before it.
    assert_eq!(ordered(&app, "sort=due").await, ["timed", "dated"]);
    assert_eq!(ordered(&app, "sort=due&tz=UTC").await, ["timed", "dated"]);
    assert_eq!(
        ordered(&app, "sort=due&tz=Europe/Paris").await,
        ["dated", "timed"]
    );
    assert_eq!(
        ordered(&app, "sort=due&tz=Europe/Paris&order=desc").await,
        ["timed", "dated"]
    );
}

#[actix_web::test]
async fn equal_dues_break_ties_on_id() {
    let app = spawn_app().await;
    for title in ["x1", "x2", "x3"] {
        app.create_task(
            &app.alice,
            json!({"title": title, "due_date": "2026-12-04"}),
        )
        .await;
        app.create_task(
            &app.alice,
            json!({"title": format!("{title} timed"), "due_at": "2026-12-04T00:00:00Z"}),
        )
        .await;
    }
    let all = app.list(&app.alice, "?sort=due").await;
    let listed = ids(&all);
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(
        listed,
        sorted,
        "same instant: ascending ids, {:?}",
        titles(&all)
    );
    ordered(&app, "sort=due&order=desc").await;
}

#[actix_web::test]
async fn sort_priority_is_high_first_by_default_and_asc_puts_none_first() {
    let app = spawn_app().await;
    for (title, priority) in [
        ("low 1", "low"),
        ("high 1", "high"),
        ("none 1", "none"),
        ("medium 1", "medium"),
        ("high 2", "high"),
        ("none 2", "none"),
    ] {
        app.create_task(&app.alice, json!({"title": title, "priority": priority}))
            .await;
    }
    let asc = ordered(&app, "sort=priority&order=asc").await;
    assert_eq!(
        asc,
        ["none 1", "none 2", "low 1", "medium 1", "high 1", "high 2"]
    );
    let desc = ordered(&app, "sort=priority").await;
    assert_eq!(desc, ordered(&app, "sort=priority&order=desc").await);
    let rank = |t: &String| t.split(' ').next().expect("rank").to_owned();
    let ranks: Vec<String> = desc.iter().map(rank).collect();
    assert_eq!(ranks, ["high", "high", "medium", "low", "none", "none"]);
}

#[actix_web::test]
async fn the_new_sorts_combine_with_filters_and_paging() {
    let app = spawn_app().await;
    for (title, priority, due) in [
        ("a", "high", "2026-12-06"),
        ("b", "low", "2026-12-05"),
        ("c", "high", "2026-12-04"),
        ("d", "medium", "2026-12-07"),
    ] {
        app.create_task(
            &app.alice,
            json!({"title": title, "priority": priority, "due_date": due, "tags": ["t"]}),
        )
        .await;
    }
    assert_eq!(
        ordered(&app, "sort=due&priority=high,low").await,
        ["c", "b", "a"]
    );
    assert_eq!(
        ordered(&app, "sort=priority&tag=T&due_after=2026-12-05T00:00:00Z").await,
        ["a", "d", "b"]
    );
    let page = app
        .list(&app.alice, "?sort=due&order=desc&limit=2&offset=1")
        .await;
    assert_eq!(
        (titles(&page), total(&page)),
        (vec!["a".to_owned(), "b".to_owned()], 4)
    );
}

#[actix_web::test]
async fn bad_values_of_the_new_parameters_are_422_naming_the_parameter() {
    let app = spawn_app().await;
    for (query, field) in [
        ("priority=urgent", "priority"),
        ("priority=high,urgent", "priority"),
        ("priority=HIGH", "priority"),
        ("tag=a,b", "tag"),
        ("tag=ok&tag=bell%07", "tag"),
        ("tag=%20%20", "tag"),
        (&format!("tag={}", "x".repeat(33)), "tag"),
        ("due_before=tomorrow", "due_before"),
        ("due_before=2026-12-04", "due_before"),
        ("due_after=2026-12-04T10:00:00", "due_after"),
        ("due_after=2026-13-01T00:00:00Z", "due_after"),
        ("tz=Mars/Olympus_Mons", "tz"),
        ("tz=CET%00", "tz"),
        ("has_due=yes", "has_due"),
        ("has_due=1", "has_due"),
        ("has_due=TRUE", "has_due"),
    ] {
        list_refused(&app, &app.alice, query, field).await;
    }
    let path = format!(
        "{}?priority=top&tag=a,b&due_before=x&due_after=y&has_due=maybe&tz=Nowhere",
        tasks_path(&app.alice)
    );
    let answer = app.call(Method::GET, &path, &app.alice, None).await;
    let mut fields = error_fields(&answer);
    fields.sort();
    assert_eq!(
        fields,
        [
            "due_after",
            "due_before",
            "has_due",
            "priority",
            "tag",
            "tz"
        ]
    );
    for ok in [
        "sort=due",
        "sort=priority",
        "tz=Europe/Paris",
        "has_due=false",
        "tag=Home",
    ] {
        let path = format!("{}?{ok}", tasks_path(&app.alice));
        assert_eq!(
            app.call(Method::GET, &path, &app.alice, None).await.status,
            200,
            "{ok}"
        );
    }
}
