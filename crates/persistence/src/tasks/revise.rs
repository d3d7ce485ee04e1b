//! A change to one task, and the next occurrence it may bring, in one transaction.

use diesel::prelude::*;
use todo_domain::{
    OwnerScope, Precondition, RepoError, Revised, Reviser, RevisionOutcome, Task, TaskId,
};

use super::{insert, next_version, owned_task, statement_timestamp};
use crate::PgStore;
use crate::rows::{TaskFields, TaskRow};
use crate::schema::tasks;

/// Locks the owner's task, lets `reviser` decide its new state, and writes it, with
/// the next occurrence when there is one: both are committed, or neither.
///
/// The row lock makes concurrent revisions of one task queue up, each deciding from
/// what the one before it committed: two concurrent completions of a recurring task
/// make one next occurrence, and two toggles flip it twice.
pub(super) fn revise(
    store: &PgStore,
    scope: &OwnerScope,
    id: TaskId,
    precondition: &Precondition,
    reviser: Reviser<'_>,
) -> Result<RevisionOutcome, RepoError> {
    store.in_transaction(|conn| {
        let Some(row) = owned_task(scope, id)
            .select(TaskRow::as_select())
            .for_update()
            .get_result(conn)
            .optional()?
        else {
            return Ok(RevisionOutcome::NotFound);
        };
        let current = Task::try_from(row)?;
        if !precondition.admits(current.version) {
            return Ok(RevisionOutcome::Stale(current));
        }
        let revision = match reviser(&current) {
            Ok(revision) => revision,
            // Nothing was written; committing only releases the lock.
            Err(errors) => return Ok(RevisionOutcome::Rejected(errors)),
        };
        // The next occurrence goes in first, so that its id is stored with the task.
        let next = match &revision.next {
            Some(next) => Some(Task::try_from(insert(conn, scope, next)?)?),
            None => None,
        };
        let next_occurrence = next
            .as_ref()
            .map(|n| n.id)
            .or(current.next_occurrence)
            .map(TaskId::get);
        // The version read under the lock, checked again by the write itself.
        let row = diesel::update(owned_task(scope, id).filter(tasks::version.eq(current.version)))
            .set((
                TaskFields::from(&revision.task),
                tasks::updated_at.eq(statement_timestamp()),
                tasks::next_occurrence_id.eq(next_occurrence),
                next_version(),
            ))
            .returning(TaskRow::as_returning())
            .get_result(conn)?;
        Ok(RevisionOutcome::Applied(Revised {
            task: Task::try_from(row)?,
            next,
        }))
    })
}
