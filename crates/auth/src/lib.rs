//! Verifies the JWTs that Better Auth's `jwt` plugin issues and turns them into the
//! domain's [`todo_domain::Caller`].
//!
//! This crate owns *who the caller is*: the issuer's JWKS (fetched, cached, refreshed in
//! the background, refetched once when a token names an unknown `kid`) and every check a
//! token must pass (see `Verifier::verify`). Nothing else in the workspace may build a
//! `Caller` from a request.
//!
//! It must never:
//! - trust a key that a token brings along: the header's `jwk`, `jku`, `x5u` and `x5c`
//!   are ignored; keys come only from the configured JWKS URL;
//! - accept `none` or any HMAC (`HS*`) algorithm, or an algorithm that does not fit the
//!   selected key;
//! - log a token, or answer "accepted" when the keys cannot be had (that is
//!   [`AuthError::KeysUnavailable`], a 503 for the http layer).

mod bearer;
mod cache;
mod claims;
mod config;
mod error;
mod jwks;
mod keys;
mod verify;

#[cfg(feature = "test-support")]
pub mod testing;

pub use bearer::bearer_token;
pub use config::JwtConfig;
pub use error::{AuthError, AuthSetupError};
pub use verify::{MAX_TOKEN_BYTES, Verifier};
