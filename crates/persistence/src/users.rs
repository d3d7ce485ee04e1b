//! Provisioning of the API's user rows.

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Varchar};
use todo_domain::{OwnerScope, RepoError, UserRepository};

use crate::PgStore;

/// One statement, so concurrent first requests of a user race safely on the primary
/// key. A claim the token lacks keeps the stored value; an unchanged profile writes
/// nothing (the `WHERE` skips the update).
const UPSERT_USER: &str = "\
INSERT INTO users (id, email, name) VALUES ($1, $2, $3) \
ON CONFLICT (id) DO UPDATE SET \
    email = COALESCE(EXCLUDED.email, users.email), \
    name = COALESCE(EXCLUDED.name, users.name), \
    updated_at = now() \
WHERE users.email IS DISTINCT FROM COALESCE(EXCLUDED.email, users.email) \
   OR users.name IS DISTINCT FROM COALESCE(EXCLUDED.name, users.name)";

impl UserRepository for PgStore {
    fn upsert(&self, scope: &OwnerScope) -> Result<(), RepoError> {
        let profile = scope.profile();
        self.with_conn(|conn| {
            diesel::sql_query(UPSERT_USER)
                .bind::<Varchar, _>(scope.owner().as_str())
                .bind::<Nullable<Text>, _>(profile.email())
                .bind::<Nullable<Text>, _>(profile.name())
                .execute(conn)
        })?;
        Ok(())
    }
}
