//! Real signing keys from the PEM fixtures, their public JWKs, and tokens.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::now;

/// One of the committed test key pairs, with the `kid` and `alg` it is published under.
#[derive(Clone)]
pub struct TestKey {
    kid: String,
    alg: Algorithm,
    encoding: EncodingKey,
    public_pem: &'static str,
}

impl std::fmt::Debug for TestKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

const ED25519_A: &str = include_str!("../../tests/keys/ed25519-a.pem");
const ED25519_A_PUB: &str = include_str!("../../tests/keys/ed25519-a.pub.pem");
const ED25519_B: &str = include_str!("../../tests/keys/ed25519-b.pem");
const ED25519_B_PUB: &str = include_str!("../../tests/keys/ed25519-b.pub.pem");
const P256: &str = include_str!("../../tests/keys/p256.pem");
const P256_PUB: &str = include_str!("../../tests/keys/p256.pub.pem");
const RSA: &str = include_str!("../../tests/keys/rsa-2048.pem");
const RSA_PUB: &str = include_str!("../../tests/keys/rsa-2048.pub.pem");
const P521_JWK: &str = include_str!("../../tests/keys/p521.jwk.json");
const ES512_TOKEN: &str = include_str!("../../tests/keys/p521-es512.jwt");

impl TestKey {
    /// Ed25519 (`EdDSA`, Better Auth's default), kid `TestEd25519KeyAlpha0000000000001`.
    pub fn ed25519() -> Self {
        Self::load(
            "TestEd25519KeyAlpha0000000000001",
            Algorithm::EdDSA,
            ED25519_A,
            ED25519_A_PUB,
        )
    }

    /// A second Ed25519 key, for rotation and wrong-key cases.
    pub fn ed25519_second() -> Self {
        Self::load(
            "TestEd25519KeyBravo0000000000002",
            Algorithm::EdDSA,
            ED25519_B,
            ED25519_B_PUB,
        )
    }

    /// P-256 (`ES256`).
    pub fn p256() -> Self {
        Self::load(
            "TestP256KeyCharlie00000000000003",
            Algorithm::ES256,
            P256,
            P256_PUB,
        )
    }

    /// RSA-2048 published for `RS256`.
    pub fn rsa() -> Self {
        Self::load(
            "TestRsaKeyDeltaRS256000000000004",
            Algorithm::RS256,
            RSA,
            RSA_PUB,
        )
    }

    /// The same RSA-2048 key published for `PS256`, under a kid of its own.
    pub fn rsa_pss() -> Self {
        Self::rsa()
            .with_alg(Algorithm::PS256)
            .with_kid("TestRsaKeyEchoPS2560000000000005")
    }

    pub fn with_kid(mut self, kid: &str) -> Self {
        kid.clone_into(&mut self.kid);
        self
    }

    /// Changes the `alg` the key signs [`TestKey::token`]s with and is published under.
    /// An `alg` outside the key's family makes [`TestKey::token`] panic, but still gives
    /// a JWK (useful for a JWKS that contradicts itself).
    pub fn with_alg(mut self, alg: Algorithm) -> Self {
        self.alg = alg;
        self
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The public key as PEM (SubjectPublicKeyInfo), e.g. to try it as an HMAC secret.
    pub fn public_pem(&self) -> &'static str {
        self.public_pem
    }

    /// The public JWK as Better Auth publishes it: `kty`, key members, `alg`, `kid`,
    /// no `use`.
    ///
    /// # Panics
    /// Never for the fixture keys.
    pub fn jwk(&self) -> Value {
        let mut jwk = Jwk::from_encoding_key(&self.encoding, self.alg)
            .expect("the fixture key yields a public JWK");
        jwk.common.key_id = Some(self.kid.clone());
        serde_json::to_value(jwk).expect("a JWK serializes")
    }

