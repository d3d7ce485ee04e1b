//! The process's one `LISTEN task_changes` connection, on a thread of its own.
//!
//! Every replica announces the task changes it committed on `task_changes` (see
//! `outbox`): this thread sends what its own process's [`ChangeOutbox`] gathered,
//! a batch per `NOTIFY`, and hears every replica's (its own included), handing each
//! change to a [`ChangeSink`], which fans it out in memory: one connection per
//! process, however many streams are open. A change is recorded only once its
//! transaction committed, so a rolled-back write is never announced.
//!
//! The connection is not from the pool: a pooled connection is handed to someone else
//! between checkouts, and a transaction pooler (Neon's `-pooler` endpoint) would
//! forget the `LISTEN` between transactions. It needs a session of its own.
//!
//! diesel's sync API cannot wait on the socket, so the thread polls: every
//! [`POLL`] it reads what arrived (`PQconsumeInput`, which does not block). A broken
//! connection shows up as an error there; one that silently stopped answering (a
//! network black hole) as a failed probe. Either way the thread reconnects with
//! backoff and tells the sink, which ends every stream with `resync`: whatever was
//! committed in between went unheard. What this process committed meanwhile went
//! unannounced too, so once back it first tells every replica to resync.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, PgConnection, RunQueryDsl};
use todo_domain::{BoxError, ChangeSink};

use crate::ChangeOutbox;
use crate::pool::with_libpq_defaults;
use payload::{Heard, RESYNC, batches, parse};

mod payload;

/// The channel every replica's changes are announced on.
pub const CHANGES_CHANNEL: &str = "task_changes";
/// How the listening session shows in `pg_stat_activity` (tests find it by this).
pub const LISTENER_APPLICATION_NAME: &str = "todo-listener";

/// How often what piled up is sent and what arrived is read: bounds the delay a
/// change adds to its way, twice (on the replica that made it, and on the one that
/// hears it).
const POLL: Duration = Duration::from_millis(25);
/// How often an idle connection is probed, to notice one that stopped answering.
const PROBE_EVERY: Duration = Duration::from_secs(10);
/// The longest the server may take for the probe (libpq's TCP timeouts bound the
/// network side).
const PROBE_TIMEOUT_MS: u32 = 2000;
const BACKOFF_FIRST: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

/// Where to listen.
#[derive(Clone)]
pub struct ListenConfig {
    /// A session connection: PostgreSQL itself, or Neon's direct endpoint.
    pub url: String,
}

impl std::fmt::Debug for ListenConfig {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListenConfig")
            .field("url", &"<redacted>")
            .finish()
    }
}

/// The running listener. Dropping it stops the thread within a poll (or, when it is
/// stuck connecting, once libpq's connect timeout is over); it never blocks the drop.
pub struct ChangeListener {
    stop: Arc<AtomicBool>,
    _thread: JoinHandle<()>,
}

impl ChangeListener {
    /// Starts listening in the background, announcing what `outbox` gathers: the
    /// sink hears `listening` once connected.
    ///
    /// # Errors
    /// When the OS refuses a thread.
    pub fn spawn(
        config: ListenConfig,
        sink: Arc<dyn ChangeSink>,
        outbox: Arc<ChangeOutbox>,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("todo-listener".to_owned())
            .spawn(move || run(&config, sink.as_ref(), &outbox, &flag))?;
        Ok(Self {
            stop,
            _thread: thread,
        })
    }
}

impl Drop for ChangeListener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn run(config: &ListenConfig, sink: &dyn ChangeSink, outbox: &ChangeOutbox, stop: &AtomicBool) {
    let url = with_libpq_defaults(&config.url);
    let mut backoff = BACKOFF_FIRST;
    let mut connected_before = false;
    while !stop.load(Ordering::SeqCst) {
        match connect(&url) {
            Ok(mut conn) => {
                backoff = BACKOFF_FIRST;
                if connected_before {
                    log::info!("listening on {CHANGES_CHANNEL} again; open streams must resync");
                }
                sink.listening(connected_before);
                // Whatever this process committed while it could not announce it is
                // gone from the outbox's view: every replica's streams reload.
                let resync = std::mem::replace(&mut connected_before, true);
                let lost = listen(&mut conn, sink, outbox, resync, stop);
                if let Err(e) = lost {
                    log::warn!("lost the {CHANGES_CHANNEL} connection: {e}");
                    sink.lost();
                }
            }
            Err(e) => log::warn!("cannot listen on {CHANGES_CHANNEL} yet: {e}"),
        }
        pause(backoff, stop);
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

fn connect(url: &str) -> Result<PgConnection, BoxError> {
    let mut conn = PgConnection::establish(url)?;
    // Set here, not in the URL's `options`, which some poolers reject.
    conn.batch_execute(&format!(
        "SET statement_timeout = {PROBE_TIMEOUT_MS}; \
         SET application_name = '{LISTENER_APPLICATION_NAME}'; LISTEN {CHANGES_CHANNEL}"
    ))?;
    Ok(conn)
}

/// Sends what the outbox gathered and reads notifications, until the connection
/// fails (`Err`) or the listener is stopped. `resync` first tells every replica
/// that changes went unannounced.
fn listen(
    conn: &mut PgConnection,
    sink: &dyn ChangeSink,
    outbox: &ChangeOutbox,
    mut resync: bool,
    stop: &AtomicBool,
) -> diesel::QueryResult<()> {
    let own_pid = backend_pid(conn)?;
    let mut probed = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let (changes, overflowed) = outbox.take();
        if resync || overflowed {
            notify(conn, RESYNC)?;
            resync = false;
        } else {
            for payload in batches(&changes) {
                notify(conn, &payload)?;
            }
        }
        for notification in conn.notifications_iter() {
            let notification = notification?;
            match parse(&notification) {
                // Our own changes too: this process's streams hear them this way.
                Some(Heard::Changes(changes)) => changes.into_iter().for_each(|c| sink.publish(c)),
                // Our own resync follows our reconnect, which resynced already.
                Some(Heard::Resync) if notification.process_id != own_pid => {
                    sink.listening(true);
                }
                Some(Heard::Resync) | None => {}
            }
        }
        if probed.elapsed() >= PROBE_EVERY {
            diesel::sql_query("SELECT 1").execute(conn)?;
            probed = Instant::now();
        }
        std::thread::sleep(POLL);
    }
    Ok(())
}

/// The server process of this session, as notifications name their sender.
fn backend_pid(conn: &mut PgConnection) -> diesel::QueryResult<i32> {
    #[derive(diesel::QueryableByName)]
    struct Pid {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }
    let row: Pid = diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result(conn)?;
    Ok(row.pid)
}

/// Sleeps `total`, waking early when stopped.
fn pause(total: Duration, stop: &AtomicBool) {
    let until = Instant::now() + total;
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::sleep(POLL.min(until.saturating_duration_since(Instant::now())));
    }
}

/// `NOTIFY task_changes` with `payload`, in a transaction of its own whose commit
/// does not wait for the disk: nothing durable depends on it.
fn notify(conn: &mut PgConnection, payload: &str) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)")
        .bind::<Text, _>(CHANGES_CHANNEL)
        .bind::<Text, _>(payload)
        .execute(conn)
        .map(drop)
}
