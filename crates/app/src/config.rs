//! Configuration, read once from the environment at start.
//!
//! Variables (defaults in brackets):
//! `DATABASE_URL` (required), `TODO_BIND` [127.0.0.1:8000],
//! `TODO_JWKS_URL` [http://localhost:3000/api/auth/jwks],
//! `TODO_JWT_ISSUER` [http://localhost:3000], `TODO_JWT_AUDIENCE` [http://localhost:3000],
//! `TODO_JWT_LEEWAY_SECS` [30], `TODO_JWKS_REFRESH_SECS` [300], `TODO_DB_POOL_SIZE` [10],
//! `TODO_CORS_ORIGINS` [http://localhost:3000], `TODO_TRUST_PROXY` [false],
//! `TODO_SHUTDOWN_GRACE_SECS` [5], `TODO_SHUTDOWN_TIMEOUT_SECS` [30],
//! `TODO_LISTEN_DATABASE_URL` [`DATABASE_URL`: the one session connection that
//! listens for task changes; it must not go through a transaction pooler, so on Neon
//! it is the direct endpoint], `TODO_STREAM_MAX` [1000 open change streams per
//! process], `TODO_STREAM_HEARTBEAT_SECS` [15],
//! `RUST_LOG` [info, read by env_logger].
//! Each bad value is reported naming its variable.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use todo_auth::JwtConfig;
use todo_http::{HttpConfig, StreamConfig};
use todo_persistence::{DbConfig, ListenConfig};

/// How long a request waits for a database connection before it gets a 503.
const DB_CHECKOUT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long PostgreSQL may run one statement before it cancels it (nothing applied).
const DB_STATEMENT_TIMEOUT: Duration = Duration::from_secs(4);
/// The longest any request waits on the database, connection and statement together,
/// whatever the network does: then it is answered 503. Half a second under the 5 s
/// the README promises, for scheduling.
const DB_REQUEST_DEADLINE: Duration = Duration::from_millis(4500);
const LOCAL_WEB_ORIGIN: &str = "http://localhost:3000";

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub db: DbConfig,
    pub jwt: JwtConfig,
    pub http: HttpConfig,
    pub shutdown: ShutdownConfig,
    pub listen: ListenConfig,
}

/// What SIGTERM does: `/readyz` fails at once, requests are served for `grace`, then
/// the listener closes and what was read is answered; `timeout` (counted from the
/// signal) ends it regardless.
#[derive(Debug, Clone, Copy)]
pub struct ShutdownConfig {
    pub grace: Duration,
    pub timeout: Duration,
}

/// One bad variable: displayed as the one line the service prints before it stops.
#[derive(Debug, thiserror::Error)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl Config {
    /// # Errors
    /// The first variable that is missing or malformed.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process env.
    ///
    /// # Errors
    /// The first variable that is missing or malformed.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &'static str, default: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let database_url = var("DATABASE_URL", "");
        if database_url.is_empty() {
            return Err(bad("DATABASE_URL", "is required (a postgres:// URL)"));
        }
        postgres_url("DATABASE_URL", &database_url)?;
        let listen_url = var("TODO_LISTEN_DATABASE_URL", &database_url);
        postgres_url("TODO_LISTEN_DATABASE_URL", &listen_url)?;
        Ok(Self {
            bind: socket_addr("TODO_BIND", &var("TODO_BIND", "127.0.0.1:8000"))?,
            db: DbConfig {
                url: database_url,
                pool_size: number(
                    "TODO_DB_POOL_SIZE",
                    &var("TODO_DB_POOL_SIZE", "10"),
                    1,
                    1000,
                )?,
                checkout_timeout: DB_CHECKOUT_TIMEOUT,
                statement_timeout: DB_STATEMENT_TIMEOUT,
            },
            jwt: JwtConfig {
                jwks_url: http_url(
                    "TODO_JWKS_URL",
                    &var("TODO_JWKS_URL", "http://localhost:3000/api/auth/jwks"),
                )?,
                issuer: var("TODO_JWT_ISSUER", LOCAL_WEB_ORIGIN),
                audience: var("TODO_JWT_AUDIENCE", LOCAL_WEB_ORIGIN),
                leeway: Duration::from_secs(number(
                    "TODO_JWT_LEEWAY_SECS",
                    &var("TODO_JWT_LEEWAY_SECS", "30"),
                    0,
                    600,
                )?),
                refresh_interval: Duration::from_secs(number(
                    "TODO_JWKS_REFRESH_SECS",
                    &var("TODO_JWKS_REFRESH_SECS", "300"),
                    1,
                    86_400,
                )?),
            },
            http: HttpConfig {
                cors_origins: origins(
                    "TODO_CORS_ORIGINS",
                    &var("TODO_CORS_ORIGINS", LOCAL_WEB_ORIGIN),
                )?,
                storage_deadline: DB_REQUEST_DEADLINE,
                trust_proxy: boolean("TODO_TRUST_PROXY", &var("TODO_TRUST_PROXY", "false"))?,
                streams: streams(&var)?,
            },
            shutdown: shutdown(&var)?,
            listen: ListenConfig { url: listen_url },
        })
    }
}

