//! `TaskRepository` on PostgreSQL. Every statement starts from [`owned_by`] or
//! [`owned_task`], so the owner is in the same `WHERE` as everything else; inserts
//! take the owner from the scope, never from the task.

mod completion;
mod due_start;
#[cfg(feature = "test-support")]
pub mod explain;
mod insert;
mod list;
mod once;
mod page;
mod revise;

use diesel::pg::Pg;
use diesel::prelude::*;
use todo_domain::{
    ChangeKind, Completion, CreatedOnce, Guarded, NewTask, OnceKey, OwnerScope, Precondition,
    RepoError, Reviser, RevisionOutcome, Task, TaskChange, TaskId, TaskPage, TaskQuery,
    TaskRepository,
};

use crate::PgStore;
use crate::rows::TaskRow;
use crate::schema::tasks;

#[cfg(feature = "test-support")]
pub use due_start::day_starts;

diesel::define_sql_function! {
    /// When the current statement began. Unlike `now()` (when the transaction
    /// began), it is taken after the row lock was granted, so a revision that waited
    /// for another one is stamped after it.
    fn statement_timestamp() -> diesel::sql_types::Timestamptz;
}

type OwnerFilter<'a> = diesel::dsl::Eq<tasks::user_id, &'a str>;
type OwnedTask<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<tasks::table, OwnerFilter<'a>>,
    diesel::dsl::Eq<tasks::id, i64>,
>;

/// The owner filter: every statement of this module starts from it.
fn owner_is(scope: &OwnerScope) -> OwnerFilter<'_> {
    tasks::user_id.eq(scope.owner().as_str())
}

/// The owner's tasks, for queries that add filters and an order.
fn owned_by(scope: &OwnerScope) -> tasks::BoxedQuery<'_, Pg> {
    tasks::table.filter(owner_is(scope)).into_boxed()
}

/// The owner's task with this id: a foreign id matches no row, exactly like a missing one.
fn owned_task(scope: &OwnerScope, id: TaskId) -> OwnedTask<'_> {
    tasks::table
        .filter(owner_is(scope))
        .filter(tasks::id.eq(id.get()))
}

/// The versions `precondition` admits, for a statement's `WHERE`: what makes a
/// conditional write check and write at once.
fn admitted(
    precondition: &Precondition,
) -> Box<dyn BoxableExpression<tasks::table, Pg, SqlType = diesel::sql_types::Bool> + '_> {
    match precondition.versions() {
        None => Box::new(tasks::version.is_not_null()),
        Some(versions) => Box::new(tasks::version.eq_any(versions)),
    }
}

/// Every write of a task counts one more version.
fn next_version() -> diesel::dsl::Eq<tasks::version, diesel::dsl::Add<tasks::version, i64>> {
    tasks::version.eq(tasks::version + 1)
}

/// Inserts `task` for the scope's owner, every field of it.
fn insert(conn: &mut PgConnection, scope: &OwnerScope, task: &NewTask) -> QueryResult<TaskRow> {
    insert::InsertTask::new(scope, task).get_result(conn)
}

impl TaskRepository for PgStore {
    fn list(&self, scope: &OwnerScope, query: &TaskQuery) -> Result<TaskPage, RepoError> {
        list::list(self, scope, query)
    }

    fn get(&self, scope: &OwnerScope, id: TaskId) -> Result<Option<Task>, RepoError> {
        let row = self.with_conn(|conn| {
            owned_task(scope, id)
                .select(TaskRow::as_select())
                .get_result(conn)
                .optional()
        })?;
        row.map(Task::try_from).transpose()
    }

    fn create(&self, scope: &OwnerScope, task: &NewTask) -> Result<Task, RepoError> {
        let row = self.with_conn(|conn| insert(conn, scope, task))?;
        let task = Task::try_from(row)?;
        self.committed(ChangeKind::Created, &task);
        Ok(task)
    }

    fn create_once(
        &self,
        scope: &OwnerScope,
        task: &NewTask,
        once: &OnceKey,
    ) -> Result<CreatedOnce, RepoError> {
        let outcome = once::create_once(self, scope, task, once)?;
        if let CreatedOnce::Created(task) = &outcome {
            self.committed(ChangeKind::Created, task);
        }
        Ok(outcome)
    }

    fn revise(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
        reviser: Reviser<'_>,
    ) -> Result<RevisionOutcome, RepoError> {
        let outcome = revise::revise(self, scope, id, precondition, reviser)?;
        if let RevisionOutcome::Applied(revised) = &outcome {
            if let Some(next) = &revised.next {
                self.committed(ChangeKind::Created, next);
            }
            self.committed(ChangeKind::Updated, &revised.task);
        }
        Ok(outcome)
    }

    fn set_completion_unless_recurring(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
        precondition: &Precondition,
    ) -> Result<Option<Task>, RepoError> {
        let statement = completion::SetCompletion::new(scope, id, completion, precondition);
        let row = self.with_conn(|conn| statement.get_result::<TaskRow>(conn).optional())?;
        let task = row.map(Task::try_from).transpose()?;
        if let Some(task) = &task {
            self.committed(ChangeKind::Updated, task);
        }
        Ok(task)
    }

    fn delete(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        precondition: &Precondition,
    ) -> Result<Guarded<()>, RepoError> {
        let target = owned_task(scope, id).filter(admitted(precondition));
        let deleted = self.with_conn(|conn| {
            diesel::delete(target)
                .returning(tasks::version)
                .get_result::<i64>(conn)
                .optional()
        })?;
        if let Some(version) = deleted {
            self.announce(TaskChange {
                owner: scope.owner().clone(),
                id,
                kind: ChangeKind::Deleted,
                version,
            });
            return Ok(Guarded::Done(()));
        }
        if precondition.versions().is_none() {
            return Ok(Guarded::NotFound);
        }
        // Nothing was deleted: read what is there now, for the answer only.
        Ok(match self.get(scope, id)? {
            Some(current) => Guarded::Stale(current),
            None => Guarded::NotFound,
        })
    }

    fn ping(&self) -> Result<(), RepoError> {
        self.with_conn(|conn| diesel::sql_query("SELECT 1").execute(conn))?;
        Ok(())
    }
}
