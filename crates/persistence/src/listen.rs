//! The process's one `LISTEN task_changes` connection, on a thread of its own.
//!
//! The trigger `tasks_notify_change` announces every committed write of a task on
//! `task_changes`, whichever replica made it; PostgreSQL delivers a notification only
//! at commit, and never one of a rolled-back transaction. This thread hears them and
//! hands each to a [`ChangeSink`], which fans it out in memory: one connection per
//! process, however many streams are open.
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
//! committed in between went unheard.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgNotification;
use diesel::{Connection, PgConnection, RunQueryDsl};
use serde::Deserialize;
use todo_domain::{BoxError, ChangeKind, ChangeSink, TaskChange, TaskId, UserId};

use crate::pool::with_libpq_defaults;

/// The channel the trigger notifies.
pub const CHANGES_CHANNEL: &str = "task_changes";
/// How the listening session shows in `pg_stat_activity` (tests find it by this).
pub const LISTENER_APPLICATION_NAME: &str = "todo-listener";

/// How often what arrived is read: bounds the delay a change adds to its way.
const POLL: Duration = Duration::from_millis(50);
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
    /// Starts listening in the background: the sink hears `listening` once connected.
    ///
    /// # Errors
    /// When the OS refuses a thread.
    pub fn spawn(config: ListenConfig, sink: Arc<dyn ChangeSink>) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("todo-listener".to_owned())
            .spawn(move || run(&config, sink.as_ref(), &flag))?;
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

fn run(config: &ListenConfig, sink: &dyn ChangeSink, stop: &AtomicBool) {
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
                connected_before = true;
                let lost = listen(&mut conn, sink, stop);
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

/// Reads notifications until the connection fails (`Err`) or the listener is stopped.
fn listen(
    conn: &mut PgConnection,
    sink: &dyn ChangeSink,
    stop: &AtomicBool,
) -> diesel::QueryResult<()> {
    let mut probed = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        for notification in conn.notifications_iter() {
            if let Some(change) = parse(&notification?) {
                sink.publish(change);
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

/// Sleeps `total`, waking early when stopped.
fn pause(total: Duration, stop: &AtomicBool) {
    let until = Instant::now() + total;
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::sleep(POLL.min(until.saturating_duration_since(Instant::now())));
    }
}

/// The trigger's payload: `{"op":"created|updated|deleted","user_id":"…","id":N,"version":N}`.
#[derive(Deserialize)]
struct Payload {
    op: String,
    user_id: String,
    id: i64,
    version: i64,
}

/// A payload that is not the trigger's (someone else's `NOTIFY task_changes`) is
/// logged and skipped: it must not end anyone's stream.
fn parse(notification: &PgNotification) -> Option<TaskChange> {
    if notification.channel != CHANGES_CHANNEL {
        return None;
    }
    let change = serde_json::from_str::<Payload>(&notification.payload)
        .ok()
        .and_then(|p| {
            Some(TaskChange {
                owner: UserId::parse(&p.user_id).ok()?,
                id: TaskId::new(p.id),
                kind: ChangeKind::parse(&p.op)?,
                version: p.version,
            })
        });
    if change.is_none() {
        log::warn!(
            "ignored a {CHANGES_CHANNEL} notification that is not a task change ({} bytes)",
            notification.payload.len()
        );
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(channel: &str, payload: &str) -> PgNotification {
        PgNotification {
            process_id: 1,
            channel: channel.to_owned(),
            payload: payload.to_owned(),
        }
    }

    #[test]
    fn the_triggers_payload_becomes_a_change() {
        let change = parse(&notification(
            CHANGES_CHANNEL,
            r#"{"op" : "updated", "user_id" : "alice", "id" : 42, "version" : 3}"#,
        ))
        .expect("a change");
        assert_eq!(change.owner.as_str(), "alice");
        assert_eq!(change.id, TaskId::new(42));
        assert_eq!(change.kind, ChangeKind::Updated);
        assert_eq!(change.version, 3);
    }

    #[test]
    fn anything_else_is_skipped() {
        for payload in [
            "",
            "hello",
            r#"{"op":"renamed","user_id":"alice","id":1,"version":1}"#,
            r#"{"op":"created","user_id":"","id":1,"version":1}"#,
            r#"{"op":"created","user_id":"alice","id":"1","version":1}"#,
        ] {
            assert_eq!(
                parse(&notification(CHANGES_CHANNEL, payload)),
                None,
                "{payload}"
            );
        }
        let other = r#"{"op":"created","user_id":"alice","id":1,"version":1}"#;
        assert_eq!(parse(&notification("other", other)), None);
    }
}
