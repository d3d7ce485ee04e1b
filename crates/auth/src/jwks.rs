//! The issuer's JWKS kept in memory: fetched from the configured URL only, refreshed in
//! the background, and refetched (rate limited, coalesced) when a token names a key we
//! do not hold yet.

use std::error::Error as StdError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock, Weak};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CACHE_CONTROL};
use tokio::sync::Mutex;

use crate::AuthError;
use crate::keys::{KeySet, Lookup, MalformedJwks, VerificationKey};

/// Unknown-kid refetches happen at most this often, however many requests ask.
const UNKNOWN_KID_REFETCH_INTERVAL: Duration = Duration::from_secs(10);
/// How soon the background loop retries while no JWKS has ever been loaded.
const RETRY_BEFORE_FIRST_LOAD: Duration = Duration::from_secs(2);
/// Floor for `Cache-Control: max-age`, so `max-age=0` cannot make the loop spin.
const MIN_REFRESH_DELAY: Duration = Duration::from_secs(1);
/// A JWKS of a few keys is a few KiB; a body this large is not one.
const MAX_JWKS_BYTES: usize = 512 * 1024;

/// The keys held now, and the machinery to replace them.
pub(crate) struct KeyStore {
    client: reqwest::Client,
    url: reqwest::Url,
    refresh_interval: Duration,
    /// Read on every request; a std lock held only to clone the `Arc`, so verification
    /// never waits on a fetch when the kid is known.
    keys: RwLock<Arc<KeySet>>,
    loaded: AtomicBool,
    /// Held across a fetch: concurrent refetches queue behind one and then find its
    /// result, instead of each hitting the issuer.
    fetching: Mutex<FetchState>,
}

#[derive(Default)]
struct FetchState {
    last_unknown_kid_fetch: Option<Instant>,
    last_fetch_failed: bool,
}

