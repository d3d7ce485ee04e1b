//! Reading a JSON request body: size cap, media type, syntax. Each failure has its
//! own status (413, 415, 400); rule checks on the content happen in the wire types.

use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::ApiError;

/// Largest accepted body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Reads and parses the body as `T`. `Ok(None)` when there is no body at all.
///
/// # Errors
/// 413 over 64 KiB, 415 for a media type other than `application/json`, 400 for
/// malformed JSON, 422 for JSON that is not an object.
pub async fn read_json<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Option<T>, ApiError> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_BODY_BYTES) {
        return Err(ApiError::PayloadTooLarge);
    }
    // Chunked bodies declare no length: the limit is enforced while reading too.
    let body = payload
        .to_bytes_limited(MAX_BODY_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?
        .map_err(|_| ApiError::BadRequest("could not read the request body"))?;
    if body.is_empty() {
        return Ok(None);
    }
    if !is_json(req) {
        return Err(ApiError::UnsupportedMediaType);
    }
    parse(&body).map(Some)
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // Syntax first: read into a map directly and serde reports a wrong type (422)
    // before it sees that `[1,` is not JSON at all (400).
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| ApiError::BadRequest("request body is not valid JSON"))?;
    into_shape(value)
}

/// A parsed body as `T`, which must come from a JSON object.
///
/// # Errors
/// 422 for JSON that is not an object, or does not fit `T`.
pub fn into_shape<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    let not_an_object = || {
        ApiError::Unprocessable(vec![todo_domain::FieldError::new(
            "body",
            "must be a JSON object",
        )])
    };
    // serde would happily fill a struct from a JSON array.
    if !value.is_object() {
        return Err(not_an_object());
    }
    serde_json::from_value(value).map_err(|_| not_an_object())
}

/// `read_json` on a POST with `body`, its content type and, if given, a declared
/// `Content-Length`, as a handler would get it (tests).
#[cfg(test)]
pub(crate) async fn read_posted<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: Vec<u8>,
    declared: Option<usize>,
) -> Result<Option<T>, ApiError> {
    use actix_web::FromRequest;
    let mut req = actix_web::test::TestRequest::post().set_payload(body);
    if let Some(ct) = content_type {
        req = req.insert_header((CONTENT_TYPE, ct));
    }
    if let Some(len) = declared {
        req = req.insert_header((CONTENT_LENGTH, len));
    }
    let (req, mut payload) = req.to_http_parts();
    let payload = web::Payload::from_request(&req, &mut payload)
        .await
        .expect("payload");
    read_json(&req, payload).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Shape {
        #[expect(dead_code, reason = "only parsed")]
        title: Option<serde_json::Value>,
    }

    async fn read(
        content_type: Option<&str>,
        body: &'static [u8],
    ) -> Result<Option<Shape>, ApiError> {
        read_posted(content_type, body.to_vec(), None).await
    }

    #[actix_rt::test]
    async fn a_json_object_parses_with_or_without_charset() {
        assert!(
            read(Some("application/json"), b"{\"title\":\"x\"}")
                .await
                .expect("ok")
                .is_some()
        );
        assert!(
            read(Some("Application/JSON; charset=utf-8"), b"{}")
                .await
                .expect("ok")
                .is_some()
        );
    }

    #[actix_rt::test]
    async fn no_body_is_none() {
        assert!(read(None, b"").await.expect("ok").is_none());
    }

    #[actix_rt::test]
    async fn other_media_types_are_415() {
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            assert!(
                matches!(read(ct, b"{}").await, Err(ApiError::UnsupportedMediaType)),
                "{ct:?}"
            );
        }
    }

    #[actix_rt::test]
    async fn malformed_json_is_400_and_non_objects_are_422() {
        assert!(matches!(
            read(Some("application/json"), b"{\"title\":").await,
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            read(Some("application/json"), b"nope").await,
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            read(Some("application/json"), b"[1]").await,
            Err(ApiError::Unprocessable(_))
        ));
    }

    #[actix_rt::test]
    async fn malformed_json_that_does_not_open_an_object_is_400_too() {
        for body in [&b"["[..], b"[1,", b"0 x", b"\"open"] {
            assert!(
                matches!(
                    read(Some("application/json"), body).await,
                    Err(ApiError::BadRequest(_))
                ),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[actix_rt::test]
    async fn bodies_over_64_kib_are_413() {
        static BIG: [u8; MAX_BODY_BYTES + 1] = [b' '; MAX_BODY_BYTES + 1];
        assert!(matches!(
            read(Some("application/json"), &BIG).await,
            Err(ApiError::PayloadTooLarge)
        ));
    }
}
