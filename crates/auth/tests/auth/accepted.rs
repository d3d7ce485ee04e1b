//! Tokens that must be accepted, and the `Caller` they yield.

use serde_json::json;
use todo_auth::testing::{JwksServer, TestKey};
use todo_auth::{AuthSetupError, JwtConfig, MAX_TOKEN_BYTES};

use super::*;

async fn accepted_caller(key: &TestKey) -> Caller {
    let server = JwksServer::start(&[key]);
    let verifier = loaded_verifier(&server).await;
    verifier
        .verify(&key.token(&claims_for("Q3kV0yP2c8sWm1ZxLr7bT9aN")))
        .await
        .expect("a valid token is accepted")
}

fn assert_is_test_user(caller: &Caller) {
    assert_eq!(caller.user_id().as_str(), "Q3kV0yP2c8sWm1ZxLr7bT9aN");
    assert_eq!(
        caller.profile().email(),
        Some("Q3kV0yP2c8sWm1ZxLr7bT9aN@example.com")
    );
    assert_eq!(
        caller.profile().name(),
        Some("Test Q3kV0yP2c8sWm1ZxLr7bT9aN")
    );
}

#[tokio::test]
async fn an_eddsa_token_like_better_auths_default_is_accepted() {
    assert_is_test_user(&accepted_caller(&TestKey::ed25519()).await);
}

#[tokio::test]
async fn an_es256_token_is_accepted() {
    assert_is_test_user(&accepted_caller(&TestKey::p256()).await);
}

#[tokio::test]
async fn an_rs256_token_is_accepted() {
    assert_is_test_user(&accepted_caller(&TestKey::rsa()).await);
}

#[tokio::test]
async fn a_ps256_token_is_accepted() {
    assert_is_test_user(&accepted_caller(&TestKey::rsa_pss()).await);
}

#[tokio::test]
async fn every_key_of_a_multi_key_jwks_is_usable() {
    let keys = [
        TestKey::ed25519(),
        TestKey::ed25519_second(),
        TestKey::p256(),
        TestKey::rsa(),
        TestKey::rsa_pss(),
    ];
    let server = JwksServer::start(&keys.iter().collect::<Vec<_>>());
    let verifier = loaded_verifier(&server).await;
    for key in &keys {
        let caller = verifier.verify(&key.token(&claims_for("alice"))).await;
        assert!(caller.is_ok(), "{key:?}: {caller:?}");
    }
    assert_eq!(server.hits(), 1, "known kids never refetch");
}

#[tokio::test]
async fn a_jwk_without_alg_is_used_by_its_key_type() {
    let ed25519 = TestKey::ed25519();
    let rsa = TestKey::rsa();
    let strip_alg = |key: &TestKey| {
        let mut jwk = key.jwk();
        jwk.as_object_mut().expect("object").remove("alg");
        jwk
    };
    let server = JwksServer::start(&[]);
    server.set_raw_body(&json!({ "keys": [strip_alg(&ed25519), strip_alg(&rsa)] }).to_string());
    let verifier = loaded_verifier(&server).await;

    assert!(
        verifier
            .verify(&ed25519.token(&claims_for("alice")))
            .await
            .is_ok()
    );
    assert!(
        verifier
            .verify(&rsa.token(&claims_for("alice")))
            .await
            .is_ok()
    );
    let pss = rsa.clone().with_alg(jsonwebtoken::Algorithm::PS256);
    assert!(
        verifier
            .verify(&pss.token(&claims_for("alice")))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_token_without_kid_is_accepted_when_the_jwks_has_one_key() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let mut header = key.header();
    header.kid = None;
    let caller = verifier
        .verify(&key.sign(header, &claims_for("alice")))
        .await;
    assert!(caller.is_ok(), "{caller:?}");
}

#[tokio::test]
async fn an_array_aud_containing_ours_is_accepted() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let claims = with(
        claims_for("alice"),
        "aud",
        json!(["https://other.example", AUDIENCE]),
    );
    assert!(verifier.verify(&key.token(&claims)).await.is_ok());
}

