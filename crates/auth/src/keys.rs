//! The issuer's keys as this crate holds them. Each JWK of a JWKS is parsed on its own
//! and kept only when it is a usable public key of a family we verify, so one odd key
//! cannot make the whole set unusable.

use std::collections::HashMap;
use std::sync::Arc;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind};
use serde::Deserialize;

/// The only algorithms a token may use. `none` cannot even be parsed by `jsonwebtoken`;
/// HS* (a shared secret Better Auth never uses) and the rest are refused here.
pub(crate) const ALLOWED_ALGORITHMS: [Algorithm; 4] = [
    Algorithm::EdDSA,
    Algorithm::ES256,
    Algorithm::RS256,
    Algorithm::PS256,
];

const MIN_RSA_BITS: usize = 2048;

/// The kind of public key, which decides the algorithms it can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyFamily {
    Ed25519,
    P256,
    Rsa,
}

impl KeyFamily {
    fn fits(self, alg: Algorithm) -> bool {
        matches!(
            (self, alg),
            (Self::Ed25519, Algorithm::EdDSA)
                | (Self::P256, Algorithm::ES256)
                | (Self::Rsa, Algorithm::RS256 | Algorithm::PS256)
        )
    }

    /// Any algorithm of the family, to try the key out once when it is loaded.
    fn probe_algorithm(self) -> Algorithm {
        match self {
            Self::Ed25519 => Algorithm::EdDSA,
            Self::P256 => Algorithm::ES256,
            Self::Rsa => Algorithm::RS256,
        }
    }
}

/// One usable key of the JWKS.
#[derive(Debug)]
pub(crate) struct VerificationKey {
    decoding: DecodingKey,
    family: KeyFamily,
    /// The JWK's own `alg` member, when it has one.
    alg: Option<Algorithm>,
}

impl VerificationKey {
    pub(crate) fn decoding(&self) -> &DecodingKey {
        &self.decoding
    }

    /// The header's `alg` must suit the key's type and, when the JWK names an `alg`,
    /// be exactly that one (an RSA key published for PS256 does not verify RS256).
    pub(crate) fn accepts(&self, alg: Algorithm) -> bool {
        self.family.fits(alg) && self.alg.is_none_or(|own| own == alg)
    }
}

/// What looking a token's `kid` up in the set gives.
pub(crate) enum Lookup {
    Found(Arc<VerificationKey>),
    NotFound,
    /// The token has no `kid` and the set holds more than one key.
    Ambiguous,
}

/// Every usable key of one JWKS document, by `kid`.
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    by_kid: HashMap<String, Arc<VerificationKey>>,
    /// Keys the JWKS lists without a `kid`: only a token without `kid` can use one, and
    /// only when it is the sole key.
    unnamed: Vec<Arc<VerificationKey>>,
}

/// The JWKS response is not a JWKS document at all.
#[derive(Debug, thiserror::Error)]
#[error("JWKS body is not a JSON object with a \"keys\" array")]
pub(crate) struct MalformedJwks(#[source] serde_json::Error);

#[derive(Deserialize)]
struct JwksDocument {
    keys: Vec<serde_json::Value>,
}

impl KeySet {
    /// Parses a JWKS document, skipping (with a warning) each key that cannot be used.
    ///
    /// # Errors
    /// When the body is not `{"keys": [...]}`.
    pub(crate) fn from_jwks(body: &[u8]) -> Result<Self, MalformedJwks> {
        let document: JwksDocument = serde_json::from_slice(body).map_err(MalformedJwks)?;
        let mut set = Self::default();
        for (index, value) in document.keys.into_iter().enumerate() {
            let kid = value
                .get("kid")
                .and_then(|kid| kid.as_str())
                .map(str::to_owned);
            let key = match parse_key(value) {
                Ok(key) => Arc::new(key),
                Err(reason) => {
                    log::warn!("JWKS key #{index} (kid {kid:?}) skipped: {reason}");
                    continue;
                }
            };
            match kid {
                None => set.unnamed.push(key),
                Some(kid) if set.by_kid.contains_key(&kid) => {
                    log::warn!("JWKS key #{index} skipped: kid {kid:?} is listed twice");
                }
                Some(kid) => {
                    set.by_kid.insert(kid, key);
                }
            }
        }
        if set.len() == 0 {
            log::warn!("the JWKS lists no usable key: every token will be refused");
        }
        Ok(set)
    }

    pub(crate) fn len(&self) -> usize {
        self.by_kid.len() + self.unnamed.len()
    }

    pub(crate) fn lookup(&self, kid: Option<&str>) -> Lookup {
        let found = match kid {
            Some(kid) => self.by_kid.get(kid),
            None if self.len() > 1 => return Lookup::Ambiguous,
            None => self.by_kid.values().chain(&self.unnamed).next(),
        };
        found.map_or(Lookup::NotFound, |key| Lookup::Found(Arc::clone(key)))
    }
}

fn parse_key(value: serde_json::Value) -> Result<VerificationKey, &'static str> {
    let jwk: Jwk = serde_json::from_value(value).map_err(|_| "malformed JWK")?;
    if jwk
        .common
        .public_key_use
        .as_ref()
        .is_some_and(|key_use| *key_use != PublicKeyUse::Signature)
    {
        return Err("not a signature key (\"use\")");
    }
    let family = match &jwk.algorithm {
        AlgorithmParameters::OctetKeyPair(okp) if okp.curve == EllipticCurve::Ed25519 => {
            KeyFamily::Ed25519
        }
        // 43 base64url characters are exactly 32 bytes: checked per coordinate, since
        // `jsonwebtoken` only concatenates them.
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
            if ec.x.len() != 43 || ec.y.len() != 43 {
                return Err("P-256 coordinates are not 32 bytes");
            }
            KeyFamily::P256
        }
        AlgorithmParameters::RSA(_) => KeyFamily::Rsa,
        _ => return Err("unsupported key type or curve"),
    };
    let alg = match jwk.common.key_algorithm {
        None => None,
        Some(named) => match Algorithm::try_from(named) {
            Ok(alg) if ALLOWED_ALGORITHMS.contains(&alg) && family.fits(alg) => Some(alg),
            _ => return Err("unsupported \"alg\" for this key"),
        },
    };
    let decoding = DecodingKey::from_jwk(&jwk).map_err(|_| "malformed key material")?;
    check_material(family, &decoding)?;
    Ok(VerificationKey {
        decoding,
        family,
        alg,
    })
}

