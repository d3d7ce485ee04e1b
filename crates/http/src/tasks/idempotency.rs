//! `Idempotency-Key` on a create: the key, and the fingerprint of the body it came
//! with, so that a retry is answered as the first request was and a different
//! request under the same key is refused.

use std::fmt::Write as _;

use actix_web::HttpRequest;
use serde_json::Value;
use sha2::{Digest, Sha256};
use todo_domain::{IdempotencyKey, OnceKey};

use crate::ApiError;

pub(crate) const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The request's key with the fingerprint of `body`, or `None` without a key.
///
/// # Errors
/// 400 when the header is sent twice or is not 1 to 255 visible ASCII characters.
pub(crate) fn once_key(req: &HttpRequest, body: &Value) -> Result<Option<OnceKey>, ApiError> {
    let malformed = || {
        ApiError::BadRequest(
            "Idempotency-Key must be one header of 1 to 255 visible ASCII characters",
        )
    };
    let mut lines = req.headers().get_all(IDEMPOTENCY_KEY);
    let Some(line) = lines.next() else {
        return Ok(None);
    };
    if lines.next().is_some() {
        return Err(malformed());
    }
    let raw = line.to_str().map_err(|_| malformed())?;
    let key = IdempotencyKey::parse(raw).map_err(|_| malformed())?;
    Ok(Some(OnceKey {
        key,
        fingerprint: fingerprint(body),
    }))
}

/// SHA-256, in hex, of `body` in canonical form: members sorted by name, no
/// whitespace. Two bodies that differ only in member order or spacing are one.
fn fingerprint(body: &Value) -> String {
    let mut canonical = String::new();
    write_canonical(body, &mut canonical);
    let digest = Sha256::digest(canonical.as_bytes());
    digest
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(members) => {
            let mut sorted: Vec<_> = members.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (name, member)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(name.clone()).to_string());
                out.push(':');
                write_canonical(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;
    use serde_json::json;

    use super::*;

    #[test]
    fn member_order_and_spacing_do_not_change_the_fingerprint() {
        let a: Value = serde_json::from_str(r#"{"title":"a","tags":["x","y"],"p":{"b":1,"a":2}}"#)
            .expect("json");
        let b: Value =
            serde_json::from_str(r#"{ "p": {"a": 2, "b": 1}, "tags": ["x", "y"], "title": "a" }"#)
                .expect("json");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 64);
    }

    #[test]
    fn any_other_content_changes_it() {
        let base = fingerprint(&json!({"title": "a", "tags": ["x", "y"]}));
        for other in [
            json!({"title": "b", "tags": ["x", "y"]}),
            json!({"title": "a", "tags": ["y", "x"]}),
            json!({"title": "a", "tags": ["x", "y"], "completed": false}),
            json!({"title": "a\"", "tags": ["x", "y"]}),
        ] {
            assert_ne!(fingerprint(&other), base, "{other}");
        }
    }

    #[test]
    fn the_key_header_is_checked() {
        let body = json!({"title": "a"});
        let with = |values: &[&str]| {
            let req = values
                .iter()
                .fold(TestRequest::default(), |r, v| {
                    r.append_header((IDEMPOTENCY_KEY, *v))
                })
                .to_http_request();
            once_key(&req, &body)
        };
        assert!(with(&[]).expect("no key").is_none());
        let once = with(&["3f1c-9a"]).expect("ok").expect("a key");
        assert_eq!(once.key.as_str(), "3f1c-9a");
        for bad in [&["a b"][..], &[""], &["k", "k"], &[&"k".repeat(256)]] {
            assert!(matches!(with(bad), Err(ApiError::BadRequest(_))), "{bad:?}");
        }
    }
}
