//! Repository tests against a real PostgreSQL: each test gets its own database.

mod concurrency;
mod counts;
mod explain;
mod filters;
mod fixture;
mod idempotency;
mod isolation;
mod listen;
mod listing;
mod long_lists;
mod migrations;
mod planning;
mod recurrence;
mod sessions;
mod sorting;
mod statements;
mod tasks;
mod time_zones;
mod users;

use chrono::{DateTime, NaiveDate, Utc};
use todo_domain::{
    Caller, Completion, NewTask, OwnerScope, Precondition, Revised, RevisionOutcome, SortKey,
    SortOrder, StatusFilter, TaskDescription, TaskId, TaskPatch, TaskQuery, TaskRepository,
    TaskTitle, TimeZone, UserId, UserProfile, parse_time_zone,
};
use todo_persistence::PgStore;
use todo_persistence::test_db::TestDatabase;

/// A store on a fresh database; keep the database alive as long as the store.
pub fn store() -> (TestDatabase, PgStore) {
    let db = TestDatabase::create();
    let store = PgStore::new(db.pool(2));
    (db, store)
}

pub fn scope(user: &str) -> OwnerScope {
    scope_with_profile(user, UserProfile::default())
}

pub fn scope_with_profile(user: &str, profile: UserProfile) -> OwnerScope {
    Caller::from_verified_subject(UserId::parse(user).expect("user id"), profile)
        .scope_to(user)
        .expect("own scope")
}

pub fn new_task(title: &str) -> NewTask {
    NewTask::new(TaskTitle::parse(title).expect("title"))
}

pub fn described(title: &str, description: &str) -> NewTask {
    NewTask {
        description: Some(TaskDescription::parse(description).expect("description")),
        ..new_task(title)
    }
}

/// `patch` applied as the service applies it: through the domain's rules.
pub fn revise(
    store: &PgStore,
    owner: &OwnerScope,
    id: TaskId,
    patch: &TaskPatch,
) -> RevisionOutcome {
    store
        .revise(owner, id, &Precondition::Any, &|task| task.revise(patch))
        .expect("revise")
}

pub fn complete(
    store: &PgStore,
    owner: &OwnerScope,
    id: TaskId,
    completion: Completion,
) -> RevisionOutcome {
    store
        .revise(owner, id, &Precondition::Any, &|task| {
            Ok(task.complete(completion))
        })
        .expect("complete")
}

#[track_caller]
pub fn applied(outcome: RevisionOutcome) -> Revised {
    match outcome {
        RevisionOutcome::Applied(revised) => revised,
        other => panic!("expected the revision to be applied, got {other:?}"),
    }
}

pub fn query(
    status: StatusFilter,
    sort: SortKey,
    order: Option<SortOrder>,
    q: Option<&str>,
) -> TaskQuery {
    TaskQuery::new(status, sort, order, q.map(str::to_owned), 100, 0)
}

/// `base` with `change` made to it (the page size is private to `TaskQuery`, so
/// struct update syntax is not available).
pub fn with(mut base: TaskQuery, change: impl FnOnce(&mut TaskQuery)) -> TaskQuery {
    change(&mut base);
    base
}

pub fn titles(store: &PgStore, owner: &OwnerScope, q: &TaskQuery) -> Vec<String> {
    store
        .list(owner, q)
        .expect("list")
        .tasks
        .into_iter()
        .map(|t| t.title)
        .collect()
}

/// How many task rows the database holds, whoever owns them.
pub fn task_rows(conn: &mut diesel::PgConnection) -> i64 {
    use diesel::RunQueryDsl;
    diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT count(*) FROM tasks)",
    ))
    .get_result(conn)
    .expect("count")
}

pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("instant").to_utc()
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn tz(name: &str) -> TimeZone {
    parse_time_zone(name).expect("zone")
}
