//! The isolation matrix for what 1.1 added: the new filters and sorts see only the
//! path owner's tasks, and nobody completes or edits someone else's recurring task.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app, task_path, tasks_path};
use crate::planning_support::{complete, put, total};

const QUERIES: [&str; 14] = [
    "",
    "?priority=high",
    "?priority=high,medium&priority=low",
    "?tag=home",
    "?tag=HOME&tag=errands",
    "?due_after=2026-12-03T23:00:00Z&tz=Europe/Paris",
    "?due_before=2026-12-05T00:00:00Z",
    "?due_after=2026-12-01T00:00:00Z&due_before=2027-01-01T00:00:00Z&tz=America/New_York",
    "?has_due=true",
    "?has_due=false",
    "?sort=due",
    "?sort=due&order=desc&tz=Europe/Paris",
    "?sort=priority&order=asc&limit=2&offset=1",
    "?sort=priority&priority=high&tag=home&has_due=true&status=pending&q=milk",
];

/// The same tasks for `user`, titled after them.
async fn seed(app: &TestApp, user: &TestUser) {
    let name = &user.id[..3];
    for task in [
        json!({"title": format!("{name} milk"), "priority": "high", "tags": ["home", "errands"], "due_date": "2026-12-04"}),
        json!({"title": format!("{name} report"), "priority": "medium", "tags": ["work"], "due_at": "2026-12-04T10:00:00Z"}),
        json!({"title": format!("{name} call"), "priority": "low", "tags": ["Home"]}),
        json!({"title": format!("{name} weekly"), "tags": ["home"], "due_date": "2026-12-06",
            "recurrence": {"every": "week"}}),
    ] {
        app.create_task(user, task).await;
    }
}

async fn all_of(app: &TestApp, user: &TestUser) -> Value {
    app.list(user, "?sort=created&order=asc").await.body
}

#[actix_web::test]
async fn every_new_filter_and_sort_returns_only_the_path_owners_tasks() {
    let app = spawn_app().await;
    seed(&app, &app.alice).await;
    let alone = {
        let mut totals = Vec::new();
        for query in QUERIES {
            totals.push(total(&app.list(&app.alice, query).await));
        }
        totals
    };
    seed(&app, &app.bob).await;
    for (query, expected) in QUERIES.into_iter().zip(alone) {
        for user in [&app.alice, &app.bob] {
            let answer = app.list(user, query).await;
            assert_eq!(total(&answer), expected, "{} {query}", user.id);
            for task in answer.body.as_array().expect("array") {
                assert_eq!(task["user_id"], user.id.as_str(), "{query}");
                assert!(
                    task["title"]
                        .as_str()
                        .expect("title")
                        .starts_with(&user.id[..3])
                );
            }
        }
    }
}

#[actix_web::test]
async fn nobody_completes_or_edits_someone_elses_recurring_task() {
    let app = spawn_app().await;
    seed(&app, &app.alice).await;
    seed(&app, &app.bob).await;
    let alices = all_of(&app, &app.alice).await;
    let bobs = all_of(&app, &app.bob).await;
    let recurring = alices
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["recurrence"].is_object())
        .expect("alice's recurring task")
        .clone();
    // Alice's id under bob's own path: not found, and exactly like a missing task.
    let foreign = task_path(&app.bob, &recurring["id"]);
    let attempts: [(Method, &str, Option<Value>); 5] = [
        (Method::PATCH, "/complete", None),
        (Method::PATCH, "/complete", Some(json!({"completed": true}))),
        (Method::PUT, "", Some(json!({"completed": true}))),
        (
            Method::PUT,
            "",
            Some(json!({"priority": "none", "tags": [], "due_date": null, "recurrence": null})),
        ),
        (
            Method::PUT,
            "",
            Some(json!({"recurrence": {"every": "day"}, "remind_at": "2026-12-05T08:00:00Z"})),
        ),
    ];
    for (method, suffix, body) in attempts {
        let answer = app
            .call(
                method.clone(),
                &format!("{foreign}{suffix}"),
                &app.bob,
                body,
            )
            .await;
        answer.problem(404);
        assert_eq!(answer.header("x-next-task-id"), None);
    }
    // Bob's token on alice's path: forbidden before anything is touched.
    let theirs = task_path(&app.alice, &recurring["id"]);
    for (method, suffix, body) in [
        (Method::PATCH, "/complete", None),
        (Method::PUT, "", Some(json!({"completed": true}))),
    ] {
        let answer = app
            .call(method, &format!("{theirs}{suffix}"), &app.bob, body)
            .await;
        answer.problem(403);
        assert_eq!(answer.header("x-next-task-id"), None);
    }
    assert_eq!(
        all_of(&app, &app.alice).await,
        alices,
        "alice's tasks are unchanged"
    );
    assert_eq!(
        all_of(&app, &app.bob).await,
        bobs,
        "nothing was created for bob"
    );
    // Alice herself still can, once.
    let done = complete(&app, &app.alice, &recurring, None).await;
    assert!(done.header("x-next-task-id").is_some(), "{done:?}");
    let again = put(&app, &app.alice, &recurring, json!({"completed": true})).await;
    assert_eq!(again.header("x-next-task-id"), None);
    assert_eq!(total(&app.list(&app.alice, "").await), 5);
    assert_eq!(all_of(&app, &app.bob).await, bobs);
}

#[actix_web::test]
async fn the_new_parameters_on_someone_elses_path_are_403() {
    let app = spawn_app().await;
    seed(&app, &app.alice).await;
    let before = all_of(&app, &app.alice).await;
    for query in QUERIES
        .iter()
        .chain(&["?tag=a,b&priority=bogus&tz=Nowhere&has_due=maybe"])
    {
        let path = format!("{}{query}", tasks_path(&app.alice));
        let answer = app.call(Method::GET, &path, &app.bob, None).await;
        let problem = answer.problem(403);
        assert!(!problem.to_string().contains("milk"), "{query}");
        assert_eq!(answer.header("x-total-count"), None, "{query}");
    }
    let planted = json!({"title": "planted", "priority": "high", "tags": ["home"],
        "due_date": "2026-12-04", "recurrence": {"every": "day"}});
    app.call(
        Method::POST,
        &tasks_path(&app.alice),
        &app.bob,
        Some(planted),
    )
    .await
    .problem(403);
    assert_eq!(all_of(&app, &app.alice).await, before);
    assert_eq!(all_of(&app, &app.bob).await, json!([]));
}
