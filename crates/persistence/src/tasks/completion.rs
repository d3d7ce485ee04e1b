//! Completing a task that does not repeat: the most frequent write, in one
//! statement that PostgreSQL parses and plans once per connection.
//!
//! diesel never caches an `UPDATE` it builds (its changesets may vary), so every
//! toggle would be parsed and planned again. This is the same statement as fixed
//! text with binds, which diesel prepares once and caches by its text.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Bool, Varchar};
use todo_domain::{Completion, OwnerScope, Precondition, TaskId};

use crate::rows::TaskRow;

/// `UPDATE tasks SET completed = …, updated_at, version + 1 WHERE` owner, id, no
/// rule (a task that gained one a moment ago is not completed without its next
/// occurrence) and an admitted version, `RETURNING` the row.
pub(super) struct SetCompletion<'a> {
    owner: &'a str,
    id: i64,
    /// `None` toggles: the statement flips the stored value, never one read before,
    /// so two concurrent toggles flip it twice.
    set_to: Option<bool>,
    versions: Option<&'a [i64]>,
    columns: diesel::dsl::AsSelect<TaskRow, Pg>,
}

impl<'a> SetCompletion<'a> {
    pub(super) fn new(
        scope: &'a OwnerScope,
        id: TaskId,
        completion: Completion,
        precondition: &'a Precondition,
    ) -> Self {
        Self {
            owner: scope.owner().as_str(),
            id: id.get(),
            set_to: match completion {
                Completion::Toggle => None,
                Completion::Set(value) => Some(value),
            },
            versions: precondition.versions(),
            columns: TaskRow::as_select(),
        }
    }
}

impl QueryFragment<Pg> for SetCompletion<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("UPDATE tasks SET completed = ");
        match &self.set_to {
            None => out.push_sql("NOT completed"),
            Some(value) => out.push_bind_param::<Bool, _>(value)?,
        }
        out.push_sql(
            ", updated_at = statement_timestamp(), version = version + 1 WHERE user_id = ",
        );
        out.push_bind_param::<Varchar, _>(&self.owner)?;
        out.push_sql(" AND id = ");
        out.push_bind_param::<BigInt, _>(&self.id)?;
        out.push_sql(" AND recurrence_every IS NULL");
        if let Some(versions) = &self.versions {
            out.push_sql(" AND version = ANY(");
            out.push_bind_param::<Array<BigInt>, _>(versions)?;
            out.push_sql(")");
        }
        out.push_sql(" RETURNING ");
        self.columns.walk_ast(out.reborrow())
    }
}

impl QueryId for SetCompletion<'_> {
    // No static id: diesel then keys its statement cache on the SQL text, of which
    // there are four (toggle or set, with or without a precondition).
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for SetCompletion<'_> {
    type SqlType = diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<TaskRow, Pg>>;
}

impl RunQueryDsl<PgConnection> for SetCompletion<'_> {}
