//! Schema migrations, embedded in the binary and applied under an advisory lock.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// Any fixed number works; it only has to be the same in every replica.
const MIGRATION_LOCK_KEY: i64 = 0x746f_646f_6d69_6772; // "todomigr"

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("could not connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("could not take the migration lock: {0}")]
    Lock(#[from] diesel::result::Error),
    #[error("a migration failed: {0}")]
    Migrate(String),
}

/// Applies pending migrations and returns the versions it applied.
///
/// Replicas starting at once queue on a session-level advisory lock, so each
/// migration runs once; the losers find nothing pending.
///
/// # Errors
/// When the database cannot be reached or a migration fails (its transaction is
/// rolled back by the harness).
pub fn run_migrations(database_url: &str) -> Result<Vec<String>, MigrationError> {
    let mut conn = PgConnection::establish(database_url)?;
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
        .execute(&mut conn)?;
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|versions| versions.iter().map(ToString::to_string).collect())
        .map_err(|e| MigrationError::Migrate(e.to_string()));
    // Closing the connection would release the lock too; unlock explicitly so a
    // pooled or long-lived connection never keeps it.
    diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
        .execute(&mut conn)?;
    applied
}

/// Applies the pending migrations up to and including `last` (a version as
/// [`run_migrations`] reports it), to build a database as an older release left it.
#[cfg(feature = "test-support")]
pub(crate) fn run_migrations_through(
    database_url: &str,
    last: &str,
) -> Result<Vec<String>, MigrationError> {
    let mut conn = PgConnection::establish(database_url)?;
    let pending = conn
        .pending_migrations(MIGRATIONS)
        .map_err(|e| MigrationError::Migrate(e.to_string()))?;
    let mut applied = Vec::new();
    for migration in pending {
        let version = migration.name().version().to_string();
        if version.as_str() > last {
            break;
        }
        conn.run_migration(&*migration)
            .map_err(|e| MigrationError::Migrate(e.to_string()))?;
        applied.push(version);
    }
    Ok(applied)
}
