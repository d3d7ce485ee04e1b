//! `EXPLAIN (ANALYZE, BUFFERS)` of the very statement a list sends, binds and all:
//! for the query-plan study in the tests, never used by the service.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::Text;
use todo_domain::{OwnerScope, TaskQuery};

struct Explain<Q>(Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Explain<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("EXPLAIN (ANALYZE, BUFFERS) ");
        self.0.walk_ast(out.reborrow())
    }
}

impl<Q> QueryId for Explain<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> Query for Explain<Q> {
    type SqlType = Text;
}

impl<Q> RunQueryDsl<PgConnection> for Explain<Q> {}

/// The SQL of the list statement for `query` (as `diesel::debug_query` prints it,
/// binds listed at the end) and its plan as PostgreSQL executed it.
///
/// # Errors
/// When the statement fails.
pub fn explain_list(
    conn: &mut PgConnection,
    scope: &OwnerScope,
    query: &TaskQuery,
) -> QueryResult<(String, Vec<String>)> {
    let page = super::list::page_of(scope, query);
    let sql = diesel::debug_query::<Pg, _>(&page).to_string();
    let plan = Explain(page).load(conn)?;
    Ok((sql, plan))
}
