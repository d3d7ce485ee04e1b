//! Forged and malformed tokens: every one is refused as `Invalid`, never accepted and
//! never a reason to fetch a key from anywhere but the configured JWKS.

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use serde_json::json;
use todo_auth::testing::{
    JwksServer, TestKey, base64url, es512_token_from_p521_key, p521_jwk, unsigned_token,
};

use super::*;

async fn one_key_setup() -> (TestKey, JwksServer, Verifier) {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    (key, server, verifier)
}

fn hmac_token(alg: Algorithm, kid: &str, secret: &[u8]) -> String {
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(
        &header,
        &claims_for("mallory"),
        &EncodingKey::from_secret(secret),
    )
    .expect("HMAC signs anything")
}

#[tokio::test]
async fn alg_none_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    for alg in ["none", "None", "NONE", "nOnE"] {
        for header in [
            json!({"alg": alg}),
            json!({"alg": alg, "kid": key.kid(), "typ": "JWT"}),
        ] {
            let token = unsigned_token(&header, &claims_for("mallory"));
            assert_eq!(
                refusal(verifier.verify(&token).await),
                "unsupported algorithm",
                "{header}"
            );
        }
    }
}

#[tokio::test]
async fn hs256_keyed_with_the_issuers_public_key_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let jwk = key.jwk();
    let x = jwk["x"].as_str().expect("an OKP JWK has x");
    let parsed: Jwk = serde_json::from_value(jwk.clone()).expect("a JWK");
    let raw_public_key = DecodingKey::from_jwk(&parsed)
        .expect("decoding key")
        .try_get_as_bytes()
        .expect("Ed25519 keys are raw bytes")
        .to_vec();
    let secrets: [&[u8]; 4] = [
        key.public_pem().as_bytes(),
        x.as_bytes(),
        &raw_public_key,
        b"better-auth-secret-used-by-mistake",
    ];
    for secret in secrets {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let token = hmac_token(alg, key.kid(), secret);
            assert_eq!(
                refusal(verifier.verify(&token).await),
                "unsupported algorithm",
                "{alg:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_tampered_payload_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let token = key.token(&claims_for("alice"));
    let parts: Vec<&str> = token.split('.').collect();
    let forged_claims = base64url(claims_for("bob").to_string().as_bytes());
    let forged = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
    assert_eq!(refusal(verifier.verify(&forged).await), "invalid signature");
}

#[tokio::test]
async fn a_stripped_signature_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let token = key.token(&claims_for("alice"));
    let unsigned = &token[..=token.rfind('.').expect("three parts")];
    assert_eq!(
        refusal(verifier.verify(unsigned).await),
        "invalid signature"
    );
    let two_parts = &token[..token.rfind('.').expect("three parts")];
    assert_eq!(refusal(verifier.verify(two_parts).await), "malformed token");
}

#[tokio::test]
async fn a_signature_from_another_key_under_the_same_kid_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let impostor = TestKey::ed25519_second().with_kid(key.kid());
    let token = impostor.token(&claims_for("alice"));
    assert_eq!(refusal(verifier.verify(&token).await), "invalid signature");
}

