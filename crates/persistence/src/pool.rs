//! The connection pool: bounded in size and in how long a request waits for it.

use std::time::Duration;

use diesel::PgConnection;
use diesel::RunQueryDsl;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;

/// How the service reaches PostgreSQL.
#[derive(Clone)]
pub struct DbConfig {
    pub url: String,
    pub pool_size: u32,
    /// How long a request may wait for a connection before it is told to retry (503).
    pub checkout_timeout: Duration,
    /// How long the server may run one statement before it cancels it (rolled back).
    pub statement_timeout: Duration,
}

impl std::fmt::Debug for DbConfig {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbConfig")
            .field("url", &"<redacted>")
            .field("pool_size", &self.pool_size)
            .field("checkout_timeout", &self.checkout_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .finish()
    }
}

/// libpq waits for a TCP connect, and for an answer on an open connection, as long as
/// the OS lets it: minutes. These bound a dead host or a network black hole: connect
/// within 5 s, and drop a connection whose sent data goes unacknowledged for 10 s or
/// whose idle peer stops answering keepalive probes.
///
/// `gssencmode=disable`: otherwise libpq asks Kerberos for credentials on every TCP
/// connect, and a pool thread still connecting when the process exits aborts it
/// (krb5's `k5_mutex_lock` assertion after its destructors ran), turning a clean
/// exit into SIGABRT. Neon and password or SCRAM logins do not use GSS.
const LIBPQ_DEFAULTS: [(&str, &str); 7] = [
    ("connect_timeout", "5"),
    ("gssencmode", "disable"),
    ("keepalives", "1"),
    ("keepalives_idle", "5"),
    ("keepalives_interval", "2"),
    ("keepalives_count", "3"),
    ("tcp_user_timeout", "10000"),
];

/// Builds the pool without connecting: the service starts, and reports not ready,
/// while the database is down.
pub fn build_pool(config: &DbConfig) -> DbPool {
    let manager = ConnectionManager::<PgConnection>::new(with_libpq_defaults(&config.url));
    Pool::builder()
        .max_size(config.pool_size)
        .min_idle(Some(config.pool_size.min(2)))
        .connection_timeout(config.checkout_timeout)
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionSettings {
            statement_timeout_ms: config.statement_timeout.as_millis(),
        }))
        .build_unchecked(manager)
}

/// Settings every new session gets once, with a `SET` rather than the URL's
/// `options`, which a transaction pooler would reject.
#[derive(Debug)]
struct SessionSettings {
    statement_timeout_ms: u128,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        diesel::sql_query(format!(
            "SET statement_timeout = {}",
            self.statement_timeout_ms
        ))
        .execute(conn)
        .map(drop)
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Adds each of [`LIBPQ_DEFAULTS`] that the URL does not set itself.
pub(crate) fn with_libpq_defaults(url: &str) -> String {
    let is_url = url.starts_with("postgres://") || url.starts_with("postgresql://");
    if !is_url {
        return url.to_owned();
    }
    let mut url = url.to_owned();
    for (name, value) in LIBPQ_DEFAULTS {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        if query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
        {
            continue;
        }
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&format!("{name}={value}"));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::with_libpq_defaults;

    const DEFAULTS: &str = "connect_timeout=5&gssencmode=disable&keepalives=1\
        &keepalives_idle=5&keepalives_interval=2&keepalives_count=3&tcp_user_timeout=10000";

    #[test]
    fn timeouts_and_keepalives_are_added_to_urls_that_lack_them() {
        assert_eq!(
            with_libpq_defaults("postgres://u@h/db"),
            format!("postgres://u@h/db?{DEFAULTS}")
        );
        assert_eq!(
            with_libpq_defaults("postgresql://u:p@h/db?sslmode=require"),
            format!("postgresql://u:p@h/db?sslmode=require&{DEFAULTS}")
        );
        assert_eq!(with_libpq_defaults("host=h dbname=db"), "host=h dbname=db");
    }

    #[test]
    fn a_value_the_url_sets_is_kept() {
        let url = with_libpq_defaults("postgres://h/db?connect_timeout=1&tcp_user_timeout=0");
        assert!(url.starts_with("postgres://h/db?connect_timeout=1&tcp_user_timeout=0&"));
        assert_eq!(url.matches("connect_timeout=").count(), 1);
        assert_eq!(url.matches("tcp_user_timeout=").count(), 1);
    }
}
