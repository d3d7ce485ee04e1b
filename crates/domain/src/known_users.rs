//! Remembers which users already have an up-to-date row, so that steady-state
//! requests do not pay a write to provision their user.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::{UserId, UserProfile};

/// Above this many entries the memory is forgotten at once: the cost is one
/// idempotent upsert per active user, and memory stays bounded.
const CAPACITY: usize = 100_000;

#[derive(Debug, Default)]
pub(crate) struct KnownUsers {
    seen: Mutex<HashMap<UserId, UserProfile>>,
}

impl KnownUsers {
    pub(crate) fn is_current(&self, user: &UserId, profile: &UserProfile) -> bool {
        self.lock().get(user) == Some(profile)
    }

    pub(crate) fn remember(&self, user: &UserId, profile: &UserProfile) {
        let mut seen = self.lock();
        if seen.len() >= CAPACITY && !seen.contains_key(user) {
            seen.clear();
        }
        seen.insert(user.clone(), profile.clone());
    }

    pub(crate) fn forget(&self, user: &UserId) {
        self.lock().remove(user);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<UserId, UserProfile>> {
        // A panic while holding the lock cannot leave the map inconsistent.
        self.seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
