//! `PgStore`: the pool plus the unit-of-work helper every port method goes through.

use std::sync::Arc;
use std::time::Instant;

use diesel::{Connection, PgConnection};
use todo_domain::RepoError;

use crate::admission::Admission;
use crate::errors::{WorkError, checkout_error, query_error};
use crate::pool::Session;
use crate::{ChangeOutbox, DbPool};

/// Implements the domain's `TaskRepository` and `UserRepository` on PostgreSQL.
#[derive(Clone)]
pub struct PgStore {
    pool: DbPool,
    outbox: Arc<ChangeOutbox>,
    admission: Arc<Admission>,
}

impl PgStore {
    pub fn new(pool: DbPool) -> Self {
        let admission = Arc::new(Admission::new(pool.max_size() as usize));
        Self {
            pool,
            outbox: Arc::default(),
            admission,
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
        self.with_session(|session| work(session.conn()).map_err(query_error))
    }

    /// Like [`Self::with_conn`], with `work` in one transaction: committed when it
    /// returns `Ok`, rolled back on any error, so no half of it is ever stored.
    pub(crate) fn in_transaction<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> Result<T, WorkError>,
    ) -> Result<T, RepoError> {
        self.with_session(|session| session.conn().transaction(work).map_err(RepoError::from))
    }

    /// A slot (see `admission`), then a connection, both within one checkout timeout;
    /// then `work`. The connection goes back to the pool before the slot is freed, so
    /// the next one admitted finds it.
    fn with_session<T>(
        &self,
        work: impl FnOnce(&mut Session) -> Result<T, RepoError>,
    ) -> Result<T, RepoError> {
        let timeout = self.pool.connection_timeout();
        let asked = Instant::now();
        let slot = self.admission.admit(timeout).ok_or_else(|| {
            RepoError::Unavailable(format!("no database slot within {timeout:?}").into())
        })?;
        let left = timeout.saturating_sub(asked.elapsed());
        let mut session = self.pool.get_timeout(left).map_err(checkout_error)?;
        let done = work(&mut session).map_err(|e| lost_if_unavailable(&mut session, e));
        drop(session);
        if done.is_ok() {
            slot.done();
        }
        done
    }
}

/// A failure that may mean the connection is gone (see `query_error`) retires the
/// session: connections are not tested at checkout, so a dead one must not go back.
/// Retiring a live one after, say, a statement timeout costs one reconnect.
fn lost_if_unavailable(session: &mut Session, err: RepoError) -> RepoError {
    if matches!(err, RepoError::Unavailable(_)) {
        session.mark_lost();
    }
    err
}
