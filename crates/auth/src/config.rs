//! What the verifier needs to know about the issuer, read from the environment by the app.

use std::time::Duration;

/// Where the issuer's keys are and what its tokens must say. The app fills it from
/// `TODO_JWKS_URL`, `TODO_JWT_ISSUER`, `TODO_JWT_AUDIENCE`, `TODO_JWT_LEEWAY_SECS` and
/// `TODO_JWKS_REFRESH_SECS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtConfig {
    /// The JWKS endpoint, e.g. `http://localhost:3000/api/auth/jwks`.
    pub jwks_url: String,
    /// Compared with `iss` as an exact string (Better Auth uses the app's origin).
    pub issuer: String,
    /// Must equal `aud`, or be one of its entries when `aud` is an array.
    pub audience: String,
    /// Clock skew tolerated on `exp`, `nbf` and `iat`.
    pub leeway: Duration,
    /// Longest time between two background JWKS loads.
    pub refresh_interval: Duration,
}

impl JwtConfig {
    /// `TODO_JWT_LEEWAY_SECS` when unset.
    pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);
    /// `TODO_JWKS_REFRESH_SECS` when unset.
    pub const DEFAULT_REFRESH_INTERVAL: Duration = Duration::from_secs(300);
}
