//! The change listener against a real PostgreSQL: it announces what its store
//! committed, and nothing else; every replica hears it; and it comes back (saying
//! so, to every replica) after its connection is killed.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use todo_domain::{
    ChangeKind, ChangeSink, Completion, Guarded, OwnerScope, Precondition, RevisionOutcome, Task,
    TaskChange, TaskPatch, TaskRepository, TaskTitle, UserRepository,
};
use todo_persistence::test_db::TestDatabase;
use todo_persistence::{ChangeListener, LISTENER_APPLICATION_NAME, ListenConfig, PgStore};

use crate::new_task;

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

/// A listener on `db`, announcing what `store` commits, already listening.
fn listener_for(db: &TestDatabase, store: &PgStore) -> (ChangeListener, Receiver<Heard>) {
    let (sender, heard) = channel();
    let listener = ChangeListener::spawn(
        ListenConfig {
            url: db.url().to_owned(),
        },
        Arc::new(Recorder(sender)),
        store.outbox(),
    )
    .expect("the listener starts");
    assert_eq!(
        heard.recv_timeout(WAIT).expect("it connects"),
        Heard::Listening {
            after_reconnect: false
        }
    );
    (listener, heard)
}

/// A store and its listener on a fresh database, with a user to write as.
fn listening() -> (TestDatabase, PgStore, ChangeListener, Receiver<Heard>) {
    let db = TestDatabase::create();
    let store = PgStore::new(db.pool(2));
    store.upsert(&owner()).expect("user");
    let (listener, heard) = listener_for(&db, &store);
    (db, store, listener, heard)
}

fn owner() -> OwnerScope {
    crate::scope(OWNER)
}

fn change(kind: ChangeKind, task: &Task) -> Heard {
    Heard::Change(TaskChange {
        owner: task.user_id.clone(),
        id: task.id,
        kind,
        version: task.version,
    })
}

#[test]
fn every_committed_change_is_heard_with_its_owner_id_and_version() {
    let (_db, store, _listener, heard) = listening();
    let created = store.create(&owner(), &new_task("first")).expect("create");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &created))
    );

    let updated = store
        .set_completion_unless_recurring(
            &owner(),
            created.id,
            Completion::Toggle,
            &Precondition::Any,
        )
        .expect("toggle")
        .expect("a plain task");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Updated, &updated))
    );

    let patch = TaskPatch {
        title: Some(TaskTitle::parse("renamed").expect("title")),
        ..TaskPatch::default()
    };
    let revised = crate::applied(crate::revise(&store, &owner(), created.id, &patch));
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Updated, &revised.task))
    );

    store
        .delete(&owner(), created.id, &Precondition::Any)
        .expect("delete");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Deleted, &revised.task))
    );
}

#[test]
fn a_write_that_did_not_commit_announces_nothing() {
    let (_db, store, _listener, heard) = listening();
    let task = store.create(&owner(), &new_task("kept")).expect("create");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &task))
    );
    // A revision refused by a rule, and a stale one, write and announce nothing.
    let refused = store
        .revise(&owner(), task.id, &Precondition::Any, &|_| {
            Err(vec![todo_domain::FieldError::new("title", "no")])
        })
        .expect("revise");
    assert!(matches!(refused, RevisionOutcome::Rejected(_)));
    let stale = Precondition::VersionIn(vec![9]);
    assert!(matches!(
        store.delete(&owner(), task.id, &stale).expect("delete"),
        Guarded::Stale(_)
    ));
    // A change committed after them is the next one heard.
    let marker = store.create(&owner(), &new_task("marker")).expect("create");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &marker))
    );
    assert!(heard.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn another_replica_hears_the_change_too() {
    let (db, store, _listener, heard) = listening();
    let other = PgStore::new(db.pool(1));
    let (_other_listener, other_heard) = listener_for(&db, &other);
    let task = store.create(&owner(), &new_task("shared")).expect("create");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &task))
    );
    assert_eq!(
        other_heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &task))
    );
}

/// Terminates listening sessions of `db`: all of them, or only the oldest.
fn kill_listeners(db: &TestDatabase, only_the_oldest: bool) -> i32 {
    #[derive(QueryableByName)]
    struct Killed {
        #[diesel(sql_type = Integer)]
        killed: i32,
    }
    let limit = if only_the_oldest { "LIMIT 1" } else { "" };
    let killed: Killed = diesel::sql_query(format!(
        "SELECT count(*)::int AS killed FROM ( \
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
           WHERE application_name = $1 AND datname = current_database() \
           ORDER BY backend_start {limit}) AS t"
    ))
    .bind::<Text, _>(LISTENER_APPLICATION_NAME)
    .get_result(&mut db.connect())
    .expect("terminate listening sessions");
    killed.killed
}

#[test]
fn a_killed_connection_is_replaced_and_reported_for_resync() {
    let (db, store, _listener, heard) = listening();
    assert_eq!(kill_listeners(&db, false), 1);
    assert_eq!(heard.recv_timeout(WAIT), Ok(Heard::Lost));
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(Heard::Listening {
            after_reconnect: true
        })
    );
    let created = store.create(&owner(), &new_task("after")).expect("create");
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(change(ChangeKind::Created, &created))
    );
}

#[test]
fn a_replica_back_from_a_lost_connection_makes_every_other_one_resync() {
    let (db, store, _listener, heard) = listening();
    let other = PgStore::new(db.pool(1));
    let (_other_listener, other_heard) = listener_for(&db, &other);
    // Only this replica's session dies: what it commits meanwhile goes unannounced.
    assert_eq!(kill_listeners(&db, true), 1);
    assert_eq!(heard.recv_timeout(WAIT), Ok(Heard::Lost));
    let _ = store.create(&owner(), &new_task("meanwhile"));
    assert_eq!(
        heard.recv_timeout(WAIT),
        Ok(Heard::Listening {
            after_reconnect: true
        })
    );
    assert_eq!(
        other_heard.recv_timeout(WAIT),
        Ok(Heard::Listening {
            after_reconnect: true
        }),
        "the other replica resyncs"
    );
}
