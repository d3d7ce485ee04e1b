//! Creates made once per `Idempotency-Key`: the key row and the task are committed
//! together, and a repeat reads the answer the key row keeps.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use todo_domain::{CreatedOnce, IDEMPOTENCY_WINDOW, NewTask, OnceKey, OwnerScope, RepoError, Task};

use super::insert;
use crate::PgStore;
use crate::rows::TaskRow;
use crate::schema::idempotency_keys;

/// A key that expires, or whose first request rolls back, between this request's
/// attempt and its read leaves no answer to read: try again, a few times.
const ATTEMPTS: usize = 3;

pub(super) fn create_once(
    store: &PgStore,
    scope: &OwnerScope,
    task: &NewTask,
    once: &OnceKey,
) -> Result<CreatedOnce, RepoError> {
    for _ in 0..ATTEMPTS {
        let cutoff =
            Utc::now() - chrono::Duration::from_std(IDEMPOTENCY_WINDOW).unwrap_or_default();
        let outcome = store.with_conn(|conn| {
            if let Some(row) = claim(conn, scope, task, once, cutoff)? {
                return Ok(Some(Ok(row)));
            }
            // Another request holds the key. Its transaction has committed by now:
            // the insert above waited for it.
            Ok(earlier_answer(conn, scope, once, cutoff)?.map(Err))
        })?;
        match outcome {
            Some(Ok(row)) => return Task::try_from(row).map(CreatedOnce::Created),
            Some(Err((fingerprint, _))) if fingerprint != once.fingerprint => {
                return Ok(CreatedOnce::KeyReused);
            }
            Some(Err((_, answer))) => {
                let row: TaskRow = serde_json::from_value(answer).map_err(|e| {
                    RepoError::Internal(
                        format!("the answer kept for a key is unreadable: {e}").into(),
                    )
                })?;
                return Task::try_from(row).map(CreatedOnce::Replayed);
            }
            None => {}
        }
    }
    Err(RepoError::Unavailable(
        "the idempotency key kept changing hands".into(),
    ))
}

/// In one transaction: forgets the owner's expired keys, creates the task, and
/// stores the key with the answer. `None`, with nothing stored, when the key is
/// taken.
fn claim(
    conn: &mut PgConnection,
    scope: &OwnerScope,
    task: &NewTask,
    once: &OnceKey,
    cutoff: DateTime<Utc>,
) -> QueryResult<Option<TaskRow>> {
    let owner = scope.owner().as_str();
    let claimed = conn.transaction(|conn| {
        diesel::delete(
            idempotency_keys::table
                .filter(idempotency_keys::user_id.eq(owner))
                .filter(idempotency_keys::created_at.le(cutoff)),
        )
        .execute(conn)?;
        let row = insert(conn, scope, task)?;
        let answer =
            serde_json::to_value(&row).map_err(|e| DieselError::SerializationError(Box::new(e)))?;
        // Waits for a concurrent holder of the key to commit or roll back.
        let stored = diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::user_id.eq(owner),
                idempotency_keys::key.eq(once.key.as_str()),
                idempotency_keys::fingerprint.eq(&once.fingerprint),
                idempotency_keys::task_id.eq(row.id()),
                idempotency_keys::response.eq(answer),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
        if stored == 0 {
            // The key is taken: the task must not stay.
            return Err(DieselError::RollbackTransaction);
        }
        Ok(row)
    });
    match claimed {
        Ok(row) => Ok(Some(row)),
        Err(DieselError::RollbackTransaction) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The fingerprint and the answer of the key's first request, unless it expired.
fn earlier_answer(
    conn: &mut PgConnection,
    scope: &OwnerScope,
    once: &OnceKey,
    cutoff: DateTime<Utc>,
) -> QueryResult<Option<(String, serde_json::Value)>> {
    idempotency_keys::table
        .filter(idempotency_keys::user_id.eq(scope.owner().as_str()))
        .filter(idempotency_keys::key.eq(once.key.as_str()))
        .filter(idempotency_keys::created_at.gt(cutoff))
        .select((idempotency_keys::fingerprint, idempotency_keys::response))
        .get_result(conn)
        .optional()
}
