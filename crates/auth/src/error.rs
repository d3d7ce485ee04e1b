//! Why a request has no verified caller, and why a verifier could not be built.

/// Why a request has no verified caller. Only `todo-http` decides what each becomes
/// on the wire (401 for `Missing`/`Invalid`, 503 with `Retry-After` for
/// `KeysUnavailable`).
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No `Authorization` header.
    #[error("no bearer token")]
    Missing,
    /// The token (or the header carrying it) fails a check. The reason is short and safe
    /// to show to the client; it never repeats the token.
    #[error("invalid token: {0}")]
    Invalid(&'static str),
    /// No key for this token can be had because the issuer's JWKS is unreachable (or
    /// answers garbage). Never turned into an acceptance.
    #[error("signing keys unavailable: the token issuer's JWKS cannot be loaded")]
    KeysUnavailable,
}

/// Why [`crate::Verifier::new`] refused its configuration.
#[derive(Debug, thiserror::Error)]
pub enum AuthSetupError {
    #[error("JWKS URL {url:?} is not an absolute http(s) URL")]
    InvalidJwksUrl { url: String },
    #[error("JWT {0} must not be empty")]
    EmptySetting(&'static str),
    #[error("JWKS refresh interval must be at least one second")]
    RefreshIntervalTooShort,
    #[error("cannot build the HTTP client that fetches the JWKS")]
    HttpClient(#[source] reqwest::Error),
}
