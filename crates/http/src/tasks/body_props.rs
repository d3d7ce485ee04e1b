//! Properties of reading raw body bytes (`crate::body::read_json`): no body is
//! `None`, 413 over the cap, 415 off JSON, 400 for malformed JSON, 422 for JSON that
//! is not an object. Here because bodies are read as the task wire types.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

use super::props::{accepted, json, text};
use super::wire::CreateTaskRequest;
use crate::ApiError;
use crate::body::{MAX_BODY_BYTES, read_posted};

const JSON: Option<&str> = Some("application/json");

/// Reads `body` as a create request the way the handlers do.
fn read(
    content_type: Option<&str>,
    body: Vec<u8>,
    declared: Option<usize>,
) -> Result<Option<CreateTaskRequest>, ApiError> {
    actix_rt::System::new().block_on(read_posted(content_type, body, declared))
}

/// Bytes that are JSON, nearly JSON or not at all, duplicate keys included.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let serialized = json().prop_map(|v| v.to_string().into_bytes());
    let truncated = (json(), any::<prop::sample::Index>()).prop_map(|(v, at)| {
        let s = v.to_string().into_bytes();
        s[..at.index(s.len() + 1)].to_vec()
    });
    let duplicates = vec((select(&["title", "completed", "x"][..]), json()), 0..5).prop_map(|kv| {
        let members: Vec<_> = kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!(" {{{}}}\n", members.join(",")).into_bytes()
    });
    let edges = select(
        &[
            "1e400",
            "-0",
            "123456789012345678901234567890",
            "[1e400]",
            "{\"title\":1e400}",
            "\u{feff}{}",
        ][..],
    )
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![
        vec(any::<u8>(), 0..64),
        serialized,
        truncated,
        duplicates,
        edges
    ]
}

/// `application/json` in any case, with padding and parameters.
fn json_media_type() -> impl Strategy<Value = String> {
    let cased = vec(any::<bool>(), 16).prop_map(|upper| {
        "application/json"
            .chars()
            .zip(upper)
            .map(|(c, u)| if u { c.to_ascii_uppercase() } else { c })
            .collect::<String>()
    });
    let params = select(&["", ";", "; charset=utf-8", ";charset=UTF-8; q=1"][..]);
    (
        select(&["", " ", "\t"][..]),
        cased,
        select(&["", " "][..]),
        params,
    )
        .prop_map(|(a, t, z, p)| format!("{a}{t}{z}{p}"))
}

/// Printable header values whose media type is not JSON.
fn other_media_type() -> impl Strategy<Value = String> {
    let near = select(
        &[
            "application/problem+json",
            "text/json",
            "application/jsonx",
            "application/ json",
            "json",
        ][..],
    )
    .prop_map(String::from);
    prop_oneof![
        near,
        vec(prop::char::range(' ', '~'), 0..30).prop_map(String::from_iter)
    ]
    .prop_filter("not JSON", |s| {
        !s.split(';')
            .next()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("application/json"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The status depends only on what the bytes are, never on where they stop.
    #[test]
    fn bytes_are_classified_by_what_they_are(body in bytes()) {
        let expected: &[&str] = if body.is_empty() {
            &["none"]
        } else {
            match serde_json::from_slice::<Value>(&body) {
                Ok(Value::Object(_)) => &["object"],
                Ok(_) => &["422"],
                Err(_) => &["400"],
            }
        };
        let got = match read(JSON, body.clone(), None) {
            Ok(None) => "none",
            Ok(Some(request)) => {
                let _ = request.try_into_domain();
                "object"
            }
            Err(ApiError::Unprocessable(errors)) => {
                prop_assert_eq!(errors.len(), 1);
                prop_assert_eq!(errors[0].field, "body");
                "422"
            }
            Err(ApiError::BadRequest(_)) => "400",
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        let shown = String::from_utf8_lossy(&body);
        prop_assert!(expected.contains(&got), "{got} for {shown:?}");
    }

    /// With duplicate keys the last one is read, as `serde_json::Map` keeps it.
    #[test]
    fn a_duplicated_title_reads_as_its_last_value(titles in vec(text(1..=20), 1..4)) {
        let members: Vec<_> =
            titles.iter().map(|t| format!("\"title\":{}", Value::from(t.as_str()))).collect();
        let body = format!("{{{}}}", members.join(",")).into_bytes();
        let request = accepted(read(JSON, body, None))?.expect("a body");
        let last = titles.last().expect("one title").trim();
        match request.try_into_domain() {
            Ok(task) => prop_assert_eq!(task.title.as_str(), last),
            Err(errors) => {
                prop_assert!(last.is_empty() && errors[0].field == "title", "{errors:?}");
            }
        }
    }

    #[test]
    fn only_json_media_types_are_read(
        json_type in json_media_type(), other in other_media_type()
    ) {
        let read_as_json = read(Some(&json_type), b"{}".to_vec(), None);
        prop_assert!(matches!(read_as_json, Ok(Some(_))), "{json_type:?}");
        let refused = read(Some(&other), b"{}".to_vec(), None);
        prop_assert!(matches!(refused, Err(ApiError::UnsupportedMediaType)), "{other:?}");
        // No body at all is no body, whatever it claims to be.
        prop_assert!(matches!(read(Some(&other), Vec::new(), None), Ok(None)));
    }

    /// The cap holds at the byte, whatever `Content-Length` declares; a declared
    /// length over it is refused before reading.
    #[test]
    fn bodies_over_the_cap_are_413(
        len in (MAX_BODY_BYTES - 1)..=(MAX_BODY_BYTES + 1),
        declared in prop_oneof![
            Just(None),
            (0..=2_usize).prop_map(Some),
            ((MAX_BODY_BYTES - 1)..=(MAX_BODY_BYTES + 1)).prop_map(Some),
        ]
    ) {
        let mut body = vec![b' '; len];
        body[..2].copy_from_slice(b"{}");
        let outcome = read(JSON, body, declared);
        if len > MAX_BODY_BYTES || declared.is_some_and(|d| d > MAX_BODY_BYTES) {
            prop_assert!(matches!(outcome, Err(ApiError::PayloadTooLarge)), "{outcome:?}");
        } else {
            prop_assert!(matches!(outcome, Ok(Some(_))), "{outcome:?}");
        }
    }
}