#[derive(Debug, thiserror::Error)]
enum FetchError {
    #[error("request failed")]
    Request(#[source] reqwest::Error),
    #[error("answered HTTP {0}")]
    Status(reqwest::StatusCode),
    #[error("body larger than {MAX_JWKS_BYTES} bytes")]
    TooLarge,
    #[error(transparent)]
    Malformed(#[from] MalformedJwks),
}

impl KeyStore {
    pub(crate) fn new(
        client: reqwest::Client,
        url: reqwest::Url,
        refresh_interval: Duration,
    ) -> Self {
        Self {
            client,
            url,
            refresh_interval,
            keys: RwLock::new(Arc::default()),
            loaded: AtomicBool::new(false),
            fetching: Mutex::new(FetchState::default()),
        }
    }

    pub(crate) fn url(&self) -> &reqwest::Url {
        &self.url
    }

    /// True once a JWKS load has ever succeeded.
    pub(crate) fn is_loaded(&self) -> bool {
        self.loaded.load(Ordering::Acquire)
    }

    /// The keys held now.
    pub(crate) fn current(&self) -> Arc<KeySet> {
        Arc::clone(&self.keys.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Fetches the JWKS now, whatever the unknown-kid rate limit says, and returns the
    /// response's `max-age` if it had one. On failure the keys held are kept.
    pub(crate) async fn refresh(&self) -> Result<Option<Duration>, AuthError> {
        let mut state = self.fetching.lock().await;
        self.fetch_and_store(&mut state).await
    }

    /// The key a token's `kid` (or its absence) selects. An unknown kid triggers one
    /// refetch, at most once per [`UNKNOWN_KID_REFETCH_INTERVAL`] across all requests.
    ///
    /// # Errors
    /// `Invalid` when the kid is still unknown after a successful fetch (or the rate
    /// limit forbids fetching and the last fetch succeeded); `KeysUnavailable` when the
    /// fetch failed or no JWKS was ever loaded.
    pub(crate) async fn key_for(
        &self,
        kid: Option<&str>,
    ) -> Result<Arc<VerificationKey>, AuthError> {
        let seen = self.current();
        if let Some(found) = settled(&seen, kid)? {
            return Ok(found);
        }

        let mut state = self.fetching.lock().await;
        let now = self.current();
        if !Arc::ptr_eq(&seen, &now) {
            // Someone else fetched while we waited: their result may hold our key.
            if let Some(found) = settled(&now, kid)? {
                return Ok(found);
            }
        }
        let may_fetch = state
            .last_unknown_kid_fetch
            .is_none_or(|at| at.elapsed() >= UNKNOWN_KID_REFETCH_INTERVAL);
        if !may_fetch {
            return Err(if state.last_fetch_failed || !self.is_loaded() {
                AuthError::KeysUnavailable
            } else {
                AuthError::Invalid("unknown signing key")
            });
        }

        state.last_unknown_kid_fetch = Some(Instant::now());
        self.fetch_and_store(&mut state).await?;
        settled(&self.current(), kid)?.ok_or(AuthError::Invalid("unknown signing key"))
    }

    async fn fetch_and_store(&self, state: &mut FetchState) -> Result<Option<Duration>, AuthError> {
        let outcome = self.fetch().await;
        state.last_fetch_failed = outcome.is_err();
        match outcome {
            Ok((keys, max_age)) => {
                log::debug!(
                    "JWKS loaded from {}: {} usable key(s)",
                    self.url,
                    keys.len()
                );
                *self.keys.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(keys);
                self.loaded.store(true, Ordering::Release);
                Ok(max_age)
            }
            Err(error) => {
                log::warn!(
                    "JWKS fetch from {} failed ({}); keeping the {} key(s) held",
                    self.url,
                    chain(&error),
                    self.current().len()
                );
                Err(AuthError::KeysUnavailable)
            }
        }
    }

    async fn fetch(&self) -> Result<(KeySet, Option<Duration>), FetchError> {
        let response = self
            .client
            .get(self.url.clone())
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(FetchError::Request)?;
        if !response.status().is_success() {
            return Err(FetchError::Status(response.status()));
        }
        let max_age = response
            .headers()
            .get(CACHE_CONTROL)
            .and_then(|value| value.to_str().ok())
            .and_then(max_age);
        let body = read_capped(response).await?;
        Ok((KeySet::from_jwks(&body)?, max_age))
    }
}

/// `Ok(Some)` when the set answers for this kid, `Ok(None)` when only a fetch could.
fn settled(keys: &KeySet, kid: Option<&str>) -> Result<Option<Arc<VerificationKey>>, AuthError> {
    match keys.lookup(kid) {
        Lookup::Found(key) => Ok(Some(key)),
        Lookup::NotFound => Ok(None),
        Lookup::Ambiguous => Err(AuthError::Invalid("token has no key id")),
    }
}

async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
    if response
        .content_length()
        .is_some_and(|length| length > MAX_JWKS_BYTES as u64)
    {
        return Err(FetchError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(FetchError::Request)? {
        if body.len() + chunk.len() > MAX_JWKS_BYTES {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The `max-age` directive of a `Cache-Control` value, if any.
fn max_age(cache_control: &str) -> Option<Duration> {
    cache_control.split(',').find_map(|directive| {
        let (name, value) = directive.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("max-age") {
            return None;
        }
        let seconds = value.trim().trim_matches('"');
        if seconds.is_empty() || !seconds.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Absurdly large values just mean "no sooner than the interval".
        Some(Duration::from_secs(seconds.parse().unwrap_or(u64::MAX)))
    })
}

/// How long to wait after a successful load.
fn delay_after_load(interval: Duration, max_age: Option<Duration>) -> Duration {
    max_age
        .map_or(interval, |max_age| max_age.min(interval))
        .max(MIN_REFRESH_DELAY)
}

/// Loads now, then keeps loading: every refresh interval (or sooner when the response's
/// `max-age` says so), every couple of seconds while nothing was ever loaded. Stops
/// when the last handle to the store is gone.
pub(crate) fn spawn_refresh_loop(store: Weak<KeyStore>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let Some(store) = store.upgrade() else {
                log::debug!("JWKS refresh loop stops: the verifier is gone");
                return;
            };
            let interval = store.refresh_interval;
            let delay = match store.refresh().await {
                Ok(max_age) => delay_after_load(interval, max_age),
                Err(_) if !store.is_loaded() => RETRY_BEFORE_FIRST_LOAD.min(interval),
                Err(_) => interval,
            };
            drop(store);
            tokio::time::sleep(delay).await;
        }
    })
}

/// An error and its causes on one line, e.g. "request failed: ...: connection refused".
fn chain(error: &dyn StdError) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(max_age("max-age=60"), Some(Duration::from_secs(60)));
        assert_eq!(max_age("public, Max-Age = 5"), Some(Duration::from_secs(5)));
        assert_eq!(
            max_age("max-age=\"7\", must-revalidate"),
            Some(Duration::from_secs(7))
        );
        assert_eq!(max_age("s-maxage=5"), None);
        assert_eq!(max_age("no-cache"), None);
        assert_eq!(max_age("max-age=-1"), None);
        assert_eq!(max_age("max-age="), None);
        assert_eq!(
            max_age("max-age=99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn max_age_shortens_but_never_lengthens_the_interval() {
        let interval = Duration::from_secs(300);
        assert_eq!(delay_after_load(interval, None), interval);
        assert_eq!(
            delay_after_load(interval, Some(Duration::from_secs(60))),
            Duration::from_secs(60)
        );
        assert_eq!(
            delay_after_load(interval, Some(Duration::from_secs(3600))),
            interval
        );
        assert_eq!(
            delay_after_load(interval, Some(Duration::ZERO)),
            MIN_REFRESH_DELAY
        );
    }
}
