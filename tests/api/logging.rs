//! The access log names the peer that connected, not what a client claims in
//! `X-Forwarded-For`, unless the operator says a proxy of ours sets that header.

use std::time::Duration;

use crate::helpers::{Fixture, ServerProcess};

const FORGED: &str = "203.0.113.66";

/// Sends one request claiming to come from [`FORGED`] and returns its log line.
async fn logged_line(server: &ServerProcess) -> String {
    let answer = reqwest::Client::new()
        .get(server.url("/healthz"))
        .header("x-forwarded-for", FORGED)
        .send()
        .await
        .expect("healthz");
    assert_eq!(answer.status(), 200);
    for _ in 0..100 {
        if let Some(line) = server
            .logs()
            .into_iter()
            .find(|l| l.contains("\"GET /healthz\""))
        {
            return line;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no access log line: {:?}", server.logs());
}

#[actix_web::test]
async fn the_peer_address_is_logged_and_a_forwarded_one_is_ignored() {
    let fixture = Fixture::new();
    let server = fixture.server(&[]).await;
    let line = logged_line(&server).await;
    assert!(line.contains("127.0.0.1 \"GET /healthz\""), "{line}");
    assert!(!line.contains(FORGED), "{line}");
}

#[actix_web::test]
async fn a_trusted_proxy_s_forwarded_address_is_logged() {
    let fixture = Fixture::new();
    let server = fixture.server(&[("TODO_TRUST_PROXY", "true")]).await;
    let line = logged_line(&server).await;
    assert!(
        line.contains(&format!("{FORGED} \"GET /healthz\"")),
        "{line}"
    );
}
