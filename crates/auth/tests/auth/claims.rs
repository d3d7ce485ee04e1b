//! Claim checks after a valid signature: `exp`, `nbf`, `iat`, `iss`, `aud`, `sub`.

use serde_json::{Value, json};
use todo_auth::testing::{JwksServer, TestKey};

use super::*;

/// Signs each set of claims with a published key and returns each refusal reason.
async fn refusals(claim_sets: Vec<Value>) -> Vec<&'static str> {
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let verifier = loaded_verifier(&server).await;
    let mut reasons = Vec::new();
    for claims in claim_sets {
        let result = verifier.verify(&key.token(&claims)).await;
        assert!(
            matches!(result, Err(AuthError::Invalid(_))),
            "{claims}: {result:?}"
        );
        reasons.push(refusal(result));
    }
    reasons
}

#[tokio::test]
async fn a_wrong_issuer_is_refused() {
    let issuers = [
        json!("https://evil.example"),
        json!("http://localhost:3000/"),
        json!("http://localhost:3000/api/auth"),
        json!("http://127.0.0.1:3000"),
        json!("HTTP://LOCALHOST:3000"),
        json!([ISSUER, "https://evil.example"]),
        json!([ISSUER]),
        json!(""),
        json!(null),
    ];
    let claim_sets = issuers
        .into_iter()
        .map(|iss| with(claims_for("alice"), "iss", iss))
        .collect();
    for reason in refusals(claim_sets).await {
        assert!(
            ["invalid issuer", "missing iss claim", "malformed claims"].contains(&reason),
            "{reason}"
        );
    }
}

#[tokio::test]
async fn a_missing_issuer_is_refused() {
    assert_eq!(
        refusals(vec![without(claims_for("alice"), "iss")]).await,
        ["missing iss claim"]
    );
}

#[tokio::test]
async fn a_wrong_audience_is_refused() {
    let audiences = [
        json!("https://evil.example"),
        json!("better-auth:session-cache"),
        json!("http://localhost:3000/"),
        json!(["https://evil.example", "better-auth:session-cache"]),
        json!([]),
    ];
    let claim_sets = audiences
        .into_iter()
        .map(|aud| with(claims_for("alice"), "aud", aud))
        .collect();
    for reason in refusals(claim_sets).await {
        assert_eq!(reason, "invalid audience");
    }
}

#[tokio::test]
async fn a_missing_audience_is_refused() {
    assert_eq!(
        refusals(vec![without(claims_for("alice"), "aud")]).await,
        ["missing aud claim"]
    );
}

#[tokio::test]
async fn a_token_expired_beyond_the_leeway_is_refused() {
    let now = testing::now();
    let claims = with(
        with(claims_for("alice"), "exp", json!(now - 60)),
        "iat",
        json!(now - 960),
    );
    assert_eq!(refusals(vec![claims]).await, ["token expired"]);
}

#[tokio::test]
async fn a_missing_or_non_numeric_exp_is_refused() {
    let claim_sets = vec![
        without(claims_for("alice"), "exp"),
        with(claims_for("alice"), "exp", json!(null)),
        with(claims_for("alice"), "exp", json!("4102444800")),
    ];
    assert_eq!(
        refusals(claim_sets).await,
        [
            "missing exp claim",
            "missing exp claim",
            "missing exp claim"
        ]
    );
}

#[tokio::test]
async fn a_future_nbf_is_refused() {
    let claims = with(claims_for("alice"), "nbf", json!(testing::now() + 120));
    assert_eq!(refusals(vec![claims]).await, ["token not yet valid"]);
}

#[tokio::test]
async fn a_future_iat_is_refused() {
    let claim_sets = vec![
        with(claims_for("alice"), "iat", json!(testing::now() + 120)),
        with(claims_for("alice"), "iat", json!("yesterday")),
    ];
    assert_eq!(
        refusals(claim_sets).await,
        ["token issued in the future", "malformed iat claim"]
    );
}

#[tokio::test]
async fn a_missing_or_non_string_sub_is_refused() {
    let claim_sets = vec![
        without(claims_for("alice"), "sub"),
        with(claims_for("alice"), "sub", json!(null)),
        with(claims_for("alice"), "sub", json!(42)),
        with(claims_for("alice"), "sub", json!(["alice"])),
    ];
    for reason in refusals(claim_sets).await {
        assert!(
            ["missing or non-string sub claim", "malformed claims"].contains(&reason),
            "{reason}"
        );
    }
}

#[tokio::test]
async fn an_empty_overlong_or_nul_sub_is_refused() {
    let claim_sets = vec![
        with(claims_for("alice"), "sub", json!("")),
        with(claims_for("alice"), "sub", json!("a".repeat(256))),
        with(claims_for("alice"), "sub", json!("ali\u{0}ce")),
    ];
    for reason in refusals(claim_sets).await {
        assert_eq!(reason, "invalid subject");
    }
}
