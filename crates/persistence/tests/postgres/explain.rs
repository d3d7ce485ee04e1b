//! The list statements' plans on 100k tasks of one user (and 40k of two others).
//! Ignored by default: a study, not a check. Run it with
//!
//! ```sh
//! TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55442/postgres \
//!     cargo nextest run -p todo-persistence --run-ignored only --no-capture explain
//! ```

use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;
use todo_domain::{
    DueBound, DueFilter, Priority, SortKey, SortOrder, StatusFilter, Tag, TaskQuery,
};
use todo_persistence::inspect::explain_list;
use todo_persistence::test_db::TestDatabase;

use crate::{instant, scope, tz, with};

/// One statement seeds every user's tasks. Priorities cycle through all four; tags
/// are `errands` (1 in 10), `home` (1 in 2), `work` (1 in 3) and `rare` (1 in 1000);
/// a third of the tasks has a timed due, a third a date-only one, spread over two
/// years; a fifth are completed.
const SEED: &str = "
INSERT INTO users (id) VALUES ('alice'), ('bob'), ('carol');
INSERT INTO tasks (user_id, title, description, completed, priority, tags, tag_keys,
                   due_at, due_date, created_at, updated_at)
SELECT u.id, 'task ' || i, CASE WHEN i % 3 = 0 THEN 'note ' || i END, i % 5 = 0,
       (i % 4)::smallint, t.tags, t.keys,
       CASE WHEN i % 3 = 1 THEN timestamptz '2026-01-01 00:00Z'
            + (i % 730) * interval '1 day' + (i % 24) * interval '1 hour' END,
       CASE WHEN i % 3 = 2 THEN date '2026-01-01' + (i % 730) END,
       timestamptz '2026-01-01 00:00Z' + i * interval '1 minute',
       timestamptz '2026-01-01 00:00Z' + i * interval '1 minute'
FROM (VALUES ('alice', 100000), ('bob', 20000), ('carol', 20000)) AS u(id, n)
CROSS JOIN LATERAL generate_series(1, u.n) AS i
CROSS JOIN LATERAL (
    SELECT array_remove(ARRAY[CASE WHEN i % 10 = 0 THEN 'Errands' END,
                              CASE WHEN i % 2 = 0 THEN 'home' END,
                              CASE WHEN i % 1000 = 7 THEN 'rare' END,
                              CASE WHEN i % 3 = 0 THEN 'work' END], NULL) AS tags,
           array_remove(ARRAY[CASE WHEN i % 10 = 0 THEN 'errands' END,
                              CASE WHEN i % 2 = 0 THEN 'home' END,
                              CASE WHEN i % 1000 = 7 THEN 'rare' END,
                              CASE WHEN i % 3 = 0 THEN 'work' END], NULL) AS keys
) AS t;
";

fn queries() -> Vec<(&'static str, TaskQuery)> {
    let paris = tz("Europe/Paris");
    let tags = |names: &[&str]| names.iter().map(|n| Tag::parse(n).expect("tag")).collect();
    let sorted = |sort, order| {
        with(
            TaskQuery::new(StatusFilter::All, sort, order, None, 100, 0),
            |q| {
                q.tz = paris;
            },
        )
    };
    vec![
        ("default (created desc)", TaskQuery::default()),
        (
            "tag filter, rare (100 of alice's)",
            with(TaskQuery::default(), |q| q.tags = tags(&["RARE"])),
        ),
        (
            "tag filter, home and work (1 in 6)",
            with(TaskQuery::default(), |q| q.tags = tags(&["home", "work"])),
        ),
        (
            "priority filter, high (1 in 4)",
            with(TaskQuery::default(), |q| {
                q.priorities = vec![Priority::High]
            }),
        ),
        (
            "due window, one week in Paris",
            with(TaskQuery::default(), |q| {
                q.due = DueFilter {
                    after: Some(DueBound::new(instant("2026-06-01T00:00:00Z"), paris)),
                    before: Some(DueBound::new(instant("2026-06-08T00:00:00Z"), paris)),
                    has_due: None,
                };
                q.tz = paris;
            }),
        ),
        ("sort=due (asc), Paris", sorted(SortKey::Due, None)),
        (
            "sort=due desc, Paris",
            sorted(SortKey::Due, Some(SortOrder::Desc)),
        ),
        ("sort=priority (desc)", sorted(SortKey::Priority, None)),
        (
            "sort=priority, pending, tag rare",
            with(sorted(SortKey::Priority, None), |q| {
                q.status = StatusFilter::Pending;
                q.tags = tags(&["rare"]);
            }),
        ),
    ]
}

#[test]
#[ignore = "a study of query plans on 140k rows: run it by name with --run-ignored"]
fn explain_the_list_queries_on_100k_tasks() {
    let db = TestDatabase::create();
    let mut conn = db.connect();
    conn.batch_execute(SEED).expect("seed");
    // VACUUM as autovacuum soon would: right after a bulk insert the new GIN entries
    // sit in the index's pending list, which every tag lookup scans linearly (16 ms
    // and 484 buffers for `rare` here, against 0.05 ms and 2 buffers after it).
    diesel::sql_query("VACUUM ANALYZE tasks")
        .execute(&mut conn)
        .expect("vacuum");
    let alice = scope("alice");
    for (label, query) in queries() {
        // Twice: the first run reads the pages in, the second shows the warm plan.
        explain_list(&mut conn, &alice, &query).expect("explain");
        let (sql, plan) = explain_list(&mut conn, &alice, &query).expect("explain");
        println!("\n=== {label}\n{sql}\n{}", plan.join("\n"));
    }
}
