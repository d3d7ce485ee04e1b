//! Two replicas with a stream on one, writes that keep a task changing, and how old
//! the state a stream carried is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value;

use super::{EventStream, Fixture, ServerProcess, TestUser, connected};

/// How long ago `task` was last written, by its `updated_at` (the servers run on
/// this machine's clock).
pub fn age(task: &Value) -> Duration {
    let updated = task["updated_at"].as_str().expect("updated_at");
    let updated = chrono::DateTime::parse_from_rfc3339(updated).expect("rfc 3339");
    (chrono::Utc::now() - updated.to_utc())
        .to_std()
        .unwrap_or_default()
}

/// Toggles `path` through `server` until `stop`; returns how many writes it made.
pub async fn toggle_until(
    client: reqwest::Client,
    server: String,
    path: String,
    user: TestUser,
    stop: Arc<AtomicBool>,
) -> usize {
    let mut writes = 0;
    while !stop.load(Ordering::SeqCst) {
        let answer = client
            .patch(format!("{server}{path}"))
            .bearer_auth(&user.token)
            .send()
            .await
            .expect("answered");
        assert_eq!(answer.status(), 200);
        writes += 1;
    }
    writes
}

/// Two replicas on one database, and a stream of alice's on B.
pub struct Replicas {
    /// The database and the issuer: kept as long as the servers run.
    pub fixture: Fixture,
    pub a: ServerProcess,
    pub b: ServerProcess,
    pub client: reqwest::Client,
    pub alice: TestUser,
    pub on_b: EventStream,
    /// alice's tasks path.
    pub tasks: String,
}

pub async fn replicas_with_alices_stream_on_b() -> Replicas {
    let fixture = Fixture::new();
    let a = fixture.server(&[]).await;
    let b = fixture.server(&[]).await;
    let client = crate::helpers::stream_client();
    let alice = fixture.user(1);
    let on_b = connected(&client, &b.url(""), &alice).await;
    let tasks = format!("/api/{}/tasks", alice.id);
    Replicas {
        fixture,
        a,
        b,
        client,
        alice,
        on_b,
        tasks,
    }
}
