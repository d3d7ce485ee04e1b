//! Where the process is in its life (serving, draining, closing) and how many requests
//! it is answering: what `/readyz` and a graceful shutdown need to know.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::{Error, web};
use tokio::sync::watch;

const SERVING: u8 = 0;
const DRAINING: u8 = 1;
const CLOSING: u8 = 2;

/// Shared by every worker; `todo-app` moves it forward on SIGTERM.
#[derive(Debug, Default)]
pub struct Lifecycle {
    phase: AtomicU8,
    in_flight: AtomicUsize,
    /// Flipped once draining begins, for what must act on it rather than poll it
    /// (open change streams end then).
    draining: watch::Sender<bool>,
}

impl Lifecycle {
    /// Shutdown has begun: `/readyz` answers 503 so that load balancers stop sending,
    /// while every request is still served as usual.
    pub fn begin_draining(&self) {
        let _ = self
            .phase
            .compare_exchange(SERVING, DRAINING, Ordering::SeqCst, Ordering::SeqCst);
        self.draining.send_replace(true);
    }

    /// The listener is closed: every answer from now on closes its connection, so
    /// no client sends another request on it.
    pub fn begin_closing(&self) {
        self.phase.store(CLOSING, Ordering::SeqCst);
        self.draining.send_replace(true);
    }

    pub fn is_draining(&self) -> bool {
        self.phase.load(Ordering::SeqCst) != SERVING
    }

    /// Resolves once draining has begun (at once if it has already).
    pub(crate) fn draining(&self) -> impl Future<Output = ()> + 'static {
        let mut flag = self.draining.subscribe();
        async move {
            // An error means the sender is gone: nothing can drain any more.
            let _ = flag.wait_for(|draining| *draining).await;
        }
    }

    fn is_closing(&self) -> bool {
        self.phase.load(Ordering::SeqCst) == CLOSING
    }

    /// Requests read and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }
}

/// Middleware: counts requests in flight and, once closing, marks every answer
/// `Connection: close`.
pub(crate) async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let lifecycle = req
        .app_data::<web::Data<Lifecycle>>()
        .map(|data| data.clone().into_inner());
    let guard = lifecycle.map(InFlight::begin);
    let mut response = next.call(req).await?;
    if guard.as_ref().is_some_and(|g| g.0.is_closing()) {
        response
            .response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    Ok(response)
}

/// Decrements the in-flight count however the request ends (answered, failed, or
/// dropped because the client went away).
struct InFlight(Arc<Lifecycle>);

impl InFlight {
    fn begin(lifecycle: Arc<Lifecycle>) -> Self {
        lifecycle.in_flight.fetch_add(1, Ordering::SeqCst);
        Self(lifecycle)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}
