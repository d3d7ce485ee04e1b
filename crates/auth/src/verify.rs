//! The `Verifier`: from a raw bearer token to a verified `Caller`, in the contract's
//! order (size, header, algorithm, key, algorithm-vs-key, signature, claims).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, decode_header};
use todo_domain::Caller;

use crate::cache::VerifiedTokens;
use crate::claims::ClaimRules;
use crate::jwks::{KeyStore, spawn_refresh_loop};
use crate::keys::ALLOWED_ALGORITHMS;
use crate::{AuthError, AuthSetupError, JwtConfig};

/// Tokens longer than this are refused before any parsing (Better Auth's are ~600 bytes).
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// Verifies Better Auth JWTs against the issuer's JWKS. Cheap to clone: clones share
/// one key cache.
#[derive(Clone)]
pub struct Verifier {
    keys: Arc<KeyStore>,
    rules: Arc<ClaimRules>,
    verified: Arc<VerifiedTokens>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("jwks_url", &self.keys.url().as_str())
            .field("ready", &self.is_ready())
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// Checks the configuration and builds the HTTP client. Does not fetch: call
    /// [`Verifier::spawn_refresh`] (or [`Verifier::refresh`]) for that.
    ///
    /// # Errors
    /// When the JWKS URL is not an absolute http(s) URL, the issuer or audience is empty,
    /// the refresh interval is under a second, or the HTTP client cannot be built.
    ///
    /// # Panics
    /// reqwest is built with `rustls-no-provider`: a rustls `CryptoProvider` must be
    /// installed in the process before this is called, or reqwest panics.
    pub fn new(config: JwtConfig) -> Result<Self, AuthSetupError> {
        let url = reqwest::Url::parse(&config.jwks_url)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
            .ok_or_else(|| AuthSetupError::InvalidJwksUrl {
                url: config.jwks_url.clone(),
            })?;
        if config.issuer.is_empty() {
            return Err(AuthSetupError::EmptySetting("issuer"));
        }
        if config.audience.is_empty() {
            return Err(AuthSetupError::EmptySetting("audience"));
        }
        if config.refresh_interval < Duration::from_secs(1) {
            return Err(AuthSetupError::RefreshIntervalTooShort);
        }
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("todo-auth/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(AuthSetupError::HttpClient)?;
        Ok(Self {
            keys: Arc::new(KeyStore::new(client, url, config.refresh_interval)),
            rules: Arc::new(ClaimRules::new(
                config.issuer,
                config.audience,
                config.leeway.as_secs(),
            )),
            verified: Arc::new(VerifiedTokens::new(config.leeway)),
        })
    }

    /// Verifies a raw token (what follows `Bearer `) and says who the caller is.
    ///
    /// # Errors
    /// [`AuthError::Invalid`] for any failed check; [`AuthError::KeysUnavailable`] when
    /// the key this token needs cannot be had because the JWKS cannot be loaded.
    pub async fn verify(&self, token: &str) -> Result<Caller, AuthError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(AuthError::Invalid("token too large"));
        }
        // A token seen before answers as it did, while it would still pass (see
        // `cache`): no header parsing, no key lookup, no signature check.
        if let Some(caller) = self
            .verified
            .get(token, &self.keys.current(), SystemTime::now())
        {
            return Ok(caller);
        }
        let header = decode_header(token).map_err(|_| AuthError::Invalid(header_error(token)))?;
        if !ALLOWED_ALGORITHMS.contains(&header.alg) {
            return Err(AuthError::Invalid("unsupported algorithm"));
        }
        if header.crit.is_some() {
            return Err(AuthError::Invalid("unsupported critical header"));
        }
        // The header's `jwk`, `jku`, `x5u` and `x5c` are deliberately never read: a key
        // the token brings along proves nothing.
        let key = self.keys.key_for(header.kid.as_deref()).await?;
        if !key.accepts(header.alg) {
            return Err(AuthError::Invalid("algorithm does not match key"));
        }
        let caller = self.rules.caller_from(token, &key, header.alg)?;
        self.verified
            .insert(token, header.kid.as_deref(), key, &caller);
        Ok(caller)
    }

    /// True once a JWKS load has ever succeeded (for `/readyz`).
    pub fn is_ready(&self) -> bool {
        self.keys.is_loaded()
    }

    /// Fetches the JWKS now and replaces the keys with exactly what it lists.
    ///
    /// # Errors
    /// [`AuthError::KeysUnavailable`] when the issuer is unreachable, answers non-2xx or
    /// something that is not a JWKS; the keys held before are kept.
    pub async fn refresh(&self) -> Result<(), AuthError> {
        self.keys.refresh().await.map(|_| ())
    }

    /// Spawns (`tokio::spawn`) the background loop: load now, then every refresh
    /// interval, or the response's `Cache-Control: max-age` when shorter; every 2 s
    /// while no load has succeeded yet. The loop ends by itself once every clone of
    /// this verifier is dropped (or when the handle is aborted).
    ///
    /// # Panics
    /// Outside a tokio runtime (an actix-rt `System` is one).
    pub fn spawn_refresh(&self) -> tokio::task::JoinHandle<()> {
        spawn_refresh_loop(Arc::downgrade(&self.keys))
    }
}

/// Why `jsonwebtoken` could not read the header: an algorithm it does not know (`none`,
/// `ES512`, ...) reads better than "malformed".
fn header_error(token: &str) -> &'static str {
    let alg = token
        .split('.')
        .next()
        .and_then(|encoded| URL_SAFE_NO_PAD.decode(encoded).ok())
        .and_then(|json| serde_json::from_slice::<serde_json::Value>(&json).ok())
        .and_then(|header| {
            header
                .get("alg")
                .and_then(|alg| alg.as_str())
                .map(str::to_owned)
        });
    match alg {
        Some(alg) => match alg.parse::<Algorithm>() {
            Ok(known) if ALLOWED_ALGORITHMS.contains(&known) => "malformed token",
            _ => "unsupported algorithm",
        },
        None => "malformed token",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_futures_can_move_between_threads() {
        fn assert_send<T: Send>(_: &T) {}
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<Verifier>();
        let config = JwtConfig {
            jwks_url: "http://127.0.0.1:9/jwks".into(),
            issuer: "i".into(),
            audience: "a".into(),
            leeway: JwtConfig::DEFAULT_LEEWAY,
            refresh_interval: JwtConfig::DEFAULT_REFRESH_INTERVAL,
        };
        let _ = rustls::crypto::ring::default_provider().install_default();
        let verifier = Verifier::new(config).expect("valid config");
        assert_send(&verifier.verify("a.b.c"));
        assert_send(&verifier.refresh());
    }

    #[test]
    fn header_error_names_unknown_algorithms() {
        assert_eq!(
            header_error("eyJhbGciOiJub25lIn0.e30."),
            "unsupported algorithm"
        );
        assert_eq!(header_error("garbage"), "malformed token");
        assert_eq!(header_error("e30.e30.sig"), "malformed token");
        // A known algorithm in a token of the wrong shape is not an algorithm problem.
        assert_eq!(header_error("eyJhbGciOiJFZERTQSJ9.e30"), "malformed token");
    }
}
