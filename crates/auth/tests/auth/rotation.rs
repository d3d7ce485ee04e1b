//! JWKS caching: rotation without restart, removal, the unknown-kid refetch and its
//! rate limit, `Cache-Control`, and JWKS documents with keys we cannot use.

use std::time::Duration;

use serde_json::json;
use todo_auth::testing::{JwksServer, TestKey, p521_jwk};

use super::*;

#[tokio::test]
async fn a_token_from_a_rotated_in_key_is_accepted_on_the_first_try() {
    let (old, new) = (TestKey::ed25519(), TestKey::ed25519_second());
    let server = JwksServer::start(&[&old]);
    let verifier = loaded_verifier(&server).await;

    server.set_keys(&[&old, &new]);
    let caller = verifier.verify(&new.token(&claims_for("alice"))).await;

    assert!(caller.is_ok(), "{caller:?}");
    assert_eq!(server.hits(), 2, "one refetch for the unknown kid");
    assert!(
        verifier
            .verify(&old.token(&claims_for("alice")))
            .await
            .is_ok(),
        "the old key stays valid while it is listed"
    );
}

#[tokio::test]
async fn a_key_removed_from_the_jwks_stops_being_accepted_after_a_refresh() {
    let (kept, removed) = (TestKey::ed25519(), TestKey::ed25519_second());
    let server = JwksServer::start(&[&kept, &removed]);
    let verifier = loaded_verifier(&server).await;
    let token = removed.token(&claims_for("alice"));
    assert!(verifier.verify(&token).await.is_ok());

    server.set_keys(&[&kept]);
    verifier.refresh().await.expect("the JWKS loads");

    assert_eq!(
        refusal(verifier.verify(&token).await),
        "unknown signing key"
    );
    assert!(
        verifier
            .verify(&kept.token(&claims_for("alice")))
            .await
            .is_ok()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_unknown_kids_fetches_the_jwks_at_most_once_more() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;

    let mut flood = tokio::task::JoinSet::new();
    for i in 0..50 {
        let token = key
            .clone()
            .with_kid(&format!("random{i:026}"))
            .token(&claims_for("mallory"));
        let verifier = verifier.clone();
        flood.spawn(async move { verifier.verify(&token).await });
    }
    while let Some(result) = flood.join_next().await {
        assert_eq!(refusal(result.expect("no panic")), "unknown signing key");
    }
    assert!(server.hits() <= 2, "{} fetches", server.hits());

    for i in 0..20 {
        let token = key
            .clone()
            .with_kid(&format!("again{i}"))
            .token(&claims_for("m"));
        assert_eq!(
            refusal(verifier.verify(&token).await),
            "unknown signing key"
        );
    }
    assert!(server.hits() <= 2, "{} fetches", server.hits());
}

#[tokio::test]
async fn a_short_cache_control_max_age_makes_the_background_loop_refetch_sooner() {
    let server = JwksServer::start(&[&TestKey::ed25519()]);
    server.set_cache_control(Some("public, max-age=1"));
    let verifier = verifier_for(&server);
    let refresher = verifier.spawn_refresh();

    assert!(eventually(Duration::from_secs(5), || verifier.is_ready()).await);
    let after_first_load = server.hits();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    refresher.abort();

    assert!(
        server.hits() > after_first_load,
        "max-age=1 is honoured over the 300 s interval ({} hits)",
        server.hits()
    );
}

#[tokio::test]
async fn without_cache_control_the_background_loop_waits_for_the_interval() {
    let server = JwksServer::start(&[&TestKey::ed25519()]);
    let verifier = verifier_for(&server);
    let refresher = verifier.spawn_refresh();

    assert!(eventually(Duration::from_secs(5), || verifier.is_ready()).await);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    refresher.abort();

    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_jwks_with_unusable_keys_still_serves_the_good_ones() {
    let good = TestKey::ed25519();
    let server = JwksServer::start(&[]);
    server.set_raw_body(
        &json!({ "keys": [
            {"kty": "OKP", "crv": "Ed25519", "x": "dG9vLXNob3J0", "kid": "short-key"},
            {"kty": "oct", "k": "c2VjcmV0", "alg": "HS256", "kid": "hmac-key"},
            {"kty": "EC", "crv": "P-256", "kid": "no-coordinates"},
            {"kty": "RSA", "kid": "no-modulus"},
            p521_jwk(),
            "not even an object",
            good.jwk(),
        ]})
        .to_string(),
    );
    let verifier = loaded_verifier(&server).await;

    assert!(
        verifier
            .verify(&good.token(&claims_for("alice")))
            .await
            .is_ok()
    );

    let mut hmac_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    hmac_header.kid = Some("hmac-key".into());
    let hmac_token = jsonwebtoken::encode(
        &hmac_header,
        &claims_for("mallory"),
        &jsonwebtoken::EncodingKey::from_secret(b"secret"),
    )
    .expect("HS256 signs");
    assert_eq!(
        refusal(verifier.verify(&hmac_token).await),
        "unsupported algorithm"
    );
}

#[tokio::test]
async fn a_jwk_whose_alg_contradicts_its_key_type_is_not_used() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key.clone().with_alg(jsonwebtoken::Algorithm::ES256)]);
    let verifier = loaded_verifier(&server).await;
    assert_eq!(
        refusal(verifier.verify(&key.token(&claims_for("alice"))).await),
        "unknown signing key"
    );
}
