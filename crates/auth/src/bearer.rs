//! Reading the token out of an `Authorization` header value.

use crate::AuthError;

const MALFORMED: AuthError = AuthError::Invalid("malformed authorization header");

/// Extracts the token from an `Authorization` header value: the scheme `Bearer` (any
/// case) and exactly one token68 after it.
///
/// # Errors
/// [`AuthError::Missing`] when there is no header; [`AuthError::Invalid`] for any other
/// scheme, a missing token, or more than one.
pub fn bearer_token(header: Option<&str>) -> Result<&str, AuthError> {
    let value = header.ok_or(AuthError::Missing)?;
    let mut parts = value.split_ascii_whitespace();
    let (Some(scheme), Some(token), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(MALFORMED);
    };
    if !scheme.eq_ignore_ascii_case("bearer") || !is_token68(token) {
        return Err(MALFORMED);
    }
    Ok(token)
}

/// RFC 9110 §11.2 `token68`: what a bearer token may be made of (a JWT always is).
fn is_token68(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(header: &str) -> bool {
        matches!(bearer_token(Some(header)), Err(AuthError::Invalid(_)))
    }

    #[test]
    fn no_header_is_missing() {
        assert!(matches!(bearer_token(None), Err(AuthError::Missing)));
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        for header in [
            "Bearer abc.def.ghi",
            "bearer abc.def.ghi",
            "BEARER abc.def.ghi",
        ] {
            assert_eq!(
                bearer_token(Some(header)).ok(),
                Some("abc.def.ghi"),
                "{header}"
            );
        }
    }

    #[test]
    fn surrounding_whitespace_is_tolerated() {
        assert_eq!(bearer_token(Some("  Bearer   a.b.c ")).ok(), Some("a.b.c"));
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!(refused("Basic dXNlcjpwYXNz"));
        assert!(refused("Token abc"));
        assert!(refused("Bearerabc"));
    }

    #[test]
    fn scheme_without_token_is_refused() {
        assert!(refused("Bearer"));
        assert!(refused("Bearer "));
        assert!(refused(""));
    }

    #[test]
    fn more_than_one_token_is_refused() {
        assert!(refused("Bearer a b"));
        assert!(refused("Bearer a.b.c extra"));
    }

    #[test]
    fn characters_outside_token68_are_refused() {
        assert!(refused("Bearer a,b"));
        assert!(refused("Bearer \"a.b.c\""));
        assert!(refused("Bearer ==="));
    }
}
