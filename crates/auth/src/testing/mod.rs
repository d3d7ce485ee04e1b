//! Test support (feature `test-support`): real key pairs from committed fixtures, token
//! minting, and a JWKS server on loopback, for this crate's tests and the black-box
//! HTTP tests. Never compiled into the server.
//!
//! The key pairs live in `crates/auth/tests/keys/` (see `generate.sh` there); they are
//! public test keys and must never be trusted anywhere else.

mod jwks_server;
mod keys;

use std::time::Duration;

pub use jwks_server::JwksServer;
pub use keys::{TestKey, base64url, claims, es512_token_from_p521_key, p521_jwk, unsigned_token};

use crate::JwtConfig;

/// The `iss` that [`claims`] and the ES512 fixture token carry, as Better Auth would
/// with `BETTER_AUTH_URL=http://localhost:3000`.
pub const ISSUER: &str = "http://localhost:3000";
/// The `aud` that [`claims`] and the ES512 fixture token carry.
pub const AUDIENCE: &str = "http://localhost:3000";

/// A config for a verifier of [`ISSUER`]/[`AUDIENCE`] tokens whose keys are at
/// `jwks_url`, with the default leeway (30 s) and refresh interval (300 s).
pub fn jwt_config(jwks_url: &str) -> JwtConfig {
    JwtConfig {
        jwks_url: jwks_url.to_owned(),
        issuer: ISSUER.to_owned(),
        audience: AUDIENCE.to_owned(),
        leeway: JwtConfig::DEFAULT_LEEWAY,
        refresh_interval: JwtConfig::DEFAULT_REFRESH_INTERVAL,
    }
}

/// Seconds since the Unix epoch, as JWT time claims count them.
pub fn now() -> i64 {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
}
