//! `PgStore`: the pool plus the unit-of-work helper every port method goes through.

use diesel::r2d2::{ConnectionManager, PooledConnection};
use diesel::{Connection, PgConnection};
use todo_domain::RepoError;

use crate::DbPool;
use crate::errors::{WorkError, checkout_error, query_error};

/// Implements the domain's `TaskRepository` and `UserRepository` on PostgreSQL.
#[derive(Clone)]
pub struct PgStore {
    pool: DbPool,
}

impl PgStore {
    pub fn new(pool: DbPool) -> Self {
        Self { pool }
    }

    /// Checks a connection out (bounded wait) and runs `work` on it; both kinds of
    /// failure are mapped to `RepoError` here.
    pub(crate) fn with_conn<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> diesel::QueryResult<T>,
    ) -> Result<T, RepoError> {
        let mut conn: PooledConnection<ConnectionManager<PgConnection>> =
            self.pool.get().map_err(checkout_error)?;
        work(&mut conn).map_err(query_error)
    }

    /// Like [`Self::with_conn`], with `work` in one transaction: committed when it
    /// returns `Ok`, rolled back on any error, so no half of it is ever stored.
    pub(crate) fn in_transaction<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> Result<T, WorkError>,
    ) -> Result<T, RepoError> {
        let mut conn: PooledConnection<ConnectionManager<PgConnection>> =
            self.pool.get().map_err(checkout_error)?;
        let conn: &mut PgConnection = &mut conn;
        conn.transaction(work).map_err(RepoError::from)
    }
}
