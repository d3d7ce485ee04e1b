#!/bin/sh
# Regenerates the test key pairs used by `todo_auth::testing` and the integration tests.
# They are throwaway keys for tests only: never use them anywhere else.
#
# Needs openssl (3.x) and python3 (standard library only). Run from this directory:
#   sh generate.sh
set -eu
cd "$(dirname "$0")"

# Two Ed25519 keys (Better Auth's default algorithm), so rotation can be tested.
openssl genpkey -algorithm ed25519 -out ed25519-a.pem
openssl genpkey -algorithm ed25519 -out ed25519-b.pem
# ES256.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256.pem
# RS256 / PS256.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-2048.pem
# ES512: offered by Better Auth but outside our contract, so its tokens must be refused.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out p521.pem

# Public halves in PEM: the classic "HS256 keyed with the public key" attack uses these bytes.
for key in ed25519-a ed25519-b p256 rsa-2048 p521; do
  openssl pkey -in "$key.pem" -pubout -out "$key.pub.pem"
done

# jsonwebtoken cannot sign ES512, so the P-521 JWK and one ES512 token (exp in 2100,
# iss/aud http://localhost:3000) are made here once, with a real signature.
openssl pkey -in p521.pem -pubout -outform DER -out p521.pub.der
printf '%s' '{"alg":"ES512","kid":"TestP521KeyForUnsupportedES512xx"}' > es512.header.json
printf '%s' '{"sub":"es512-user","iss":"http://localhost:3000","aud":"http://localhost:3000","iat":1767225600,"exp":4102444800}' > es512.claims.json
python3 - <<'PY'
import base64, json, subprocess

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

der = open("p521.pub.der", "rb").read()
point = der[-133:]  # uncompressed SEC1 point: 0x04 || x (66 bytes) || y (66 bytes)
assert point[0] == 4
jwk = {"alg": "ES512", "crv": "P-521", "kty": "EC", "kid": "TestP521KeyForUnsupportedES512xx",
       "x": b64url(point[1:67]), "y": b64url(point[67:])}
open("p521.jwk.json", "w").write(json.dumps(jwk) + "\n")

signing_input = (b64url(open("es512.header.json", "rb").read()) + "." +
                 b64url(open("es512.claims.json", "rb").read()))
der_sig = subprocess.run(["openssl", "dgst", "-sha512", "-sign", "p521.pem"],
                         input=signing_input.encode(), capture_output=True, check=True).stdout

def read_int(buf, at):  # DER INTEGER -> (value, next offset)
    assert buf[at] == 2
    length = buf[at + 1]
    return int.from_bytes(buf[at + 2:at + 2 + length], "big"), at + 2 + length

at = 2 if der_sig[1] < 0x80 else 2 + (der_sig[1] & 0x7F)
r, at = read_int(der_sig, at)
s, _ = read_int(der_sig, at)
signature = r.to_bytes(66, "big") + s.to_bytes(66, "big")
open("p521-es512.jwt", "w").write(signing_input + "." + b64url(signature) + "\n")
PY
rm -f p521.pub.der es512.header.json es512.claims.json
