//! Throwaway databases for tests: each one is cloned from a migrated template and
//! dropped when the handle goes out of scope.
//!
//! `TEST_DATABASE_URL` names a maintenance database (e.g. `.../postgres`) on the
//! throwaway cluster that the project's test command starts.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::migrations::run_migrations_through;
use crate::{DbConfig, DbPool, build_pool, run_migrations};

const TEMPLATE: &str = "todo_test_template";
const TEMPLATE_LOCK_KEY: i64 = 0x746f_646f_7465_6d70; // "todotemp"

/// A fresh, migrated database of its own.
pub struct TestDatabase {
    name: String,
    url: String,
    admin_url: String,
}

impl TestDatabase {
    /// # Panics
    /// When `TEST_DATABASE_URL` is unset or the cluster cannot be reached: a test
    /// cannot run without its database.
    pub fn create() -> Self {
        let admin_url = std::env::var("TEST_DATABASE_URL").expect(
            "TEST_DATABASE_URL is not set: run the tests with the project's test command (scripts/test)",
        );
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot reach the test cluster at TEST_DATABASE_URL: {e}"));
        ensure_template(&mut admin, &admin_url);
        let name = unique_name();
        create_from_template(&mut admin, &name);
        Self {
            url: with_database(&admin_url, &name),
            name,
            admin_url,
        }
    }

    /// A database as an older release left it: migrated up to and including `last`
    /// only, for tests of the migrations that follow.
    ///
    /// # Panics
    /// As [`Self::create`], and when a migration fails.
    pub fn migrated_through(last: &str) -> Self {
        let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL is not set");
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot reach the test cluster at TEST_DATABASE_URL: {e}"));
        let name = unique_name();
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .expect("create an empty database");
        let db = Self {
            url: with_database(&admin_url, &name),
            name,
            admin_url,
        };
        let applied = run_migrations_through(&db.url, last).expect("migrate");
        assert_eq!(
            applied.last().map(String::as_str),
            Some(last),
            "no migration {last}"
        );
        db
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// A pool on this database with a short checkout timeout.
    pub fn pool(&self, size: u32) -> DbPool {
        build_pool(&self.config(size))
    }

    pub fn config(&self, pool_size: u32) -> DbConfig {
        DbConfig {
            url: self.url.clone(),
            pool_size,
            checkout_timeout: Duration::from_secs(2),
            statement_timeout: Duration::from_secs(4),
        }
    }

    /// A plain connection, for assertions that look at the tables directly.
    pub fn connect(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let drop = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
            if let Err(e) = diesel::sql_query(drop).execute(&mut admin) {
                eprintln!("could not drop test database {}: {e}", self.name);
            }
        }
    }
}

/// Test processes run in parallel (nextest runs one per test), so the template is
/// made under an advisory lock, by whichever process gets there first.
fn ensure_template(admin: &mut PgConnection, admin_url: &str) {
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(TEMPLATE_LOCK_KEY)
        .execute(admin)
        .expect("take the template lock");
    if !database_exists(admin, TEMPLATE) {
        diesel::sql_query(format!("CREATE DATABASE {TEMPLATE}"))
            .execute(admin)
            .expect("create the template database");
        run_migrations(&with_database(admin_url, TEMPLATE)).expect("migrate the template database");
        // Nobody may connect from now on: a connection would block cloning.
        diesel::sql_query(format!(
            "ALTER DATABASE {TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
        ))
        .execute(admin)
        .expect("seal the template database");
    }
    diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(TEMPLATE_LOCK_KEY)
        .execute(admin)
        .expect("release the template lock");
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    exists: bool,
}

fn database_exists(admin: &mut PgConnection, name: &str) -> bool {
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<Text, _>(name)
        .get_result::<Exists>(admin)
        .expect("look up the template database")
        .exists
}

fn create_from_template(admin: &mut PgConnection, name: &str) {
    let create = format!("CREATE DATABASE \"{name}\" TEMPLATE {TEMPLATE}");
    // The migrating session may still be exiting when the template is first used.
    for attempt in 1.. {
        match diesel::sql_query(&create).execute(admin) {
            Ok(_) => return,
            Err(e) if attempt < 50 && e.to_string().contains("being accessed by other users") => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("create test database {name}: {e}"),
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "todo_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// `url` with its database name replaced (the path after the authority).
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{}", &base[..path_start], database);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}
