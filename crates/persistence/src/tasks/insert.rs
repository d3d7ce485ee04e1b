//! Inserting a task, in a statement PostgreSQL parses and plans once per connection.
//!
//! diesel marks every single-row `INSERT` it builds as not cacheable (a value may
//! be `DEFAULT`), so each create would be parsed and planned again. This is the same
//! statement as fixed text with a bind for every column (an absent value is NULL,
//! which is each of these columns' default), which diesel caches by its text.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, Bool, Date, Nullable, SmallInt, Text, Timestamptz, Varchar};
use todo_domain::{NewTask, OwnerScope};

use crate::rows::{TaskFields, TaskRow};

/// `INSERT INTO tasks (…every writable column…) VALUES (…) RETURNING` the row, owned
/// by the scope's owner.
pub(super) struct InsertTask<'a> {
    owner: &'a str,
    fields: TaskFields<'a>,
    columns: diesel::dsl::AsSelect<TaskRow, Pg>,
}

impl<'a> InsertTask<'a> {
    pub(super) fn new(scope: &'a OwnerScope, task: &'a NewTask) -> Self {
        Self {
            owner: scope.owner().as_str(),
            fields: task.into(),
            columns: TaskRow::as_select(),
        }
    }
}

impl QueryFragment<Pg> for InsertTask<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let f = &self.fields;
        out.push_sql(
            "INSERT INTO tasks (user_id, title, description, completed, priority, tags, \
             tag_keys, due_at, due_date, recurrence_every, recurrence_interval, recurrence_tz, \
             remind_at) VALUES (",
        );
        out.push_bind_param::<Varchar, _>(&self.owner)?;
        out.push_sql(", ");
        out.push_bind_param::<Varchar, _>(&f.title)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Varchar>, _>(&f.description)?;
        out.push_sql(", ");
        out.push_bind_param::<Bool, _>(&f.completed)?;
        out.push_sql(", ");
        out.push_bind_param::<SmallInt, _>(&f.priority)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&f.tags)?;
        out.push_sql(", ");
        out.push_bind_param::<Array<Text>, _>(&f.tag_keys)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Timestamptz>, _>(&f.due_at)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Date>, _>(&f.due_date)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Text>, _>(&f.recurrence_every)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<SmallInt>, _>(&f.recurrence_interval)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Text>, _>(&f.recurrence_tz)?;
        out.push_sql(", ");
        out.push_bind_param::<Nullable<Timestamptz>, _>(&f.remind_at)?;
        out.push_sql(") RETURNING ");
        self.columns.walk_ast(out.reborrow())
    }
}

impl QueryId for InsertTask<'_> {
    // No static id: diesel then keys its statement cache on the SQL text (one).
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for InsertTask<'_> {
    type SqlType = diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<TaskRow, Pg>>;
}

impl RunQueryDsl<PgConnection> for InsertTask<'_> {}
