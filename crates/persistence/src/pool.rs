//! The connection pool: bounded in size and in how long a request waits for it.

use std::time::Duration;

use diesel::PgConnection;
use diesel::RunQueryDsl;
use diesel::r2d2::{ConnectionManager, ManageConnection, Pool};

pub type DbPool = Pool<SessionManager>;

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
///
/// A connection is not tested when it is checked out (that is a `SELECT 1`, a round
/// trip, before every request). Instead a session on which a statement failed the
/// way a lost connection fails is marked, and the pool drops it when it comes back:
/// after a database restart, each pooled connection fails one request (a 503) and is
/// replaced.
pub fn build_pool(config: &DbConfig) -> DbPool {
    let manager = SessionManager {
        connections: ConnectionManager::new(with_libpq_defaults(&config.url)),
        statement_timeout_ms: config.statement_timeout.as_millis(),
    };
    Pool::builder()
        .max_size(config.pool_size)
        .min_idle(Some(config.pool_size.min(2)))
        .connection_timeout(config.checkout_timeout)
        .test_on_check_out(false)
        .build_unchecked(manager)
}

/// A pooled PostgreSQL session, and whether it was seen to fail as a lost one does.
pub struct Session {
    conn: PgConnection,
    lost: bool,
}

impl Session {
    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.conn
    }

    /// The pool drops this session instead of lending it out again.
    pub(crate) fn mark_lost(&mut self) {
        self.lost = true;
    }
}

/// diesel's manager, plus what every new session gets once (a `SET`, rather than
/// the URL's `options`, which a transaction pooler would reject) and the lost mark.
pub struct SessionManager {
    connections: ConnectionManager<PgConnection>,
    statement_timeout_ms: u128,
}

impl ManageConnection for SessionManager {
    type Connection = Session;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Session, Self::Error> {
        let mut conn = self.connections.connect()?;
        diesel::sql_query(format!(
            "SET statement_timeout = {}",
            self.statement_timeout_ms
        ))
        .execute(&mut conn)
        .map_err(diesel::r2d2::Error::QueryError)?;
        Ok(Session { conn, lost: false })
    }

    fn is_valid(&self, session: &mut Session) -> Result<(), Self::Error> {
        self.connections.is_valid(&mut session.conn)
    }

    fn has_broken(&self, session: &mut Session) -> bool {
        session.lost || self.connections.has_broken(&mut session.conn)
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
