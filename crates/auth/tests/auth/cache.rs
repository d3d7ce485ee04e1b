//! The cache of verified tokens answers only what a full verification would: a
//! token seen before stops working at its expiry, when its key leaves the JWKS
//! (tests in `rotation`), and any other byte is verified in full; failures are
//! never remembered.

use std::time::Duration;

use serde_json::json;
use todo_auth::JwtConfig;
use todo_auth::testing::{JwksServer, TestKey, now};

use super::*;

#[tokio::test]
async fn a_token_seen_before_stops_working_when_it_expires() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = verifier_with(JwtConfig {
        leeway: Duration::ZERO,
        ..testing::jwt_config(&server.url())
    });
    verifier.refresh().await.expect("the JWKS loads");
    let token = key.token(&with(claims_for("alice"), "exp", json!(now() + 1)));
    for _ in 0..3 {
        assert!(
            verifier.verify(&token).await.is_ok(),
            "valid while exp holds"
        );
    }
    // `exp` is in whole seconds: past the next one, the token has expired.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(refusal(verifier.verify(&token).await), "token expired");
}

#[tokio::test]
async fn a_token_altered_after_it_was_seen_is_verified_in_full() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let token = key.token(&claims_for("alice"));
    assert!(verifier.verify(&token).await.is_ok());
    let (rest, signature) = token.rsplit_once('.').expect("three parts");
    let flipped = if signature.starts_with('A') { 'B' } else { 'A' };
    let altered = format!("{rest}.{flipped}{}", &signature[1..]);
    assert_eq!(
        refusal(verifier.verify(&altered).await),
        "invalid signature"
    );
}

#[tokio::test]
async fn a_refusal_is_not_remembered() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    server.set_available(false);
    let verifier = verifier_for(&server);
    let token = key.token(&claims_for("alice"));
    assert!(is_unavailable(&verifier.verify(&token).await));
    server.set_available(true);
    verifier.refresh().await.expect("the JWKS loads");
    assert!(
        verifier.verify(&token).await.is_ok(),
        "verified again, now with keys"
    );
}
