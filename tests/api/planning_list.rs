//! The list filters since 1.1: priority, tag, the due window in a time zone, and
//! has_due; alone and combined with status, q and paging.

use serde_json::json;

use crate::helpers::{TestApp, spawn_app, titles};
use crate::planning_support::{complete, total};

/// Sorted by title so that every answer below reads in one order.
async fn seeded() -> TestApp {
    let app = spawn_app().await;
    for task in [
        json!({"title": "a milk", "priority": "high", "tags": ["Home", "errands"], "due_date": "2026-12-04"}),
        json!({"title": "b bread", "priority": "medium", "tags": ["errands"], "due_at": "2026-12-04T10:00:00Z"}),
        json!({"title": "c taxes", "priority": "high", "tags": ["work"], "due_at": "2026-12-03T23:00:00Z"}),
        json!({"title": "d call", "priority": "low", "tags": ["home", "Work"]}),
        json!({"title": "e nap"}),
    ] {
        app.create_task(&app.alice, task).await;
    }
    app
}

async fn matching(app: &TestApp, query: &str) -> Vec<String> {
    let answer = app.list(&app.alice, &format!("?sort=title&{query}")).await;
    assert_eq!(
        total(&answer),
        answer.body.as_array().expect("array").len(),
        "{query}"
    );
    titles(&answer)
}

#[actix_web::test]
async fn priority_takes_a_comma_list_and_repeated_values_add_up() {
    let app = seeded().await;
    assert_eq!(matching(&app, "priority=high").await, ["a milk", "c taxes"]);
    let either = ["a milk", "b bread", "c taxes"];
    assert_eq!(matching(&app, "priority=high,medium").await, either);
    assert_eq!(
        matching(&app, "priority=high&priority=medium").await,
        either
    );
    assert_eq!(
        matching(&app, "priority=medium,high&priority=high").await,
        either
    );
    assert_eq!(matching(&app, "priority=none").await, ["e nap"]);
    assert_eq!(
        matching(&app, "priority=none,low").await,
        ["d call", "e nap"]
    );
    assert_eq!(
        matching(&app, "priority=none,low,medium,high").await.len(),
        5
    );
}

#[actix_web::test]
async fn tag_is_repeatable_every_tag_must_match_and_case_is_ignored() {
    let app = seeded().await;
    assert_eq!(matching(&app, "tag=home").await, ["a milk", "d call"]);
    assert_eq!(matching(&app, "tag=HOME").await, ["a milk", "d call"]);
    assert_eq!(matching(&app, "tag=errands").await, ["a milk", "b bread"]);
    assert_eq!(matching(&app, "tag=Errands&tag=hOmE").await, ["a milk"]);
    assert_eq!(matching(&app, "tag=work&tag=home").await, ["d call"]);
    assert_eq!(
        matching(&app, "tag=work&tag=errands").await,
        Vec::<String>::new()
    );
    assert_eq!(matching(&app, "tag=garden").await, Vec::<String>::new());
    assert_eq!(
        matching(&app, "tag=hom").await,
        Vec::<String>::new(),
        "whole tags only"
    );
}

#[actix_web::test]
async fn due_after_is_inclusive_and_due_before_exclusive_for_timed_dues() {
    let app = seeded().await;
    // Dues in UTC: c 2026-12-03T23:00Z, a (date) 2026-12-04T00:00Z, b 2026-12-04T10:00Z.
    assert_eq!(
        matching(&app, "due_after=2026-12-04T10:00:00Z").await,
        ["b bread"]
    );
    assert_eq!(
        matching(&app, "due_after=2026-12-04T10:00:00.000001Z").await,
        Vec::<String>::new()
    );
    assert_eq!(
        matching(&app, "due_before=2026-12-04T10:00:00Z").await,
        ["a milk", "c taxes"]
    );
    assert_eq!(
        matching(&app, "due_before=2026-12-04T10:00:00.000001Z").await,
        ["a milk", "b bread", "c taxes"]
    );
    // The same instant with an offset (`+` encoded).
    assert_eq!(
        matching(&app, "due_after=2026-12-04T11:00:00%2B01:00").await,
        ["b bread"]
    );
    assert_eq!(
        matching(&app, "due_before=2026-12-04T05:00:00-05:00").await,
        ["a milk", "c taxes"]
    );
    // Consecutive windows share no task and together hold every task with a due.
    let mut union = Vec::new();
    for window in [
        "due_before=2026-12-03T23:00:00Z",
        "due_after=2026-12-03T23:00:00Z&due_before=2026-12-04T00:00:00Z",
        "due_after=2026-12-04T00:00:00Z&due_before=2026-12-04T10:00:00Z",
        "due_after=2026-12-04T10:00:00Z",
    ] {
        let page = matching(&app, window).await;
        assert!(page.len() <= 1, "{window}: {page:?}");
        union.extend(page);
    }
    union.sort();
    assert_eq!(union, ["a milk", "b bread", "c taxes"]);
}

