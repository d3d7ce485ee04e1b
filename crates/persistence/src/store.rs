//! `PgStore`: the pool plus the unit-of-work helper every port method goes through.

use std::sync::Arc;

use diesel::{Connection, PgConnection};
use todo_domain::RepoError;

use crate::errors::{WorkError, checkout_error, query_error};
use crate::{ChangeOutbox, DbPool};

/// Implements the domain's `TaskRepository` and `UserRepository` on PostgreSQL.
#[derive(Clone)]
pub struct PgStore {
    pool: DbPool,
    outbox: Arc<ChangeOutbox>,
}

impl PgStore {
    pub fn new(pool: DbPool) -> Self {
        Self {
            pool,
            outbox: Arc::default(),
        }
    }

    /// Where this store records the changes it committed: hand it to the
    /// [`crate::ChangeListener`], which announces them.
    pub fn outbox(&self) -> Arc<ChangeOutbox> {
        self.outbox.clone()
    }

    /// Records a change of `task` that was just committed, to be announced.
    pub(crate) fn committed(&self, kind: todo_domain::ChangeKind, task: &todo_domain::Task) {
        self.outbox.committed(kind, task);
    }

    pub(crate) fn announce(&self, change: todo_domain::TaskChange) {
        self.outbox.push(change);
    }

    /// Checks a connection out (bounded wait) and runs `work` on it; both kinds of
    /// failure are mapped to `RepoError` here.
    pub(crate) fn with_conn<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> diesel::QueryResult<T>,
    ) -> Result<T, RepoError> {
        let mut session = self.pool.get().map_err(checkout_error)?;
        work(session.conn()).map_err(|e| lost_if_unavailable(&mut session, query_error(e)))
    }

    /// Like [`Self::with_conn`], with `work` in one transaction: committed when it
    /// returns `Ok`, rolled back on any error, so no half of it is ever stored.
    pub(crate) fn in_transaction<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> Result<T, WorkError>,
    ) -> Result<T, RepoError> {
        let mut session = self.pool.get().map_err(checkout_error)?;
        let done = session.conn().transaction(work);
        done.map_err(|e| lost_if_unavailable(&mut session, RepoError::from(e)))
    }
}

/// A failure that may mean the connection is gone (see `query_error`) retires the
/// session: connections are not tested at checkout, so a dead one must not go back.
/// Retiring a live one after, say, a statement timeout costs one reconnect.
fn lost_if_unavailable(session: &mut crate::pool::Session, err: RepoError) -> RepoError {
    if matches!(err, RepoError::Unavailable(_)) {
        session.mark_lost();
    }
    err
}
