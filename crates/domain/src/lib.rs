//! The Todo domain: tasks, the rules a task must satisfy, and per-user isolation.
//!
//! This crate owns *who may touch which task*. Every task operation goes through
//! [`TaskService`], and every service method needs an [`OwnerScope`], which only a
//! verified [`Caller`] can produce, and only for its own user id. Repository ports
//! take the scope too, so an adapter cannot be asked for a task without an owner.
//!
//! It must never do I/O or depend on a framework (no diesel, no actix): adapters
//! live in `todo-persistence` and `todo-auth`, the wire format in `todo-http`.

mod changes;
mod concurrency;
mod error;
mod identity;
mod ids;
mod known_users;
mod planning;
mod ports;
mod query;
mod revision;
mod service;
mod task;
#[cfg(feature = "test-support")]
pub mod testing;

pub use changes::{ChangeKind, ChangeSink, TaskChange};
pub use concurrency::{
    CreatedOnce, Guarded, IDEMPOTENCY_WINDOW, IdempotencyKey, OnceKey, Precondition,
};
pub use error::{BoxError, FieldError, RepoError, TaskError};
pub use identity::{Caller, OwnerScope, UserProfile};
pub use ids::{TaskId, UserId};
pub use planning::{
    Due, DueBound, Frequency, INTERVAL_MAX, MAX_TAGS, MAX_YEAR, MIN_YEAR, Priority, Recurrence,
    TAG_MAX_CHARS, Tag, Tags, TimeZone, parse_time_zone, start_of_day,
};
pub use ports::{Reviser, RevisionOutcome, TaskRepository, UserRepository};
pub use query::{DueFilter, SortKey, SortOrder, StatusFilter, TaskPage, TaskQuery};
pub use revision::{Revised, Revision, next_occurrence};
pub use service::TaskService;
pub use task::{
    Completion, DESCRIPTION_MAX_CHARS, NewTask, TITLE_MAX_CHARS, Task, TaskDescription, TaskPatch,
    TaskTitle,
};