fn shutdown(var: &impl Fn(&'static str, &str) -> String) -> Result<ShutdownConfig, ConfigError> {
    let secs = |name, default| number(name, &var(name, default), 0, 3600).map(Duration::from_secs);
    let grace = secs("TODO_SHUTDOWN_GRACE_SECS", "5")?;
    let timeout = secs("TODO_SHUTDOWN_TIMEOUT_SECS", "30")?;
    if timeout <= grace {
        return Err(bad(
            "TODO_SHUTDOWN_TIMEOUT_SECS",
            "must be longer than TODO_SHUTDOWN_GRACE_SECS",
        ));
    }
    Ok(ShutdownConfig { grace, timeout })
}

fn streams(var: &impl Fn(&'static str, &str) -> String) -> Result<StreamConfig, ConfigError> {
    let max = StreamConfig::DEFAULT_MAX_STREAMS.to_string();
    let heartbeat = StreamConfig::DEFAULT_HEARTBEAT.as_secs().to_string();
    Ok(StreamConfig {
        max_streams: number(
            "TODO_STREAM_MAX",
            &var("TODO_STREAM_MAX", &max),
            0,
            1_000_000,
        )?,
        heartbeat: Duration::from_secs(number(
            "TODO_STREAM_HEARTBEAT_SECS",
            &var("TODO_STREAM_HEARTBEAT_SECS", &heartbeat),
            1,
            3600,
        )?),
        max_per_user: StreamConfig::DEFAULT_MAX_PER_USER,
    })
}

fn postgres_url(var: &'static str, url: &str) -> Result<(), ConfigError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(())
    } else {
        Err(bad(var, "must be a postgres:// or postgresql:// URL"))
    }
}

fn boolean(var: &'static str, raw: &str) -> Result<bool, ConfigError> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(bad(var, format!("'{raw}' is not true or false"))),
    }
}

fn bad(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
    }
}

fn socket_addr(var: &'static str, raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .ok_or_else(|| bad(var, format!("'{raw}' is not a host:port address")))
}

fn number<T>(var: &'static str, raw: &str, min: T, max: T) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    raw.parse::<T>()
        .ok()
        .filter(|n| *n >= min && *n <= max)
        .ok_or_else(|| {
            bad(
                var,
                format!("'{raw}' is not a whole number from {min} to {max}"),
            )
        })
}

fn http_url(var: &'static str, raw: &str) -> Result<String, ConfigError> {
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or_else(|| bad(var, format!("'{raw}' is not an http:// or https:// URL")))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(bad(var, format!("'{raw}' has no host")));
    }
    Ok(raw.to_owned())
}

/// Origins are compared exactly by browsers: scheme, host and port, no path.
fn origins(var: &'static str, raw: &str) -> Result<Vec<String>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|origin| {
            let url = http_url(var, origin)?;
            let host_part = url.split_once("://").map_or("", |(_, rest)| rest);
            if host_part.contains('/') {
                return Err(bad(
                    var,
                    format!("'{origin}' must be an origin, without a path or trailing slash"),
                ));
            }
            Ok(url)
        })
        .collect()
}

#[cfg(test)]
mod tests;