#[actix_web::test]
async fn a_date_only_due_starts_at_midnight_in_tz_which_defaults_to_utc() {
    let app = spawn_app().await;
    app.create_task(
        &app.alice,
        json!({"title": "dated", "due_date": "2026-12-04"}),
    )
    .await;
    let app_ref = &app;
    let inside = move |q: &'static str| async move { matching(app_ref, q).await == ["dated"] };
    // Europe/Paris is UTC+1 in December: the date starts at 2026-12-03T23:00:00Z.
    assert!(inside("due_after=2026-12-03T23:00:00Z&tz=Europe/Paris").await);
    assert!(!inside("due_after=2026-12-03T23:00:01Z&tz=Europe/Paris").await);
    assert!(!inside("due_before=2026-12-03T23:00:00Z&tz=Europe/Paris").await);
    assert!(inside("due_before=2026-12-03T23:00:01Z&tz=Europe/Paris").await);
    // Without tz, and with tz=UTC, it starts at 2026-12-04T00:00:00Z.
    for tz in ["", "&tz=UTC"] {
        let q = |bound: &str| format!("{bound}{tz}");
        assert_eq!(
            matching(&app, &q("due_after=2026-12-04T00:00:00Z")).await,
            ["dated"]
        );
        assert!(
            matching(&app, &q("due_after=2026-12-04T00:00:01Z"))
                .await
                .is_empty()
        );
        assert!(
            matching(&app, &q("due_before=2026-12-04T00:00:00Z"))
                .await
                .is_empty()
        );
        assert_eq!(
            matching(&app, &q("due_before=2026-12-04T00:00:01Z")).await,
            ["dated"]
        );
        assert_eq!(
            matching(&app, &q("due_after=2026-12-03T23:00:01Z")).await,
            ["dated"]
        );
    }
    // America/New_York is UTC-5 in December.
    assert!(inside("due_after=2026-12-04T05:00:00Z&tz=America/New_York").await);
    assert!(!inside("due_after=2026-12-04T05:00:01Z&tz=America/New_York").await);
    // In summer, Paris is UTC+2.
    app.create_task(
        &app.alice,
        json!({"title": "summer", "due_date": "2026-07-01"}),
    )
    .await;
    assert_eq!(
        matching(
            &app,
            "due_after=2026-06-30T22:00:00Z&due_before=2026-06-30T22:00:01Z&tz=Europe/Paris"
        )
        .await,
        ["summer"]
    );
}

#[actix_web::test]
async fn has_due_keeps_tasks_with_or_without_a_due_and_dueless_tasks_match_no_bound() {
    let app = seeded().await;
    assert_eq!(
        matching(&app, "has_due=true").await,
        ["a milk", "b bread", "c taxes"]
    );
    assert_eq!(matching(&app, "has_due=false").await, ["d call", "e nap"]);
    assert!(
        matching(&app, "has_due=false&due_after=2000-01-01T00:00:00Z")
            .await
            .is_empty()
    );
    let everything = ["a milk", "b bread", "c taxes"];
    assert_eq!(
        matching(&app, "due_after=2000-01-01T00:00:00Z").await,
        everything
    );
    assert_eq!(
        matching(&app, "due_before=2100-01-01T00:00:00Z").await,
        everything
    );
}

#[actix_web::test]
async fn the_new_filters_combine_with_status_q_and_paging() {
    let app = seeded().await;
    app.create_task(
        &app.alice,
        json!({"title": "f milk too", "priority": "high", "tags": ["home"], "due_date": "2026-12-05"}),
    )
    .await;
    assert_eq!(
        matching(&app, "priority=high&tag=home").await,
        ["a milk", "f milk too"]
    );
    assert_eq!(
        matching(&app, "priority=high&tag=home&q=TOO").await,
        ["f milk too"]
    );
    assert_eq!(
        matching(
            &app,
            "q=milk&due_after=2026-12-04T00:00:00Z&due_before=2026-12-05T00:00:00Z"
        )
        .await,
        ["a milk"]
    );
    let milk = app.list(&app.alice, "?q=a%20milk").await.body[0].clone();
    complete(&app, &app.alice, &milk, None).await;
    assert_eq!(
        matching(&app, "status=pending&tag=home&priority=high").await,
        ["f milk too"]
    );
    assert_eq!(
        matching(&app, "status=completed&has_due=true").await,
        ["a milk"]
    );
    assert_eq!(
        matching(&app, "status=completed&has_due=false").await,
        Vec::<String>::new()
    );

    let mut seen = Vec::new();
    for offset in 0..3 {
        let page = app
            .list(
                &app.alice,
                &format!("?sort=title&has_due=true&limit=1&offset={offset}"),
            )
            .await;
        assert_eq!(total(&page), 4, "matches before limit and offset");
        seen.extend(titles(&page));
    }
    assert_eq!(seen, ["a milk", "b bread", "c taxes"]);
    let past = app.list(&app.alice, "?priority=high&offset=5").await;
    assert_eq!((past.body.clone(), total(&past)), (json!([]), 3));
}
