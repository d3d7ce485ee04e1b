//! The change listener against a real PostgreSQL: it hears committed changes, never
//! rolled-back ones, and comes back (saying so) after its connection is killed.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};
use todo_domain::{ChangeKind, ChangeSink, TaskChange, TaskId};
use todo_persistence::test_db::TestDatabase;
use todo_persistence::{ChangeListener, LISTENER_APPLICATION_NAME, ListenConfig};

const OWNER: &str = "listen-owner-0000000000001";
const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, PartialEq, Eq)]
enum Heard {
    Change(TaskChange),
    Listening { after_reconnect: bool },
    Lost,
}

struct Recorder(Sender<Heard>);

impl ChangeSink for Recorder {
    fn publish(&self, change: TaskChange) {
        let _ = self.0.send(Heard::Change(change));
    }
    fn listening(&self, after_reconnect: bool) {
        let _ = self.0.send(Heard::Listening { after_reconnect });
    }
    fn lost(&self) {
        let _ = self.0.send(Heard::Lost);
    }
}

/// A listener on a fresh database, already listening.
fn listening() -> (TestDatabase, ChangeListener, Receiver<Heard>) {
    let db = TestDatabase::create();
    let (sender, heard) = channel();
    let listener = ChangeListener::spawn(
        ListenConfig {
            url: db.url().to_owned(),
        },
        Arc::new(Recorder(sender)),
    )
    .expect("the listener starts");
    assert_eq!(
        heard.recv_timeout(WAIT).expect("it connects"),
        Heard::Listening {
            after_reconnect: false
        }
    );
    (db, listener, heard)
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    version: i64,
}

fn insert_task(conn: &mut PgConnection, title: &str) -> diesel::QueryResult<Row> {
    diesel::sql_query("INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind::<Text, _>(OWNER)
        .execute(conn)?;
    diesel::sql_query("INSERT INTO tasks (user_id, title) VALUES ($1, $2) RETURNING id, version")
        .bind::<Text, _>(OWNER)
        .bind::<Text, _>(title)
        .get_result(conn)
}

fn change(kind: ChangeKind, row: &Row) -> Heard {
    Heard::Change(TaskChange {
        owner: todo_domain::UserId::parse(OWNER).expect("user id"),
        id: TaskId::new(row.id),
        kind,
        version: row.version,
    })
}

#[test]
fn every_committed_change_is_heard_with_its_owner_id_and_version() {
    let (db, _listener, heard) = listening();
    let mut conn = db.connect();
    let created = insert_task(&mut conn, "first").expect("insert");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &created))
    );

    let updated: Row = diesel::sql_query(
        "UPDATE tasks SET title = 'renamed', version = version + 1 WHERE id = $1 \
         RETURNING id, version",
    )
    .bind::<BigInt, _>(created.id)
    .get_result(&mut conn)
    .expect("update");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Updated, &updated))
    );

    diesel::sql_query("DELETE FROM tasks WHERE id = $1")
        .bind::<BigInt, _>(created.id)
        .execute(&mut conn)
        .expect("delete");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Deleted, &updated))
    );
}

#[test]
fn a_rolled_back_transaction_announces_nothing() {
    let (db, _listener, heard) = listening();
    let mut conn = db.connect();
    let rolled_back = conn.transaction::<(), diesel::result::Error, _>(|conn| {
        insert_task(conn, "never")?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    // A change committed after it is the first one heard: the rolled-back insert,
    // which came first, was never announced.
    let committed = insert_task(&mut conn, "marker").expect("insert");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &committed))
    );
    assert!(heard.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn a_killed_connection_is_replaced_and_reported_for_resync() {
    let (db, _listener, heard) = listening();
    let mut conn = db.connect();
    #[derive(QueryableByName)]
    struct Killed {
        #[diesel(sql_type = Integer)]
        killed: i32,
    }
    let killed: Killed = diesel::sql_query(
        "SELECT count(*)::int AS killed FROM ( \
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
           WHERE application_name = $1 AND datname = current_database()) AS t",
    )
    .bind::<Text, _>(LISTENER_APPLICATION_NAME)
    .get_result(&mut conn)
    .expect("terminate the listener's session");
    assert_eq!(killed.killed, 1);
    assert_eq!(heard.recv_timeout(WAIT), Ok(Heard::Lost));
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(Heard::Listening {
            after_reconnect: true
        })
    );
    let created = insert_task(&mut conn, "after").expect("insert");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &created))
    );
}
