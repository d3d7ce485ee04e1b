//! What SIGTERM (or SIGINT) does to a running server, in order:
//! 1. `/readyz` answers 503 at once, so a load balancer stops sending;
//! 2. everything that arrives is still served for the grace period;
//! 3. the listener closes (new connections are refused, not left hanging), and from
//!    then on every answer carries `Connection: close`: requests already read, and
//!    requests clients had sent on open keep-alive connections, are all answered;
//! 4. once no request has been in flight for a moment, actix stops and the process
//!    exits 0.
//!
//! A second signal, or the timeout counted from the first one, ends it at once.

use std::net::Shutdown;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use socket2::Socket;
use todo_http::Lifecycle;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::{Instant, sleep, sleep_until};

use crate::config::ShutdownConfig;

/// How long no request may be in flight before the drain counts as done. Clients
/// that got `Connection: close` reconnect and are refused; this covers the ones
/// whose next request was already on its way.
const QUIET: Duration = Duration::from_millis(250);
const POLL: Duration = Duration::from_millis(10);
const PAUSE_SETTLE: Duration = Duration::from_millis(20);

/// How the server ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stopped by its handle or drained after a signal: every request read was answered.
    Drained,
    /// A second signal or the shutdown timeout cut the drain short.
    Forced(&'static str),
}

pub(crate) struct Drain {
    pub(crate) listener: Socket,
    pub(crate) lifecycle: Arc<Lifecycle>,
    pub(crate) config: ShutdownConfig,
}

impl Drain {
    /// Serves until stopped, draining as described above on the first signal.
    ///
    /// # Errors
    /// When signal handlers cannot be installed, or the server fails.
    pub(crate) async fn serve(self, server: Server) -> std::io::Result<Outcome> {
        let handle = server.handle();
        let mut serving = actix_web::rt::spawn(server);
        let mut terminate = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        tokio::select! {
            ended = &mut serving => return ended.map_err(std::io::Error::other)?.map(|()| Outcome::Drained),
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
        let deadline = Instant::now() + self.config.timeout;
        log::info!(
            "shutting down: not ready from now on, serving for {:?}, then draining (at most {:?} in all)",
            self.config.grace,
            self.config.timeout
        );
        self.lifecycle.begin_draining();
        let drained = async {
            sleep(self.config.grace).await;
            self.close_listener(&handle).await;
            wait_until_quiet(&self.lifecycle).await;
            handle.stop(true).await;
            serving.await.map_err(std::io::Error::other)?
        };
        tokio::select! {
            done = drained => done.map(|()| Outcome::Drained),
            _ = terminate.recv() => Ok(Outcome::Forced("a second signal")),
            _ = interrupt.recv() => Ok(Outcome::Forced("a second signal")),
            () = sleep_until(deadline) => Ok(Outcome::Forced("the shutdown timeout")),
        }
    }

    async fn close_listener(&self, handle: &ServerHandle) {
        // Pausing first takes the socket out of actix's accept loop, so the shutdown
        // below is not reported there as an accept error. `pause` returns before the
        // accept thread has acted on it; give it a moment (new connections meanwhile
        // wait in the backlog, and only a client that ignored /readyz makes one).
        handle.pause().await;
        sleep(PAUSE_SETTLE).await;
        // Shutting a listening socket down makes the kernel refuse new connections
        // at once; merely not accepting would leave them waiting in the backlog.
        if let Err(e) = self.listener.shutdown(Shutdown::Both) {
            log::warn!("could not close the listener: {e}");
        }
        self.lifecycle.begin_closing();
        log::info!("listener closed; answering what was sent, with Connection: close");
    }
}

async fn wait_until_quiet(lifecycle: &Lifecycle) {
    let mut quiet_since = Instant::now();
    loop {
        if lifecycle.in_flight() > 0 {
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() >= QUIET {
            return;
        }
        sleep(POLL).await;
    }
}
