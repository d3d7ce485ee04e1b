//! Repository tests against a real PostgreSQL: each test gets its own database.

mod isolation;
mod listing;
mod migrations;
mod tasks;
mod users;

use todo_domain::{Caller, NewTask, OwnerScope, TaskDescription, TaskTitle, UserId, UserProfile};
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
    NewTask {
        title: TaskTitle::parse(title).expect("title"),
        description: None,
        completed: false,
    }
}

pub fn described(title: &str, description: &str) -> NewTask {
    NewTask {
        description: Some(TaskDescription::parse(description).expect("description")),
        ..new_task(title)
    }
}