#[tokio::test]
async fn an_es256_header_on_an_ed25519_kid_is_refused() {
    let ed25519 = TestKey::ed25519();
    let p256 = TestKey::p256();
    let server = JwksServer::start(&[&ed25519, &p256]);
    let verifier = loaded_verifier(&server).await;
    let mut header = p256.header();
    header.kid = Some(ed25519.kid().to_owned());
    let token = p256.sign(header, &claims_for("mallory"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "algorithm does not match key"
    );
}

#[tokio::test]
async fn an_rsa_algorithm_other_than_the_jwks_alg_is_refused() {
    let (rs256, ps256) = (TestKey::rsa(), TestKey::rsa_pss());
    let server = JwksServer::start(&[&rs256, &ps256]);
    let verifier = loaded_verifier(&server).await;

    let mut header = ps256.header();
    header.alg = Algorithm::RS256;
    let token = ps256.sign(header, &claims_for("mallory"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "algorithm does not match key"
    );

    let mut header = rs256.header();
    header.alg = Algorithm::PS256;
    let token = rs256.sign(header, &claims_for("mallory"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "algorithm does not match key"
    );
}

#[tokio::test]
async fn an_es512_token_from_a_p521_key_listed_in_the_jwks_is_refused() {
    let ed25519 = TestKey::ed25519();
    let server = JwksServer::start(&[]);
    server.set_raw_body(&json!({ "keys": [p521_jwk(), ed25519.jwk()] }).to_string());
    let verifier = loaded_verifier(&server).await;
    assert_eq!(
        refusal(verifier.verify(es512_token_from_p521_key()).await),
        "unsupported algorithm"
    );
}

#[tokio::test]
async fn algorithms_outside_the_allow_list_are_refused_even_with_a_valid_signature() {
    let p256 = TestKey::p256();
    let rsa = TestKey::rsa();
    let server = JwksServer::start(&[&p256, &rsa]);
    let verifier = loaded_verifier(&server).await;
    for alg in [
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS384,
        Algorithm::PS512,
    ] {
        let mut header = rsa.header();
        header.alg = alg;
        let token = rsa.sign(header, &claims_for("mallory"));
        assert_eq!(
            refusal(verifier.verify(&token).await),
            "unsupported algorithm",
            "{alg:?}"
        );
    }
}

#[tokio::test]
async fn a_token_without_kid_is_refused_when_the_jwks_has_two_keys() {
    let (a, b) = (TestKey::ed25519(), TestKey::ed25519_second());
    let server = JwksServer::start(&[&a, &b]);
    let verifier = loaded_verifier(&server).await;
    let mut header = a.header();
    header.kid = None;
    let token = a.sign(header, &claims_for("alice"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "token has no key id"
    );
}

#[tokio::test]
async fn a_key_embedded_in_the_jwk_header_is_ignored() {
    let (trusted, _server, verifier) = one_key_setup().await;
    let attacker = TestKey::ed25519_second().with_kid("AttackerKey000000000000000000001");
    let embedded: Jwk = serde_json::from_value(attacker.jwk()).expect("a JWK");

    let mut header = attacker.header();
    header.jwk = Some(embedded.clone());
    let token = attacker.sign(header, &claims_for("mallory"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "unknown signing key"
    );

    let mut header = attacker.header();
    header.kid = Some(trusted.kid().to_owned());
    header.jwk = Some(embedded.clone());
    let token = attacker.sign(header, &claims_for("mallory"));
    assert_eq!(refusal(verifier.verify(&token).await), "invalid signature");

    let mut header = attacker.header();
    header.kid = None;
    header.jwk = Some(embedded);
    let token = attacker.sign(header, &claims_for("mallory"));
    assert_eq!(refusal(verifier.verify(&token).await), "invalid signature");
}

#[tokio::test]
async fn jku_and_x5u_headers_are_never_fetched() {
    let (trusted, server, verifier) = one_key_setup().await;
    let attacker = TestKey::ed25519_second().with_kid("AttackerKey000000000000000000002");
    let attacker_jwks = JwksServer::start(&[&attacker]);

    for kid in [attacker.kid(), trusted.kid()] {
        let mut header = attacker.header();
        header.kid = Some(kid.to_owned());
        header.jku = Some(attacker_jwks.url());
        header.x5u = Some(attacker_jwks.url());
        header.x5c = Some(vec!["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".into()]);
        let token = attacker.sign(header, &claims_for("mallory"));
        assert!(
            matches!(verifier.verify(&token).await, Err(AuthError::Invalid(_))),
            "kid {kid}"
        );
    }
    assert_eq!(
        attacker_jwks.hits(),
        0,
        "the attacker's server is never asked"
    );
    assert_eq!(server.hits(), 2, "only the configured JWKS is refetched");
}

#[tokio::test]
async fn an_oversized_token_is_refused_without_fetching_any_key() {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = verifier_for(&server);
    let claims = with(claims_for("alice"), "image", json!("x".repeat(9000)));
    let token = key.token(&claims);
    assert!(token.len() > 8 * 1024);

    assert_eq!(refusal(verifier.verify(&token).await), "token too large");
    assert_eq!(
        refusal(verifier.verify(&"a".repeat(1 << 20)).await),
        "token too large"
    );
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn garbage_is_refused_as_malformed_without_fetching() {
    let server = JwksServer::start(&[&TestKey::ed25519()]);
    let verifier = verifier_for(&server);
    for garbage in [
        "",
        ".",
        "..",
        "a.b",
        "a.b.c",
        "a.b.c.d",
        "e30.e30.",
        "%%%.e30.sig",
    ] {
        assert_eq!(
            refusal(verifier.verify(garbage).await),
            "malformed token",
            "{garbage:?}"
        );
    }
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn a_critical_header_extension_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let mut header = key.header();
    header.crit = Some(vec!["exp".into()]);
    let token = key.sign(header, &claims_for("alice"));
    assert_eq!(
        refusal(verifier.verify(&token).await),
        "unsupported critical header"
    );
}

#[tokio::test]
async fn a_better_auth_session_cache_token_is_refused() {
    let (key, _server, verifier) = one_key_setup().await;
    let mut header = key.header();
    header.typ = Some("better-auth.session-cache+jwt".into());
    let claims = with(
        claims_for("alice"),
        "aud",
        json!("better-auth:session-cache"),
    );
    let token = key.sign(header, &claims);
    assert_eq!(refusal(verifier.verify(&token).await), "invalid audience");
}
