//! The issuer being unreachable: held keys keep working, nothing is ever accepted
//! without a key, and readiness follows the first successful load.

use std::time::Duration;

use todo_auth::testing::{JwksServer, TestKey};

use super::*;

#[tokio::test]
async fn keys_already_loaded_keep_working_while_the_issuer_is_down() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;

    server.set_available(false);

    assert!(
        verifier
            .verify(&key.token(&claims_for("alice")))
            .await
            .is_ok()
    );
    assert!(verifier.is_ready());
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_keys_held() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let token = key.token(&claims_for("alice"));

    server.set_available(false);
    assert!(matches!(
        verifier.refresh().await,
        Err(AuthError::KeysUnavailable)
    ));
    assert!(verifier.verify(&token).await.is_ok());

    server.set_available(true);
    server.set_status(500);
    assert!(matches!(
        verifier.refresh().await,
        Err(AuthError::KeysUnavailable)
    ));
    assert!(verifier.verify(&token).await.is_ok());

    server.set_status(200);
    for body in ["<html>maintenance</html>", "{}", r#"{"keys": "none"}"#] {
        server.set_raw_body(body);
        assert!(
            matches!(verifier.refresh().await, Err(AuthError::KeysUnavailable)),
            "{body}"
        );
        assert!(verifier.verify(&token).await.is_ok(), "{body}");
    }
}

#[tokio::test]
async fn with_the_issuer_down_and_no_keys_ever_loaded_tokens_get_keys_unavailable() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    server.set_available(false);
    let verifier = verifier_for(&server);
    let token = key.token(&claims_for("alice"));

    assert!(is_unavailable(&verifier.verify(&token).await));
    assert!(
        is_unavailable(&verifier.verify(&token).await),
        "also while the refetch is rate limited"
    );
    assert!(!verifier.is_ready());
}

#[tokio::test]
async fn an_unknown_kid_while_the_issuer_is_down_gets_keys_unavailable() {
    let (known, rotated_in) = (TestKey::ed25519(), TestKey::ed25519_second());
    let server = JwksServer::start(&[&known]);
    let verifier = loaded_verifier(&server).await;

    server.set_available(false);

    let token = rotated_in.token(&claims_for("alice"));
    assert!(is_unavailable(&verifier.verify(&token).await));
    assert!(
        is_unavailable(&verifier.verify(&token).await),
        "the last fetch failed, so the kid may well exist"
    );
    assert!(
        verifier
            .verify(&known.token(&claims_for("alice")))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_verifier_started_while_the_issuer_is_down_becomes_ready_when_it_comes_up() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    server.set_available(false);
    let verifier = verifier_for(&server);
    let refresher = verifier.spawn_refresh();

    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!verifier.is_ready());

    server.set_available(true);
    assert!(
        eventually(Duration::from_secs(8), || verifier.is_ready()).await,
        "the loop retries every couple of seconds until the first load"
    );
    refresher.abort();
    assert!(
        verifier
            .verify(&key.token(&claims_for("alice")))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_refresh_loop_ends_once_the_verifier_is_dropped() {
    let server = JwksServer::start(&[]);
    server.set_available(false);
    let verifier = verifier_for(&server);
    let refresher = verifier.spawn_refresh();
    tokio::time::sleep(Duration::from_millis(100)).await;

    drop(verifier);

    tokio::time::timeout(Duration::from_secs(6), refresher)
        .await
        .expect("the loop notices within one retry delay")
        .expect("the loop ends without panicking");
}
