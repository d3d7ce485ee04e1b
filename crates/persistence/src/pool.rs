//! The connection pool: bounded in size and in how long a request waits for it.

use std::time::Duration;

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;

/// How the service reaches PostgreSQL.
#[derive(Clone)]
pub struct DbConfig {
    pub url: String,
    pub pool_size: u32,
    /// How long a request may wait for a connection before it is told to retry (503).
    pub checkout_timeout: Duration,
}

impl std::fmt::Debug for DbConfig {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbConfig")
            .field("url", &"<redacted>")
            .field("pool_size", &self.pool_size)
            .field("checkout_timeout", &self.checkout_timeout)
            .finish()
    }
}

/// libpq waits for a TCP connect as long as the OS does; a dead host must not hold
/// the pool's connector threads for minutes.
const CONNECT_TIMEOUT_SECS: u32 = 5;

/// Builds the pool without connecting: the service starts, and reports not ready,
/// while the database is down.
pub fn build_pool(config: &DbConfig) -> DbPool {
    let manager = ConnectionManager::<PgConnection>::new(with_connect_timeout(&config.url));
    Pool::builder()
        .max_size(config.pool_size)
        .min_idle(Some(config.pool_size.min(2)))
        .connection_timeout(config.checkout_timeout)
        .test_on_check_out(true)
        .build_unchecked(manager)
}

fn with_connect_timeout(url: &str) -> String {
    let is_url = url.starts_with("postgres://") || url.starts_with("postgresql://");
    if !is_url || url.contains("connect_timeout=") {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}connect_timeout={CONNECT_TIMEOUT_SECS}")
}

#[cfg(test)]
mod tests {
    use super::with_connect_timeout;

    #[test]
    fn connect_timeout_is_added_to_urls_that_lack_one() {
        assert_eq!(
            with_connect_timeout("postgres://u@h/db"),
            "postgres://u@h/db?connect_timeout=5"
        );
        assert_eq!(
            with_connect_timeout("postgresql://u:p@h/db?sslmode=require"),
            "postgresql://u:p@h/db?sslmode=require&connect_timeout=5"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?connect_timeout=1"),
            "postgres://h/db?connect_timeout=1"
        );
        assert_eq!(with_connect_timeout("host=h dbname=db"), "host=h dbname=db");
    }
}
