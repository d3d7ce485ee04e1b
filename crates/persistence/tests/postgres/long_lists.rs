//! A page costs what the page needs, however long the owner's list: PostgreSQL's
//! own account of the list statements (EXPLAIN ANALYZE) shows no step handling more
//! rows than a few pages, for every sort, both orders, with and without a status.

use diesel::connection::SimpleConnection;
use todo_domain::{SortKey, SortOrder, StatusFilter, TaskQuery};
use todo_persistence::inspect::explain_list;
use todo_persistence::test_db::TestDatabase;

use crate::{scope, tz, with};

/// 3,000 tasks of alice's (a third timed dues, a third date-only, a third none; a
/// fifth completed) and 1,000 of bob's.
const SEED: &str = "
INSERT INTO users (id) VALUES ('alice'), ('bob');
INSERT INTO tasks (user_id, title, completed, priority, due_at, due_date)
SELECT u.id, 'task ' || i, i % 5 = 0, (i % 4)::smallint,
       CASE WHEN i % 3 = 1 THEN timestamptz '2026-01-01 00:00Z' + i * interval '5 hours' END,
       CASE WHEN i % 3 = 2 THEN date '2026-01-01' + i / 5 END
FROM (VALUES ('alice', 3000), ('bob', 1000)) AS u(id, n)
CROSS JOIN LATERAL generate_series(1, u.n) AS i;
";

/// The most rows any step of the plan produced (`actual … rows=N`).
fn most_rows(plan: &[String]) -> u64 {
    plan.iter()
        .filter_map(|line| line.split("actual time=").nth(1))
        .filter_map(|actual| actual.split("rows=").nth(1))
        .filter_map(|rows| rows.split_whitespace().next()?.parse().ok())
        .max()
        .expect("a plan with actual rows")
}

#[test]
fn no_step_of_a_list_page_reads_the_whole_list() {
    let db = TestDatabase::create();
    let mut conn = db.connect();
    conn.batch_execute(SEED).expect("seed");
    conn.batch_execute("VACUUM ANALYZE tasks").expect("vacuum");
    let alice = scope("alice");
    let sorts = [
        SortKey::Created,
        SortKey::Updated,
        SortKey::Title,
        SortKey::Priority,
        SortKey::Due,
    ];
    for sort in sorts {
        for order in [SortOrder::Asc, SortOrder::Desc] {
            for status in [StatusFilter::All, StatusFilter::Pending] {
                for offset in [0, 40] {
                    let query = with(
                        TaskQuery::new(status, sort, Some(order), None, 20, offset),
                        |q| q.tz = tz("Pacific/Kiritimati"),
                    );
                    let (sql, plan) = explain_list(&mut conn, &alice, &query).expect("explain");
                    // Three scans of offset + limit rows at most, and what a status
                    // filter skips on the way.
                    let most = most_rows(&plan);
                    assert!(
                        most <= 3 * (offset + 20),
                        "{sort:?} {order:?} {status:?} offset {offset}: a step of {most} rows\n{sql}\n{}",
                        plan.join("\n")
                    );
                }
            }
        }
    }
}
