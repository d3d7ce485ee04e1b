//! Integration tests of `todo-auth` through its public API: real key pairs, real
//! signatures, and a real JWKS server on loopback. One binary, one module per theme.

mod accepted;
mod attacks;
mod cache;
mod claims;
mod outage;
mod rotation;

use std::time::Duration;

use serde_json::Value;
use todo_auth::testing::{self, AUDIENCE, ISSUER, JwksServer};
use todo_auth::{AuthError, JwtConfig, Verifier};
use todo_domain::Caller;

/// reqwest is built with `rustls-no-provider`; the app installs ring at start, so do we.
fn verifier_with(config: JwtConfig) -> Verifier {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Verifier::new(config).expect("the test config is valid")
}

fn verifier_for(server: &JwksServer) -> Verifier {
    verifier_with(testing::jwt_config(&server.url()))
}

/// A verifier that has loaded the server's JWKS once.
async fn loaded_verifier(server: &JwksServer) -> Verifier {
    let verifier = verifier_for(server);
    verifier.refresh().await.expect("the JWKS loads");
    verifier
}

/// Better Auth-like claims for `sub`, from our issuer to our audience.
fn claims_for(sub: &str) -> Value {
    testing::claims(sub, ISSUER, AUDIENCE)
}

fn with(mut claims: Value, name: &str, value: Value) -> Value {
    claims[name] = value;
    claims
}

fn without(mut claims: Value, name: &str) -> Value {
    claims
        .as_object_mut()
        .expect("claims are an object")
        .remove(name);
    claims
}

/// The reason of an `Invalid`, or a panic naming what came instead.
fn refusal(result: Result<Caller, AuthError>) -> &'static str {
    match result {
        Err(AuthError::Invalid(reason)) => reason,
        other => panic!("expected AuthError::Invalid, got {other:?}"),
    }
}

fn is_unavailable(result: &Result<Caller, AuthError>) -> bool {
    matches!(result, Err(AuthError::KeysUnavailable))
}

/// Polls `condition` every 50 ms until it holds or `limit` passes.
async fn eventually(limit: Duration, condition: impl Fn() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    while tokio::time::Instant::now() < deadline {
        if condition() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    condition()
}
