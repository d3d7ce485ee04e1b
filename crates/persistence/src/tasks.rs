//! `TaskRepository` on PostgreSQL. Every statement starts from [`owned_by`].

use diesel::dsl::{not, now, sql};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use todo_domain::{
    Completion, NewTask, OwnerScope, RepoError, SortKey, SortOrder, StatusFilter, Task, TaskId,
    TaskPage, TaskPatch, TaskQuery, TaskRepository,
};

use crate::PgStore;
use crate::rows::{NewTaskRow, TaskChanges, TaskRow};
use crate::schema::tasks;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Varchar) -> diesel::sql_types::Varchar);

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

/// The owner's tasks that match the status and search of `query`.
fn matching<'a>(scope: &'a OwnerScope, query: &'a TaskQuery) -> tasks::BoxedQuery<'a, Pg> {
    let mut selected = owned_by(scope);
    selected = match query.status {
        StatusFilter::All => selected,
        StatusFilter::Pending => selected.filter(tasks::completed.eq(false)),
        StatusFilter::Completed => selected.filter(tasks::completed.eq(true)),
    };
    if let Some(search) = &query.search {
        let pattern = format!("%{}%", escape_like(search));
        selected = selected.filter(
            tasks::title
                .ilike(pattern.clone())
                .or(tasks::description.ilike(pattern).assume_not_null()),
        );
    }
    selected
}

/// `q` is a plain substring: LIKE's wildcards and its escape character are literals.
fn escape_like(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn ordered<'a>(
    selected: tasks::BoxedQuery<'a, Pg>,
    query: &TaskQuery,
) -> tasks::BoxedQuery<'a, Pg> {
    use SortKey::{Created, Title, Updated};
    use SortOrder::{Asc, Desc};
    // Ties break on id in the same direction, so pages never overlap.
    match (query.sort, query.order) {
        (Created, Asc) => selected.order_by((tasks::created_at.asc(), tasks::id.asc())),
        (Created, Desc) => selected.order_by((tasks::created_at.desc(), tasks::id.desc())),
        (Updated, Asc) => selected.order_by((tasks::updated_at.asc(), tasks::id.asc())),
        (Updated, Desc) => selected.order_by((tasks::updated_at.desc(), tasks::id.desc())),
        (Title, Asc) => selected.order_by((lower(tasks::title).asc(), tasks::id.asc())),
        (Title, Desc) => selected.order_by((lower(tasks::title).desc(), tasks::id.desc())),
    }
}

fn to_tasks(rows: Vec<TaskRow>) -> Result<Vec<Task>, RepoError> {
    rows.into_iter().map(Task::try_from).collect()
}

impl TaskRepository for PgStore {
    fn list(&self, scope: &OwnerScope, query: &TaskQuery) -> Result<TaskPage, RepoError> {
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let (rows, total) = self.with_conn(|conn| {
            // The window count rides along with the page: one round trip. Only a page
            // past the end needs a second query to learn the total.
            let rows: Vec<(TaskRow, i64)> = ordered(matching(scope, query), query)
                .select((TaskRow::as_select(), sql::<BigInt>("count(*) OVER ()")))
                .limit(i64::from(query.limit()))
                .offset(offset)
                .load(conn)?;
            let total = match rows.first() {
                Some((_, total)) => *total,
                None if offset > 0 => matching(scope, query).count().get_result(conn)?,
                None => 0,
            };
            Ok((rows, total))
        })?;
        Ok(TaskPage {
            tasks: to_tasks(rows.into_iter().map(|(row, _)| row).collect())?,
            total: u64::try_from(total).unwrap_or_default(),
        })
    }

    fn get(&self, scope: &OwnerScope, id: TaskId) -> Result<Option<Task>, RepoError> {
        let row = self.with_conn(|conn| {
            owned_task(scope, id)
                .select(TaskRow::as_select())
                .first(conn)
                .optional()
        })?;
        row.map(Task::try_from).transpose()
    }

    fn create(&self, scope: &OwnerScope, task: &NewTask) -> Result<Task, RepoError> {
        let new_row = NewTaskRow {
            user_id: scope.owner().as_str(),
            title: task.title.as_str(),
            description: task.description.as_ref().map(|d| d.as_str()),
            completed: task.completed,
        };
        let row = self.with_conn(|conn| {
            diesel::insert_into(tasks::table)
                .values(&new_row)
                .returning(TaskRow::as_returning())
                .get_result(conn)
        })?;
        Task::try_from(row)
    }

    fn update(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        patch: &TaskPatch,
    ) -> Result<Option<Task>, RepoError> {
        let changes = TaskChanges {
            title: patch.title().map(|t| t.as_str()),
            description: patch.description().map(|d| d.map(|d| d.as_str())),
            completed: patch.completed(),
        };
        let row = self.with_conn(|conn| {
            diesel::update(owned_task(scope, id))
                .set((&changes, tasks::updated_at.eq(now)))
                .returning(TaskRow::as_returning())
                .get_result(conn)
                .optional()
        })?;
        row.map(Task::try_from).transpose()
    }

    fn set_completion(
        &self,
        scope: &OwnerScope,
        id: TaskId,
        completion: Completion,
    ) -> Result<Option<Task>, RepoError> {
        let row = self.with_conn(|conn| {
            let target = owned_task(scope, id);
            // One statement either way: a toggle never reads first, so two concurrent
            // toggles cannot both flip from the same old value.
            match completion {
                Completion::Toggle => diesel::update(target)
                    .set((
                        tasks::completed.eq(not(tasks::completed)),
                        tasks::updated_at.eq(now),
                    ))
                    .returning(TaskRow::as_returning())
                    .get_result(conn),
                Completion::Set(value) => diesel::update(target)
                    .set((tasks::completed.eq(value), tasks::updated_at.eq(now)))
                    .returning(TaskRow::as_returning())
                    .get_result(conn),
            }
            .optional()
        })?;
        row.map(Task::try_from).transpose()
    }

    fn delete(&self, scope: &OwnerScope, id: TaskId) -> Result<bool, RepoError> {
        let deleted = self.with_conn(|conn| diesel::delete(owned_task(scope, id)).execute(conn))?;
        Ok(deleted > 0)
    }

    fn ping(&self) -> Result<(), RepoError> {
        self.with_conn(|conn| diesel::sql_query("SELECT 1").execute(conn))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::escape_like;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like(r"50%_off\now"), r"50\%\_off\\now");
        assert_eq!(escape_like("plain"), "plain");
    }
}
