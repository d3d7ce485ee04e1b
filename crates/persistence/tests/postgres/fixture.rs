//! A varied set of planned tasks, stored both in PostgreSQL and in the domain's
//! in-memory reference store, so that a list can be checked against the reference.

use todo_domain::testing::InMemoryStore;
use todo_domain::{
    Due, NewTask, OwnerScope, Priority, Tags, Task, TaskQuery, TaskRepository, UserRepository,
};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

use crate::{date, instant, new_task, scope, store};

pub struct Planned {
    pub _db: TestDatabase,
    pub pg: PgStore,
    pub reference: InMemoryStore,
    pub alice: OwnerScope,
    pub tasks: Vec<Task>,
}

fn task(title: &str, priority: Priority, tags: &[&str], due: Option<Due>) -> NewTask {
    NewTask {
        priority,
        tags: Tags::parse(tags.iter().copied()).expect("tags"),
        due,
        ..new_task(title)
    }
}

/// Titles name what matters about each task. Ties on purpose: equal priorities,
/// equal due instants (a timed due at Paris midnight and the date-only due of that
/// day), several tasks without a due, and a date whose midnight happens twice in the
/// Azores (2026-10-25, clocks back from 01:00 to 00:00).
pub fn tasks() -> Vec<NewTask> {
    use Priority::{High, Low, Medium, None};
    let at = |s| Some(Due::At(instant(s)));
    let on = |s| Some(Due::On(date(s)));
    vec![
        task("plain", None, &[], Option::None),
        task(
            "low home 3rd 22:30Z",
            Low,
            &["Home"],
            at("2026-12-03T22:30:00Z"),
        ),
        task(
            "medium home work 4th",
            Medium,
            &["home", "Work"],
            on("2026-12-04"),
        ),
        task(
            "high work 3rd 23:00Z",
            High,
            &["WORK"],
            at("2026-12-03T23:00:00Z"),
        ),
        task("high 3rd", High, &[], on("2026-12-03")),
        task("low errands", Low, &["errands", "home"], Option::None),
        task(
            "medium 4th 23:30Z",
            Medium,
            &["Work"],
            at("2026-12-04T23:30:00Z"),
        ),
        task("none 5th", None, &["errands"], on("2026-12-05")),
        task(
            "high again 3rd 23:00Z",
            High,
            &["home"],
            at("2026-12-03T23:00:00Z"),
        ),
        task("azores 25th", Medium, &[], on("2026-10-25")),
        task("azores 25th 00:30Z", Low, &[], at("2026-10-25T00:30:00Z")),
        task(
            "plain again",
            None,
            &["work", "home", "errands"],
            Option::None,
        ),
    ]
}

/// Alice's tasks (one completed) in both stores, plus bob's copies in PostgreSQL.
pub fn planned() -> Planned {
    let (db, pg) = store();
    let reference = InMemoryStore::default();
    let (alice, bob) = (scope("alice"), scope("bob"));
    for owner in [&alice, &bob] {
        pg.upsert(owner).expect("user");
    }
    reference.upsert(&alice).expect("user");
    let mut stored = Vec::new();
    for (i, mut new) in tasks().into_iter().enumerate() {
        new.completed = i == 3;
        let in_pg = pg.create(&alice, &new).expect("create");
        let in_reference = reference.create(&alice, &new).expect("create");
        // Same ids in both, so that ties (broken on id) can be compared too.
        assert_eq!(in_pg.id, in_reference.id);
        stored.push(in_pg);
    }
    // Bob's twins come after, so no id of alice's changes; they must never show.
    for new in tasks() {
        pg.create(&bob, &new).expect("create");
    }
    Planned {
        _db: db,
        pg,
        reference,
        alice,
        tasks: stored,
    }
}

impl Planned {
    /// The titles of the page PostgreSQL lists, after checking that the reference
    /// lists the same tasks in the same order with the same total.
    #[track_caller]
    pub fn titles(&self, query: &TaskQuery) -> Vec<String> {
        let page = self.pg.list(&self.alice, query).expect("list");
        let expected = self.reference.list(&self.alice, query).expect("reference");
        let ids = |tasks: &[Task]| tasks.iter().map(|t| t.id).collect::<Vec<_>>();
        let titles: Vec<String> = page.tasks.iter().map(|t| t.title.clone()).collect();
        let expected_titles: Vec<&str> = expected.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, expected_titles, "{query:?}");
        assert_eq!(ids(&page.tasks), ids(&expected.tasks), "{query:?}");
        assert_eq!(page.total, expected.total, "{query:?}");
        titles
    }
}