    /// Signs `claims` under any header (real signature, with this key).
    ///
    /// # Panics
    /// When `header.alg` is not of this key's family.
    pub fn sign(&self, header: Header, claims: &Value) -> String {
        jsonwebtoken::encode(&header, claims, &self.encoding)
            .expect("header alg must fit the test key")
    }

    /// Signs `claims` under Better Auth's header: `{"alg": <alg>, "kid": <kid>}`.
    pub fn token(&self, claims: &Value) -> String {
        self.sign(self.header(), claims)
    }

    /// Better Auth's header for this key, to alter before [`TestKey::sign`].
    pub fn header(&self) -> Header {
        let mut header = Header::new(self.alg);
        header.typ = None;
        header.kid = Some(self.kid.clone());
        header
    }

    fn load(kid: &str, alg: Algorithm, private_pem: &str, public_pem: &'static str) -> Self {
        let pem = private_pem.as_bytes();
        let encoding = match alg {
            Algorithm::EdDSA => EncodingKey::from_ed_pem(pem),
            Algorithm::ES256 => EncodingKey::from_ec_pem(pem),
            _ => EncodingKey::from_rsa_pem(pem),
        }
        .expect("the committed test key parses");
        Self {
            kid: kid.to_owned(),
            alg,
            encoding,
            public_pem,
        }
    }
}

/// Valid claims shaped like Better Auth's (the whole user row, plus `iat`, `exp` =
/// `iat` + 900, `iss`, `aud`, `sub`); `email` is `<sub>@example.com`, `name` "Test <sub>".
pub fn claims(sub: &str, issuer: &str, audience: &str) -> Value {
    let iat = now();
    json!({
        "iat": iat,
        "name": format!("Test {sub}"),
        "email": format!("{sub}@example.com"),
        "emailVerified": false,
        "image": null,
        "createdAt": "2026-11-22T02:33:36.914Z",
        "updatedAt": "2026-11-22T02:33:36.914Z",
        "id": sub,
        "sub": sub,
        "exp": iat + 900,
        "iss": issuer,
        "aud": audience,
    })
}

/// Unpadded base64url, to craft tokens by hand.
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `<header>.<claims>.` with an empty signature, e.g. an `alg: none` token.
pub fn unsigned_token(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}.",
        base64url(header.to_string().as_bytes()),
        base64url(claims.to_string().as_bytes())
    )
}

/// The public JWK of the committed P-521 key, published for `ES512` (outside the
/// contract): kid `TestP521KeyForUnsupportedES512xx`.
///
/// # Panics
/// Never: the fixture is valid JSON.
pub fn p521_jwk() -> Value {
    serde_json::from_str(P521_JWK).expect("the P-521 JWK fixture is JSON")
}

/// An ES512 token really signed by the P-521 key (`jsonwebtoken` cannot sign ES512, so
/// it was made once by `generate.sh`): `sub` "es512-user", [`super::ISSUER`] and
/// [`super::AUDIENCE`], `exp` in 2100.
pub fn es512_token_from_p521_key() -> &'static str {
    ES512_TOKEN.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64url(plain.as_bytes()), encoded);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn every_fixture_key_publishes_a_jwk_like_better_auth() {
        for key in [
            TestKey::ed25519(),
            TestKey::ed25519_second(),
            TestKey::p256(),
            TestKey::rsa(),
            TestKey::rsa_pss(),
        ] {
            let jwk = key.jwk();
            assert_eq!(jwk["kid"], key.kid(), "{key:?}");
            assert!(jwk.get("use").is_none(), "{key:?}");
            assert!(jwk["alg"].is_string(), "{key:?}");
        }
        assert_eq!(TestKey::ed25519().jwk()["kty"], "OKP");
        assert_eq!(TestKey::ed25519().jwk()["crv"], "Ed25519");
        assert_eq!(TestKey::p256().jwk()["crv"], "P-256");
        assert_eq!(TestKey::rsa_pss().jwk()["alg"], "PS256");
    }
}
