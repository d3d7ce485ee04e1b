//! The planning fields (priority, tags, dues, recurrence, reminders) as stored.

use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, SmallInt, Text};
use todo_domain::{
    Due, Frequency, NewTask, Priority, Recurrence, RevisionOutcome, Tags, Task, TaskPatch,
    TaskQuery, TaskRepository, UserRepository,
};
use todo_persistence::PgStore;

use crate::{applied, date, instant, new_task, revise, scope, store};

/// The planning columns of one task as PostgreSQL holds them.
#[derive(QueryableByName, Debug, PartialEq)]
struct Columns {
    #[diesel(sql_type = SmallInt)]
    priority: i16,
    #[diesel(sql_type = Array<Text>)]
    tags: Vec<String>,
    #[diesel(sql_type = Array<Text>)]
    tag_keys: Vec<String>,
    #[diesel(sql_type = Nullable<Text>)]
    due_at: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    due_date: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    recurrence_every: Option<String>,
    #[diesel(sql_type = Nullable<SmallInt>)]
    recurrence_interval: Option<i16>,
    #[diesel(sql_type = Nullable<Text>)]
    remind_at: Option<String>,
}

fn columns(conn: &mut PgConnection, task: &Task) -> Columns {
    diesel::sql_query(
        "SELECT priority, tags, tag_keys, \
             to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') AS due_at, \
             due_date::text AS due_date, recurrence_every, recurrence_interval, \
             to_char(remind_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') AS remind_at \
         FROM tasks WHERE id = $1",
    )
    .bind::<diesel::sql_types::BigInt, _>(task.id.get())
    .get_result(conn)
    .expect("columns")
}

fn everything() -> NewTask {
    NewTask {
        priority: Priority::Medium,
        tags: Tags::parse(["work", "Home", "errands", "HOME"]).expect("tags"),
        due: Some(Due::At(instant("2026-12-04T17:00:00.123456Z"))),
        recurrence: Some(Recurrence::new(Frequency::Month, 3).expect("rule")),
        remind_at: Some(instant("2026-12-04T08:00:00Z")),
        ..new_task("plan")
    }
}

/// `task` as `get` and as an unfiltered list return it.
fn read_back(store: &PgStore, owner: &todo_domain::OwnerScope, task: &Task) -> (Task, Task) {
    let got = store.get(owner, task.id).expect("get").expect("found");
    let listed = store
        .list(owner, &TaskQuery::default())
        .expect("list")
        .tasks
        .into_iter()
        .find(|t| t.id == task.id)
        .expect("listed");
    (got, listed)
}

#[test]
fn every_planning_field_round_trips_through_create_get_and_list() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let created = store.create(&alice, &everything()).expect("create");
    assert_eq!(created.state(), everything());
    assert_eq!(created.tags.labels(), ["errands", "Home", "work"]);
    assert_eq!(
        read_back(&store, &alice, &created),
        (created.clone(), created.clone())
    );
    assert_eq!(
        columns(&mut db.connect(), &created),
        Columns {
            priority: 2,
            tags: vec!["errands".into(), "Home".into(), "work".into()],
            tag_keys: vec!["errands".into(), "home".into(), "work".into()],
            due_at: Some("2026-12-04T17:00:00.123456".into()),
            due_date: None,
            recurrence_every: Some("month".into()),
            recurrence_interval: Some(3),
            remind_at: Some("2026-12-04T08:00:00.000000".into()),
        }
    );
}