fn check_material(family: KeyFamily, key: &DecodingKey) -> Result<(), &'static str> {
    match (family, key.kind()) {
        // jsonwebtoken's Ed25519 verifier slices the first 32 bytes and would panic on
        // fewer, so the length must be settled here.
        (KeyFamily::Ed25519, DecodingKeyKind::SecretOrDer(bytes)) if bytes.len() != 32 => {
            return Err("Ed25519 key is not 32 bytes");
        }
        (KeyFamily::Rsa, DecodingKeyKind::RsaModulusExponent { n, .. })
            if modulus_bits(n) < MIN_RSA_BITS =>
        {
            return Err("RSA modulus shorter than 2048 bits");
        }
        _ => {}
    }
    // An empty signature never verifies; an error here means the key itself (a point
    // off the curve, a bad exponent) cannot be used.
    jsonwebtoken::crypto::verify("", b"", key, family.probe_algorithm())
        .map(|_| ())
        .map_err(|_| "key material rejected by the crypto backend")
}

fn modulus_bits(n: &[u8]) -> usize {
    match n.iter().position(|byte| *byte != 0) {
        None => 0,
        Some(first) => (n.len() - first) * 8 - n[first].leading_zeros() as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Better Auth's sample key (docs/better-auth.md §1).
    const ED25519_X: &str = "6tB96BtfuXuCpncKGP3Y177mO3kEWM49TBCgppchHqE";

    fn ed25519_jwk(kid: &str) -> serde_json::Value {
        json!({"alg": "EdDSA", "crv": "Ed25519", "x": ED25519_X, "kty": "OKP", "kid": kid})
    }

    fn set_of(keys: Vec<serde_json::Value>) -> KeySet {
        let body = json!({ "keys": keys }).to_string();
        KeySet::from_jwks(body.as_bytes()).expect("well-formed JWKS")
    }

    #[test]
    fn better_auths_jwk_is_usable_for_eddsa_only() {
        let set = set_of(vec![ed25519_jwk("k1")]);
        let Lookup::Found(key) = set.lookup(Some("k1")) else {
            panic!("key k1 should be found");
        };
        assert!(key.accepts(Algorithm::EdDSA));
        assert!(!key.accepts(Algorithm::ES256));
        assert!(!key.accepts(Algorithm::HS256));
    }

    #[test]
    fn a_jwk_without_alg_is_inferred_from_its_curve() {
        let mut jwk = ed25519_jwk("k1");
        jwk.as_object_mut().expect("object").remove("alg");
        let set = set_of(vec![jwk]);
        let Lookup::Found(key) = set.lookup(Some("k1")) else {
            panic!("key k1 should be found");
        };
        assert!(key.accepts(Algorithm::EdDSA));
    }

    #[test]
    fn unusable_keys_are_skipped_and_the_rest_kept() {
        let set = set_of(vec![
            json!("not an object"),
            json!({"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": "c2hvcnQ", "kid": "short"}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": ED25519_X, "kid": "enc", "use": "enc"}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": ED25519_X, "kid": "es", "alg": "ES256"}),
            json!({"kty": "EC", "crv": "P-256", "kid": "no-coordinates"}),
            json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "tiny-rsa"}),
            ed25519_jwk("good"),
        ]);
        assert_eq!(set.len(), 1);
        assert!(matches!(set.lookup(Some("good")), Lookup::Found(_)));
        assert!(matches!(set.lookup(Some("hmac")), Lookup::NotFound));
    }

    #[test]
    fn a_duplicated_kid_keeps_the_first_key() {
        let set = set_of(vec![ed25519_jwk("same"), ed25519_jwk("same")]);
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn a_token_without_kid_needs_exactly_one_key() {
        assert!(matches!(set_of(vec![]).lookup(None), Lookup::NotFound));
        assert!(matches!(
            set_of(vec![ed25519_jwk("a")]).lookup(None),
            Lookup::Found(_)
        ));
        assert!(matches!(
            set_of(vec![ed25519_jwk("a"), ed25519_jwk("b")]).lookup(None),
            Lookup::Ambiguous
        ));
    }

    #[test]
    fn a_body_that_is_not_a_jwks_is_an_error() {
        for body in ["", "[]", "{}", r#"{"keys": {}}"#, "<html>"] {
            assert!(KeySet::from_jwks(body.as_bytes()).is_err(), "{body:?}");
        }
    }

    #[test]
    fn modulus_bits_ignores_leading_zero_bytes() {
        assert_eq!(modulus_bits(&[0, 0, 0x01]), 1);
        assert_eq!(modulus_bits(&[0x80, 0]), 16);
        assert_eq!(modulus_bits(&[]), 0);
    }
}
