//! Wires the Todo API together: configuration in, a running `todo-server` out.
//!
//! It owns start-up order (migrations, pool, JWKS loader, change listener, HTTP
//! listener) and nothing
//! else: no rules, no SQL, no token checks live here. Tests build the same
//! [`Application`] as `main`, with a `Config` of their own.

mod config;
mod exit;
mod shutdown;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::HttpServer;
use actix_web::dev::{Server, ServerHandle};
use todo_auth::Verifier;
use todo_domain::TaskService;
use todo_http::{ApiState, Lifecycle, StreamHub, app};
use todo_persistence::{ChangeListener, PgStore, build_pool, run_migrations};

pub use config::{Config, ConfigError, ShutdownConfig};
pub use exit::keep_system_open;
pub use shutdown::Outcome;

/// How long start-up keeps retrying migrations while the database comes up.
const MIGRATION_DEADLINE: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database migrations failed: {0}")]
    Migrations(#[from] todo_persistence::MigrationError),
    #[error("cannot set up token verification: {0}")]
    Auth(#[from] todo_auth::AuthSetupError),
    #[error("cannot start the change listener: {0}")]
    Listener(#[source] std::io::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// A configured, listening server that has not started serving yet.
pub struct Application {
    server: Server,
    address: SocketAddr,
    jwks_refresh: tokio::task::JoinHandle<()>,
    drain: shutdown::Drain,
    /// Listens as long as the application lives; dropping it stops the thread.
    _listener: ChangeListener,
}

impl Application {
    /// Migrates the database, then binds the listener. Must run inside an actix
    /// (tokio) runtime: it spawns the JWKS refresher there.
    ///
    /// # Errors
    /// When migrations cannot be applied in time, or the address cannot be bound.
    pub async fn build(config: Config) -> Result<Self, StartError> {
        // reqwest is built without a default TLS provider; install ring's once.
        let _ = rustls::crypto::ring::default_provider().install_default();

        let url = config.db.url.clone();
        let applied = actix_web::rt::task::spawn_blocking(move || migrate_with_retry(&url))
            .await
            .unwrap_or_else(|e| Err(todo_persistence::MigrationError::Migrate(e.to_string())))?;
        if !applied.is_empty() {
            log::info!("applied migrations: {}", applied.join(", "));
        }

        let store = Arc::new(PgStore::new(build_pool(&config.db)));
        let outbox = store.outbox();
        let tasks = Arc::new(TaskService::new(store.clone(), store));
        let tasks_for_streams = tasks.clone();
        let verifier = Verifier::new(config.jwt.clone())?;
        // Start serving even while the issuer is down; /readyz reports it.
        let jwks_refresh = verifier.spawn_refresh();

        let listener = TcpListener::bind(config.bind).map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
        let address = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
        let bind_error = |source| StartError::Bind {
            addr: config.bind,
            source,
        };
        // A second handle on the listening socket, so that a drain can close it.
        let drain = shutdown::Drain {
            listener: socket2::Socket::from(listener.try_clone().map_err(bind_error)?),
            lifecycle: Arc::new(Lifecycle::default()),
            config: config.shutdown,
        };
        // Streams end with `shutdown` as soon as the drain begins.
        let streams = StreamHub::start(
            tasks_for_streams,
            config.http.storage_deadline,
            &drain.lifecycle,
            config.http.streams.clone(),
        );
        let change_listener = ChangeListener::spawn(config.listen.clone(), streams.clone(), outbox)
            .map_err(StartError::Listener)?;
        let state = ApiState {
            tasks,
            verifier,
            lifecycle: drain.lifecycle.clone(),
            streams,
        };
        let http = config.http.clone();
        // actix's default too: one event loop a core.
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        let server = HttpServer::new(move || app(state.clone(), http.clone()))
            // Signals are ours (see `shutdown`); actix's own would drop requests.
            .disable_signals()
            // A client that closes its side ends its request at once. Without this, a
            // change stream whose reader went away would hold its place in the stream
            // limits until a heartbeat fails to be written; browsers and proxies never
            // half-close a connection they still want an answer on.
            .h1_allow_half_closed(false)
            .workers(workers)
            // Every blocking job holds a pooled connection, and the pool is shared by
            // every worker: threads beyond the connections would only wait on the
            // pool, each wait a sleep and a wake-up (actix's default is 512 a worker).
            .worker_max_blocking_threads(blocking_threads_per_worker(config.db.pool_size, workers))
            .shutdown_timeout(config.shutdown.timeout.as_secs())
            .listen(listener)
            .map_err(bind_error)?
            .run();
        Ok(Self {
            server,
            address,
            jwks_refresh,
            drain,
            _listener: change_listener,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops the server from another task (tests; `main` relies on signals).
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until the server is stopped by its handle (tests).
    ///
    /// # Errors
    /// When the server fails while running.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.jwks_refresh.abort();
        result
    }

    /// Serves until SIGTERM or SIGINT, then drains gracefully (see `shutdown`).
    ///
    /// # Errors
    /// When signal handlers cannot be installed, or the server fails.
    pub async fn run_until_signalled(self) -> std::io::Result<Outcome> {
        let outcome = self.drain.serve(self.server).await;
        self.jwks_refresh.abort();
        outcome
    }
}

fn migrate_with_retry(url: &str) -> Result<Vec<String>, todo_persistence::MigrationError> {
    let started = Instant::now();
    loop {
        match run_migrations(url) {
            Err(todo_persistence::MigrationError::Connect(e))
                if started.elapsed() < MIGRATION_DEADLINE =>
            {
                log::warn!("database not reachable yet ({e}); retrying");
                std::thread::sleep(Duration::from_secs(1));
            }
            result => return result,
        }
    }
}

/// The pool's connections shared out among the workers, at least one thread each.
fn blocking_threads_per_worker(pool_size: u32, workers: usize) -> usize {
    (usize::try_from(pool_size).unwrap_or(usize::MAX) / workers.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::blocking_threads_per_worker;

    #[test]
    fn workers_share_the_pool_without_waiting_on_it() {
        assert_eq!(blocking_threads_per_worker(10, 2), 5);
        assert_eq!(blocking_threads_per_worker(10, 3), 3);
        assert_eq!(
            blocking_threads_per_worker(1, 4),
            1,
            "no worker without a thread"
        );
        assert_eq!(blocking_threads_per_worker(10, 0), 10);
    }
}