#[test]
fn a_date_only_due_and_the_extreme_years_round_trip() {
    let (_db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    for (due, remind_at) in [
        (
            Due::On(date("2026-12-04")),
            instant("2026-12-05T11:59:59.999999Z"),
        ),
        (Due::On(date("9999-12-31")), instant("0001-01-01T00:00:00Z")),
        (
            Due::At(instant("9999-12-31T23:59:59.999999Z")),
            instant("9999-12-31T23:59:59.999999Z"),
        ),
        (Due::On(date("0001-01-01")), instant("0001-01-01T00:00:00Z")),
    ] {
        let task = NewTask {
            due: Some(due),
            recurrence: Some(Recurrence::new(Frequency::Year, 365).expect("rule")),
            remind_at: Some(remind_at),
            ..new_task("dated")
        };
        task.check().expect("valid task");
        let created = store.create(&alice, &task).expect("create");
        assert_eq!(created.state(), task);
        let (got, listed) = read_back(&store, &alice, &created);
        assert_eq!((got, listed), (created.clone(), created));
    }
}

#[test]
fn a_revision_writes_every_field_and_clears_what_it_clears() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let plain = store.create(&alice, &new_task("plan")).expect("create");

    let set = TaskPatch {
        priority: Some(Priority::High),
        tags: Some(Tags::parse(["Home"]).expect("tags")),
        due_date: Some(Some(date("2026-12-04"))),
        recurrence: Some(Some(Recurrence::new(Frequency::Day, 2).expect("rule"))),
        remind_at: Some(Some(instant("2026-12-04T06:00:00Z"))),
        ..TaskPatch::default()
    };
    let revised = applied(revise(&store, &alice, plain.id, &set));
    assert_eq!(revised.next, None);
    let task = revised.task;
    assert_eq!(task.priority, Priority::High);
    assert_eq!(task.tags.labels(), ["Home"]);
    assert_eq!(task.due, Some(Due::On(date("2026-12-04"))));
    assert_eq!(
        task.recurrence.map(|r| (r.every(), r.interval())),
        Some((Frequency::Day, 2))
    );
    assert_eq!(task.remind_at, Some(instant("2026-12-04T06:00:00Z")));
    assert_eq!(
        read_back(&store, &alice, &task),
        (task.clone(), task.clone())
    );

    // A timed due replaces the date-only one: the other column is cleared.
    let timed = TaskPatch {
        due_at: Some(Some(instant("2026-12-04T09:00:00Z"))),
        ..TaskPatch::default()
    };
    let task = applied(revise(&store, &alice, plain.id, &timed)).task;
    assert_eq!(task.due, Some(Due::At(instant("2026-12-04T09:00:00Z"))));
    assert_eq!(columns(&mut db.connect(), &task).due_date, None);

    let clear = TaskPatch {
        priority: Some(Priority::None),
        tags: Some(Tags::default()),
        due_at: Some(None),
        recurrence: Some(None),
        remind_at: Some(None),
        ..TaskPatch::default()
    };
    let task = applied(revise(&store, &alice, plain.id, &clear)).task;
    assert_eq!(task.state(), new_task("plan"));
    assert_eq!(
        read_back(&store, &alice, &task),
        (task.clone(), task.clone())
    );
    assert_eq!(
        columns(&mut db.connect(), &task),
        Columns {
            priority: 0,
            tags: vec![],
            tag_keys: vec![],
            due_at: None,
            due_date: None,
            recurrence_every: None,
            recurrence_interval: None,
            remind_at: None,
        }
    );
}

#[test]
fn a_rejected_revision_writes_nothing() {
    let (db, store) = store();
    let alice = scope("alice");
    store.upsert(&alice).expect("user");
    let task = store.create(&alice, &everything()).expect("create");
    let mut conn = db.connect();
    let version = |conn: &mut PgConnection| -> String {
        diesel::select(diesel::dsl::sql::<Text>("(SELECT xmin::text FROM tasks)"))
            .get_result(conn)
            .expect("xmin")
    };
    let before = version(&mut conn);
    // Clearing the due of a recurring task breaks a rule (and so does the title).
    let patch = TaskPatch {
        title: Some(todo_domain::TaskTitle::parse("renamed").expect("t")),
        due_at: Some(None),
        ..TaskPatch::default()
    };
    let RevisionOutcome::Rejected(errors) = revise(&store, &alice, task.id, &patch) else {
        panic!("expected a rejection");
    };
    assert_eq!(
        errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        ["recurrence"]
    );
    assert_eq!(store.get(&alice, task.id).expect("get"), Some(task));
    assert_eq!(version(&mut conn), before, "the row was not rewritten");
}
