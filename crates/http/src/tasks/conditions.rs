//! Conditional requests (RFC 9110 §13): a task's version as its `ETag`, and the
//! `If-Match` / `If-None-Match` headers that name versions.

use actix_web::HttpRequest;
use actix_web::http::header::{ETAG, HeaderName, IF_MATCH, IF_NONE_MATCH};
use todo_domain::Precondition;

use crate::ApiError;

/// The `ETag` of a task at `version`: a strong tag, the version in quotes.
pub(crate) fn etag(version: i64) -> (HeaderName, String) {
    (ETAG, format!("\"{version}\""))
}

/// What `If-Match` asks of the task. Comparison is strong (§13.1.1): a weak tag
/// never matches, and a tag that is no version of ours names none.
///
/// # Errors
/// 400 when the header is not `*` or a list of entity tags.
pub(crate) fn if_match(req: &HttpRequest) -> Result<Precondition, ApiError> {
    let Some(tags) = entity_tags(req, IF_MATCH)? else {
        return Ok(Precondition::Any);
    };
    Ok(match tags {
        Tags::Any => Precondition::Any,
        Tags::List(tags) => Precondition::VersionIn(
            tags.iter()
                .filter(|tag| !tag.weak)
                .filter_map(|tag| tag.version)
                .collect(),
        ),
    })
}

/// Whether `If-None-Match` names `version` (weak comparison, §13.1.2): then a GET
/// answers 304.
///
/// # Errors
/// 400 when the header is not `*` or a list of entity tags.
pub(crate) fn none_match_names(req: &HttpRequest, version: i64) -> Result<bool, ApiError> {
    Ok(match entity_tags(req, IF_NONE_MATCH)? {
        None => false,
        Some(Tags::Any) => true,
        Some(Tags::List(tags)) => tags.iter().any(|tag| tag.version == Some(version)),
    })
}

enum Tags {
    Any,
    List(Vec<EntityTag>),
}

struct EntityTag {
    weak: bool,
    /// The version the tag names, when it is one of ours.
    version: Option<i64>,
}

/// Every entity tag of every `name` header line, or `None` without one.
fn entity_tags(req: &HttpRequest, name: HeaderName) -> Result<Option<Tags>, ApiError> {
    let malformed = || {
        ApiError::BadRequest(if name == IF_MATCH {
            "If-Match must be * or a list of entity tags"
        } else {
            "If-None-Match must be * or a list of entity tags"
        })
    };
    let mut lines = req.headers().get_all(&name).peekable();
    if lines.peek().is_none() {
        return Ok(None);
    }
    let mut tags = Vec::new();
    for line in lines {
        let line = line.to_str().map_err(|_| malformed())?.trim_matches(' ');
        if line == "*" && tags.is_empty() {
            return Ok(Some(Tags::Any));
        }
        // `tag *( , tag )`, spaces allowed around the commas: what the OpenAPI
        // document's pattern says, no more.
        let mut rest = line;
        loop {
            let (tag, after) = next_tag(rest).ok_or_else(malformed)?;
            tags.push(tag);
            let after = after.trim_start_matches(' ');
            if after.is_empty() {
                break;
            }
            rest = after
                .strip_prefix(',')
                .ok_or_else(malformed)?
                .trim_start_matches(' ');
        }
    }
    Ok(Some(Tags::List(tags)))
}

/// The entity tag `"opaque"` or `W/"opaque"` that `text` starts with (§8.8.3: the
/// opaque part holds no `"`, and may hold a comma), and what follows it.
fn next_tag(text: &str) -> Option<(EntityTag, &str)> {
    let (weak, quoted) = match text.strip_prefix("W/") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let inner = quoted.strip_prefix('"')?;
    let end = inner.find('"')?;
    let opaque = &inner[..end];
    let etagc = |b: u8| b == 0x21 || (0x23..=0x7e).contains(&b) || b >= 0x80;
    if !opaque.bytes().all(etagc) {
        return None;
    }
    // Only plain decimals are versions of ours: "007" or "+7" name none.
    let canonical = opaque.bytes().all(|b| b.is_ascii_digit()) && !opaque.starts_with('0');
    let tag = EntityTag {
        weak,
        version: canonical.then(|| opaque.parse().ok()).flatten(),
    };
    Some((tag, &inner[end + 1..]))
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn request(name: HeaderName, values: &[&str]) -> HttpRequest {
        values
            .iter()
            .fold(TestRequest::default(), |req, value| {
                req.append_header((name.clone(), *value))
            })
            .to_http_request()
    }

    fn precondition(values: &[&str]) -> Result<Precondition, ApiError> {
        if_match(&request(IF_MATCH, values))
    }

    #[test]
    fn if_match_names_versions_by_strong_comparison() {
        assert_eq!(precondition(&[]).ok(), Some(Precondition::Any));
        assert_eq!(precondition(&["*"]).ok(), Some(Precondition::Any));
        assert_eq!(
            precondition(&["\"3\", \"4\"", "\"9\""]).ok(),
            Some(Precondition::VersionIn(vec![3, 4, 9]))
        );
        // A comma may be part of a tag.
        assert_eq!(
            precondition(&["\"a,b\" , \"5\""]).ok(),
            Some(Precondition::VersionIn(vec![5]))
        );
        // Weak tags and tags that are not ours match nothing, which is a 412.
        for none in [
            r#"W/"3""#,
            r#""abc""#,
            r#""03""#,
            r#""""#,
            r#""99999999999999999999""#,
        ] {
            assert_eq!(
                precondition(&[none]).ok(),
                Some(Precondition::VersionIn(Vec::new())),
                "{none}"
            );
        }
    }

    #[test]
    fn a_malformed_if_match_is_a_bad_request() {
        for bad in [
            "3",
            "\"3",
            "W/3",
            "\"a\"b\"",
            ",",
            "\"3\" \"4\"",
            "*, \"3\"",
            "\"3\", *",
        ] {
            assert!(
                matches!(precondition(&[bad]), Err(ApiError::BadRequest(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let names = |values: &[&str], version| {
            none_match_names(&request(IF_NONE_MATCH, values), version).expect("well formed")
        };
        assert!(names(&["\"3\""], 3));
        assert!(names(&["W/\"3\""], 3));
        assert!(names(&["\"1\", \"3\""], 3));
        assert!(names(&["*"], 3));
        assert!(!names(&["\"4\""], 3));
        assert!(!names(&[], 3));
        assert!(none_match_names(&request(IF_NONE_MATCH, &["3"]), 3).is_err());
    }

    #[test]
    fn the_etag_is_the_quoted_version() {
        assert_eq!(etag(12).1, "\"12\"");
    }
}
