//! PostgreSQL storage for tasks and users: diesel 2 over an r2d2 pool.
//!
//! This crate implements the domain's repository ports and nothing else decides
//! here: every statement on `tasks` is filtered by the [`OwnerScope`] it is given, in
//! the statement itself. Diesel rows never leave the crate, and every diesel or pool
//! error becomes a [`RepoError`] in one place (`errors.rs`).
//!
//! It also announces every task change this process commits (`outbox.rs`), and holds
//! the process's one `LISTEN` connection (`listen.rs`), which sends those
//! announcements and hands every one it hears, from any replica, to the domain's
//! `ChangeSink` port.
//!
//! Work reaches the pool through a gate (`admission.rs`) that runs no more at once
//! than gets more done: a pool sized for a large database does not crowd a small one.
//!
//! [`OwnerScope`]: todo_domain::OwnerScope
//! [`RepoError`]: todo_domain::RepoError

mod admission;
mod errors;
mod listen;
mod migrations;
mod outbox;
mod pool;
mod rows;
mod schema;
mod store;
mod tasks;
#[cfg(feature = "test-support")]
pub mod test_db;
mod users;

pub use listen::{CHANGES_CHANNEL, ChangeListener, LISTENER_APPLICATION_NAME, ListenConfig};
pub use migrations::{MigrationError, run_migrations};
pub use outbox::ChangeOutbox;
pub use pool::{DbConfig, DbPool, Session, SessionManager, build_pool};
pub use store::PgStore;

/// A look at the statements the repository sends, for tests and query-plan studies.
#[cfg(feature = "test-support")]
pub mod inspect {
    pub use crate::tasks::day_starts;
    pub use crate::tasks::explain::explain_list;
}