#[tokio::test]
async fn a_token_expired_within_the_leeway_is_accepted() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let now = testing::now();
    let claims = with(claims_for("alice"), "exp", json!(now - 10));
    let claims = with(claims, "iat", json!(now - 910));
    assert!(verifier.verify(&key.token(&claims)).await.is_ok());
}

#[tokio::test]
async fn nbf_and_iat_slightly_ahead_of_our_clock_are_accepted() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let soon = json!(testing::now() + 10);
    let claims = with(with(claims_for("alice"), "nbf", soon.clone()), "iat", soon);
    assert!(verifier.verify(&key.token(&claims)).await.is_ok());
}

#[tokio::test]
async fn a_255_byte_sub_is_accepted() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let sub = "a".repeat(255);
    let caller = verifier
        .verify(&key.token(&claims_for(&sub)))
        .await
        .expect("255 bytes is the limit, inclusive");
    assert_eq!(caller.user_id().as_str(), sub);
}

#[tokio::test]
async fn profile_claims_that_are_not_strings_are_ignored() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let claims = with(
        with(claims_for("alice"), "email", json!(42)),
        "name",
        json!({"first": "Alice"}),
    );
    let caller = verifier
        .verify(&key.token(&claims))
        .await
        .expect("odd profile claims do not make a token invalid");
    assert_eq!(caller.profile().email(), None);
    assert_eq!(caller.profile().name(), None);

    let caller = verifier
        .verify(&key.token(&without(without(claims_for("bob"), "email"), "name")))
        .await
        .expect("profile claims are optional");
    assert_eq!(caller.profile().email(), None);
}

#[tokio::test]
async fn a_token_just_under_8_kib_is_accepted() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let padded = |length: usize| {
        key.token(&with(
            claims_for("alice"),
            "image",
            json!("x".repeat(length)),
        ))
    };
    let base = padded(0).len();
    let token = padded((MAX_TOKEN_BYTES - base) * 3 / 4 - 3);
    assert!(
        (MAX_TOKEN_BYTES - 16..=MAX_TOKEN_BYTES).contains(&token.len()),
        "{}",
        token.len()
    );
    assert!(verifier.verify(&token).await.is_ok());
}

#[tokio::test]
async fn a_verifier_is_not_ready_until_its_first_load() {
    let server = JwksServer::start(&[&TestKey::ed25519()]);
    let verifier = verifier_for(&server);
    assert!(!verifier.is_ready());
    assert_eq!(server.hits(), 0, "new() does not fetch");
    verifier.refresh().await.expect("the JWKS loads");
    assert!(verifier.is_ready());
    assert!(verifier.clone().is_ready(), "clones share the key cache");
}

#[test]
fn a_config_that_cannot_work_is_refused_at_setup() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let good = testing::jwt_config("http://localhost:3000/api/auth/jwks");
    let variants = [
        JwtConfig {
            jwks_url: "localhost:3000/api/auth/jwks".into(),
            ..good.clone()
        },
        JwtConfig {
            jwks_url: "ftp://localhost/jwks".into(),
            ..good.clone()
        },
        JwtConfig {
            issuer: String::new(),
            ..good.clone()
        },
        JwtConfig {
            audience: String::new(),
            ..good.clone()
        },
        JwtConfig {
            refresh_interval: std::time::Duration::ZERO,
            ..good.clone()
        },
    ];
    for config in variants {
        let result: Result<Verifier, AuthSetupError> = Verifier::new(config.clone());
        assert!(result.is_err(), "{config:?}");
    }
    assert!(Verifier::new(good).is_ok());
}

#[tokio::test]
async fn the_caller_carries_the_tokens_exact_expiry() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let exp = todo_auth::testing::now() + 42;
    let token = key.token(&with(claims_for("alice"), "exp", json!(exp)));
    let caller = verifier.verify(&token).await.expect("accepted");
    let expected =
        std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(exp).expect("positive"));
    assert_eq!(caller.expires_at(), Some(expected));
}
