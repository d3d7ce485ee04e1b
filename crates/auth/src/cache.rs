//! Tokens that passed every check, remembered until they expire: a client sends the
//! same token hundreds of times in its life, and a full verification (header, key,
//! Ed25519 signature, claims) costs far more than a lookup.
//!
//! An entry only ever answers what a full verification would:
//! - it is keyed by the whole token, so any other byte is a miss;
//! - it holds successes only (a failure is verified again next time);
//! - it lasts until `exp` plus the leeway, the last moment the claims check passes
//!   (`nbf` and `iat` only ever get easier to pass as time goes on);
//! - it is tied to the very key that verified it: once the JWKS no longer holds that
//!   key (a refresh replaced or dropped it), the entry is dropped and the token is
//!   verified again against what the JWKS says now;
//! - the cache holds at most [`CAPACITY`] tokens.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use todo_domain::Caller;

use crate::keys::{KeySet, Lookup, VerificationKey};

/// Tokens held at most: a few MiB for Better Auth's ~600-byte tokens.
pub(crate) const CAPACITY: usize = 4096;

pub(crate) struct VerifiedTokens {
    entries: Mutex<HashMap<Box<str>, Verified>>,
    leeway: Duration,
}

struct Verified {
    caller: Caller,
    kid: Option<Box<str>>,
    key: Arc<VerificationKey>,
    /// `exp` plus the leeway.
    until: SystemTime,
}

impl VerifiedTokens {
    pub(crate) fn new(leeway: Duration) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            leeway,
        }
    }

    /// The caller `token` was verified as, if it still would be: not expired, and
    /// its key still the one `keys` holds under its kid.
    pub(crate) fn get(&self, token: &str, keys: &KeySet, now: SystemTime) -> Option<Caller> {
        let mut entries = self.entries();
        let entry = entries.get(token)?;
        let key_held = match keys.lookup(entry.kid.as_deref()) {
            Lookup::Found(key) => Arc::ptr_eq(&key, &entry.key),
            Lookup::NotFound | Lookup::Ambiguous => false,
        };
        if key_held && now < entry.until {
            return Some(entry.caller.clone());
        }
        entries.remove(token);
        None
    }

    /// Remembers a token that just passed every check with `key`. A caller without
    /// an expiry is not kept (every verified token has one; this is belt and braces).
    pub(crate) fn insert(
        &self,
        token: &str,
        kid: Option<&str>,
        key: Arc<VerificationKey>,
        caller: &Caller,
    ) {
        let Some(until) = caller.expires_at().map(|exp| exp + self.leeway) else {
            return;
        };
        let mut entries = self.entries();
        if entries.len() >= CAPACITY {
            let now = SystemTime::now();
            entries.retain(|_, entry| entry.until > now);
            if entries.len() >= CAPACITY {
                // Still full of live tokens: start over rather than track recency;
                // each costs one full verification again.
                entries.clear();
            }
        }
        entries.insert(
            token.into(),
            Verified {
                caller: caller.clone(),
                kid: kid.map(Into::into),
                key,
                until,
            },
        );
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries().len()
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<Box<str>, Verified>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use todo_domain::{UserId, UserProfile};

    use super::*;

    const JWKS: &str = r#"{"keys":[
        {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
        {"kty":"OKP","crv":"Ed25519","kid":"b","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;

    fn keys() -> KeySet {
        KeySet::from_jwks(JWKS.as_bytes()).expect("a JWKS")
    }

    fn key(set: &KeySet, kid: &str) -> Arc<VerificationKey> {
        match set.lookup(Some(kid)) {
            Lookup::Found(key) => key,
            _ => panic!("no key {kid}"),
        }
    }

    fn caller(exp: SystemTime) -> Caller {
        Caller::from_verified_subject(UserId::parse("alice").expect("id"), UserProfile::default())
            .with_expiry(exp)
    }

    #[test]
    fn a_token_answers_until_exp_plus_leeway_and_then_is_dropped() {
        let cache = VerifiedTokens::new(Duration::from_secs(30));
        let set = keys();
        let exp = SystemTime::now() + Duration::from_secs(60);
        cache.insert("t", Some("a"), key(&set, "a"), &caller(exp));
        assert_eq!(cache.get("t", &set, exp), Some(caller(exp)));
        let last = exp + Duration::from_secs(29);
        assert!(cache.get("t", &set, last).is_some());
        assert!(
            cache
                .get("t", &set, exp + Duration::from_secs(30))
                .is_none()
        );
        assert_eq!(cache.len(), 0, "the expired entry is gone");
    }

    #[test]
    fn only_the_whole_token_matches() {
        let cache = VerifiedTokens::new(Duration::ZERO);
        let set = keys();
        let exp = SystemTime::now() + Duration::from_secs(60);
        cache.insert("abc.def.ghi", Some("a"), key(&set, "a"), &caller(exp));
        let now = SystemTime::now();
        for other in ["abc.def.gh", "abc.def.ghi ", "abc.def.ghj", ""] {
            assert!(cache.get(other, &set, now).is_none(), "{other:?}");
        }
    }

    #[test]
    fn an_entry_goes_when_the_jwks_no_longer_holds_its_key() {
        let cache = VerifiedTokens::new(Duration::ZERO);
        let before = keys();
        let exp = SystemTime::now() + Duration::from_secs(60);
        cache.insert("t", Some("a"), key(&before, "a"), &caller(exp));
        let now = SystemTime::now();
        // Another key under the token's kid...
        assert!(cache.get("t", &keys(), now).is_none());
        // ...or no such kid at all: the token is verified again either way.
        cache.insert("t", Some("a"), key(&before, "a"), &caller(exp));
        let without_a = KeySet::from_jwks(
            br#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"b","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#,
        )
        .expect("a JWKS");
        assert!(cache.get("t", &without_a, now).is_none());
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn the_cache_never_holds_more_than_its_capacity() {
        let cache = VerifiedTokens::new(Duration::ZERO);
        let set = keys();
        let exp = SystemTime::now() + Duration::from_secs(60);
        for n in 0..CAPACITY + 10 {
            cache.insert(&format!("t{n}"), Some("a"), key(&set, "a"), &caller(exp));
            assert!(cache.len() <= CAPACITY);
        }
        let last = format!("t{}", CAPACITY + 9);
        assert!(cache.get(&last, &set, SystemTime::now()).is_some());
    }
}
