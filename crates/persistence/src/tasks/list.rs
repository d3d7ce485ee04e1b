//! One page of an owner's tasks: filters, search, order and the total count.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use todo_domain::{OwnerScope, RepoError, StatusFilter, Tag, Task, TaskPage, TaskQuery};

use super::owned_by;
use super::page::{Count, Page, page};
use crate::PgStore;
use crate::rows::TaskRow;
use crate::schema::{task_counts, tasks};

pub(super) fn list(
    store: &PgStore,
    scope: &OwnerScope,
    query: &TaskQuery,
) -> Result<TaskPage, RepoError> {
    let status_only = query.status_only();
    let (rows, total) = store.with_conn(|conn| {
        let rows: Vec<(TaskRow, Option<i64>)> = page_of(scope, query).load(conn)?;
        let total = match (known_total(query, rows.len()), status_only, rows.first()) {
            (Some(total), _, _) => total,
            (None, Some(_), Some((_, counted))) => {
                u64::try_from(counted.unwrap_or(0)).unwrap_or_default()
            }
            (None, Some(status), None) => {
                // Past the end: no row brought the count.
                let counted: Option<i64> = kept(scope)
                    .select(in_status(status))
                    .get_result(conn)
                    .optional()?;
                u64::try_from(counted.unwrap_or(0)).unwrap_or_default()
            }
            (None, None, _) => {
                let counted: i64 = matching(scope, query).count().get_result(conn)?;
                // The count is a statement of its own: tasks deleted in between must
                // not make the total smaller than what the page has shown.
                let shown = if rows.is_empty() {
                    0
                } else {
                    query.offset + rows.len() as u64
                };
                u64::try_from(counted).unwrap_or_default().max(shown)
            }
        };
        Ok((rows, total))
    })?;
    Ok(TaskPage {
        tasks: rows
            .into_iter()
            .map(|(row, _)| Task::try_from(row))
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The total when the page itself tells it: a page that is not full and not past the
/// end holds the last matching task. Other pages filtered at most by status bring
/// the owner's kept count along; the rest need a count of their own. (A count over
/// the page's statement, as a window, would make every page read every match: at
/// 100k tasks, 250 ms instead of a fraction of a millisecond for the page.)
fn known_total(query: &TaskQuery, rows: usize) -> Option<u64> {
    let full = rows >= usize::try_from(query.limit()).unwrap_or(usize::MAX);
    let past_the_end = rows == 0 && query.offset > 0;
    (!full && !past_the_end).then(|| query.offset + rows as u64)
}

/// The statement of the page `query` asks for.
pub(super) fn page_of<'a>(scope: &'a OwnerScope, query: &'a TaskQuery) -> Page<'a> {
    page(query, || matching(scope, query), count_along(scope, query))
}

/// What each row of the page brings along: the owner's kept count when a status is
/// all the query filters by (all they know of), NULL otherwise.
fn count_along<'a>(scope: &'a OwnerScope, query: &TaskQuery) -> Count<'a> {
    match query.status_only() {
        Some(status) => kept_count(scope, status),
        None => Box::new(None::<i64>.into_sql::<Nullable<BigInt>>()),
    }
}

/// The owner's row of counts, which the triggers of the migration `task_counts` keep:
/// one row read, however long the list. An owner who never had a task has none.
fn kept(scope: &OwnerScope) -> diesel::dsl::Find<task_counts::table, &str> {
    task_counts::table.find(scope.owner().as_str())
}

/// The owner's number of tasks in `status`, from the kept counts; NULL without a row.
fn kept_count(scope: &OwnerScope, status: StatusFilter) -> Count<'_> {
    Box::new(kept(scope).select(in_status(status)).single_value())
}

fn in_status(
    status: StatusFilter,
) -> Box<dyn BoxableExpression<task_counts::table, Pg, SqlType = BigInt>> {
    match status {
        StatusFilter::All => Box::new(task_counts::total),
        StatusFilter::Pending => Box::new(task_counts::total - task_counts::completed),
        StatusFilter::Completed => Box::new(task_counts::completed),
    }
}

/// The owner's tasks that pass every filter of `query`: the same ones as
/// [`TaskQuery::filters_keep`], with the search on top.
pub(super) fn matching<'a>(
    scope: &'a OwnerScope,
    query: &'a TaskQuery,
) -> tasks::BoxedQuery<'a, Pg> {
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
    if !query.priorities.is_empty() {
        let ranks: Vec<i16> = query.priorities.iter().map(|p| p.rank()).collect();
        selected = selected.filter(tasks::priority.eq_any(ranks));
    }
    if !query.tags.is_empty() {
        // Keys were lower-cased by the domain when written and when asked for, so
        // `@>` compares like with like and the GIN index answers it.
        let keys: Vec<&str> = query.tags.iter().map(Tag::key).collect();
        selected = selected.filter(tasks::tag_keys.contains(keys));
    }
    // A bound holds the instant for timed dues and the first date reaching it for
    // date-only ones, so no time zone is needed here. A task without a due has
    // NULL on both sides of the OR: no window keeps it.
    if let Some(after) = query.due.after {
        selected = selected.filter(
            tasks::due_at
                .ge(after.instant)
                .or(tasks::due_date.ge(after.first_date)),
        );
    }
    if let Some(before) = query.due.before {
        selected = selected.filter(
            tasks::due_at
                .lt(before.instant)
                .or(tasks::due_date.lt(before.first_date)),
        );
    }
    selected = match query.due.has_due {
        None => selected,
        Some(true) => selected.filter(
            tasks::due_at
                .is_not_null()
                .or(tasks::due_date.is_not_null()),
        ),
        Some(false) => selected.filter(tasks::due_at.is_null().and(tasks::due_date.is_null())),
    };
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

#[cfg(test)]
mod tests {
    use super::{escape_like, known_total};
    use todo_domain::{SortKey, StatusFilter, TaskQuery};

    #[test]
    fn a_page_that_is_not_full_tells_the_total() {
        let query =
            |offset| TaskQuery::new(StatusFilter::All, SortKey::Created, None, None, 10, offset);
        assert_eq!(known_total(&query(0), 0), Some(0));
        assert_eq!(known_total(&query(0), 3), Some(3));
        assert_eq!(known_total(&query(20), 3), Some(23));
        assert_eq!(
            known_total(&query(0), 10),
            None,
            "a full page may have more after it"
        );
        assert_eq!(known_total(&query(20), 0), None, "past the end: how far?");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like(r"50%_off\now"), r"50\%\_off\\now");
        assert_eq!(escape_like("plain"), "plain");
    }
}
