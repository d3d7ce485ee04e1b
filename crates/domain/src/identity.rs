//! Who is asking, and the scope that ties every task operation to one owner.

use std::time::SystemTime;

use crate::{TaskError, UserId};

/// Longest `email` or `name` claim kept in the user's profile; longer ones are dropped.
const PROFILE_FIELD_MAX_CHARS: usize = 320;

/// The email and display name a token carries about its subject, when it has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserProfile {
    email: Option<String>,
    name: Option<String>,
}

impl UserProfile {
    /// Keeps each claim only when it is something storage can hold: non-blank, no NUL,
    /// at most 320 characters. A bad claim is dropped rather than failing the request.
    pub fn new(email: Option<&str>, name: Option<&str>) -> Self {
        Self {
            email: email.and_then(clean_claim),
            name: name.and_then(clean_claim),
        }
    }

    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

fn clean_claim(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let usable = !trimmed.is_empty()
        && !trimmed.contains('\0')
        && trimmed.chars().count() <= PROFILE_FIELD_MAX_CHARS;
    usable.then(|| trimmed.to_owned())
}

/// A user whose token has been verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    user_id: UserId,
    profile: UserProfile,
    /// When the token stops being valid: a change stream opened with it ends then.
    expires_at: Option<SystemTime>,
}

impl Caller {
    /// Only `todo-auth` (after checking a token's signature and claims) and tests may
    /// call this: a `Caller` is the proof of identity the rest of the system trusts.
    /// `todo-http` is barred from it by `disallowed-methods` in its `clippy.toml`.
    pub fn from_verified_subject(user_id: UserId, profile: UserProfile) -> Self {
        Self {
            user_id,
            profile,
            expires_at: None,
        }
    }

    /// The same caller, whose token expires at `at` (its exact `exp`, without leeway).
    #[must_use]
    pub fn with_expiry(self, at: SystemTime) -> Self {
        Self {
            expires_at: Some(at),
            ..self
        }
    }

    /// When the token this caller proved itself with expires, when it says.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    pub fn user_id(&self) -> &UserId {
        &self.user_id
    }

    pub fn profile(&self) -> &UserProfile {
        &self.profile
    }

    /// The only way to obtain an [`OwnerScope`]: the caller may act only for itself.
    ///
    /// # Errors
    /// [`TaskError::Forbidden`] when `path_user` is not the caller's own id; nothing has
    /// been read or written at that point.
    pub fn scope_to(&self, path_user: &str) -> Result<OwnerScope, TaskError> {
        if path_user != self.user_id.as_str() {
            return Err(TaskError::Forbidden);
        }
        Ok(OwnerScope {
            owner: self.user_id.clone(),
            profile: self.profile.clone(),
        })
    }
}

/// Permission to act on one user's tasks, granted by [`Caller::scope_to`].
///
/// It has no public constructor, so nothing outside this crate can make one up:
///
/// ```compile_fail
/// use todo_domain::{OwnerScope, UserId};
/// let scope = OwnerScope { owner: UserId::parse("alice").unwrap(), profile: Default::default() };
/// ```
#[derive(Debug, Clone)]
pub struct OwnerScope {
    owner: UserId,
    profile: UserProfile,
}

impl OwnerScope {
    /// The user every statement made under this scope must be filtered by.
    pub fn owner(&self) -> &UserId {
        &self.owner
    }

    pub fn profile(&self) -> &UserProfile {
        &self.profile
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(id: &str) -> Caller {
        Caller::from_verified_subject(UserId::parse(id).expect("valid id"), UserProfile::default())
    }

    #[test]
    fn a_caller_can_scope_to_itself() {
        let scope = caller("alice").scope_to("alice").expect("own scope");
        assert_eq!(scope.owner().as_str(), "alice");
    }

    #[test]
    fn a_caller_cannot_scope_to_someone_else() {
        assert!(matches!(
            caller("alice").scope_to("bob"),
            Err(TaskError::Forbidden)
        ));
        assert!(matches!(
            caller("alice").scope_to("Alice"),
            Err(TaskError::Forbidden)
        ));
        assert!(matches!(
            caller("alice").scope_to(""),
            Err(TaskError::Forbidden)
        ));
    }

    #[test]
    fn expiry_is_kept_and_absent_by_default() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(2_000_000_000);
        assert_eq!(caller("alice").expires_at(), None);
        assert_eq!(caller("alice").with_expiry(at).expires_at(), Some(at));
    }

    #[test]
    fn profile_drops_blank_overlong_and_nul_claims() {
        let long = "x".repeat(321);
        let profile = UserProfile::new(Some("  a@example.com "), Some(&long));
        assert_eq!(profile.email(), Some("a@example.com"));
        assert_eq!(profile.name(), None);
        let profile = UserProfile::new(Some("   "), Some("bad\0name"));
        assert_eq!(profile, UserProfile::default());
    }
}
