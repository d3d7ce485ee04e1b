//! The claim checks that follow a valid signature, and the `Caller` they yield.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use serde_json::{Map, Value};
use todo_domain::{Caller, UserId, UserProfile};

use crate::AuthError;
use crate::keys::VerificationKey;

/// What every token must say about its issuer, audience and lifetime.
#[derive(Debug)]
pub(crate) struct ClaimRules {
    issuer: String,
    audience: String,
    leeway_secs: u64,
}

impl ClaimRules {
    pub(crate) fn new(issuer: String, audience: String, leeway_secs: u64) -> Self {
        Self {
            issuer,
            audience,
            leeway_secs,
        }
    }

    /// Checks the signature with `key`, then `exp`, `nbf`, `iat`, `iss`, `aud` and
    /// `sub`, and reads the profile claims.
    pub(crate) fn caller_from(
        &self,
        token: &str,
        key: &VerificationKey,
        alg: Algorithm,
    ) -> Result<Caller, AuthError> {
        let claims = jsonwebtoken::decode::<Map<String, Value>>(
            token,
            key.decoding(),
            &self.validation(alg),
        )
        .map_err(|error| AuthError::Invalid(reason(error.kind())))?
        .claims;
        self.check_iat(&claims)?;
        // jsonwebtoken also accepts an array `iss` holding ours; the contract says equal.
        if claims.get("iss").and_then(Value::as_str) != Some(self.issuer.as_str()) {
            return Err(AuthError::Invalid("invalid issuer"));
        }
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let user_id = UserId::parse(sub).map_err(|_| AuthError::Invalid("invalid subject"))?;
        let text = |name: &str| claims.get(name).and_then(Value::as_str);
        let caller =
            Caller::from_verified_subject(user_id, UserProfile::new(text("email"), text("name")));
        Ok(match expiry(&claims) {
            Some(at) => caller.with_expiry(at),
            None => caller,
        })
    }

    fn validation(&self, alg: Algorithm) -> Validation {
        let mut validation = Validation::new(alg);
        validation.leeway = self.leeway_secs;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation
    }

    /// jsonwebtoken does not look at `iat`; a token "issued" in the future is refused.
    fn check_iat(&self, claims: &Map<String, Value>) -> Result<(), AuthError> {
        let iat = match claims.get("iat") {
            None | Some(Value::Null) => return Ok(()),
            Some(Value::Number(iat)) => iat.as_f64(),
            Some(_) => None,
        }
        .ok_or(AuthError::Invalid("malformed iat claim"))?;
        let latest = jsonwebtoken::get_current_timestamp().saturating_add(self.leeway_secs);
        if iat > latest as f64 {
            return Err(AuthError::Invalid("token issued in the future"));
        }
        Ok(())
    }
}

/// The exact `exp` (the leeway only forgives clock skew when a token is checked: a
/// stream opened with the token ends at `exp` itself). jsonwebtoken has checked it is
/// a number; a fractional one counts from its whole seconds.
fn expiry(claims: &Map<String, Value>) -> Option<SystemTime> {
    let exp = claims.get("exp").and_then(Value::as_f64)?;
    (exp.is_finite() && exp >= 0.0)
        .then(|| UNIX_EPOCH.checked_add(Duration::from_secs_f64(exp.floor().min(1e15))))
        .flatten()
}

fn reason(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidSignature => "invalid signature",
        ErrorKind::ExpiredSignature => "token expired",
        ErrorKind::ImmatureSignature => "token not yet valid",
        ErrorKind::InvalidIssuer => "invalid issuer",
        ErrorKind::InvalidAudience => "invalid audience",
        ErrorKind::InvalidAlgorithm => "algorithm does not match key",
        ErrorKind::MissingRequiredClaim(claim) => match claim.as_str() {
            "exp" => "missing exp claim",
            "iss" => "missing iss claim",
            "aud" => "missing aud claim",
            "sub" => "missing or non-string sub claim",
            _ => "missing required claim",
        },
        // The header was parsed already, so JSON that fails now is the payload's (a
        // claim of the wrong type can fail here rather than as a missing claim).
        ErrorKind::InvalidClaimFormat(_) | ErrorKind::Json(_) => "malformed claims",
        _ => "malformed token",
    }
}
