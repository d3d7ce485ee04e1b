//! The error answers the task endpoints share, declared once for the OpenAPI
//! document. Every one of them is an `application/problem+json` [`Problem`].

use utoipa::{IntoParams, IntoResponses};

use crate::Problem;

/// Any `/api` request can fail these ways.
#[derive(IntoResponses)]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) enum AccessErrors {
    /// No token, or one that fails verification (`WWW-Authenticate: Bearer`)
    #[response(status = 401, content_type = "application/problem+json",
        headers(("WWW-Authenticate" = String,
            description = "`Bearer`; with `error=\"invalid_token\"` when a token was sent")))]
    Unauthorized(Problem),
    /// `{user_id}` is not the token's `sub`; nothing was read or written
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// The database or the issuer's keys are unavailable; retry after `Retry-After`
    #[response(status = 503, content_type = "application/problem+json",
        headers(("Retry-After" = u32, description = "Seconds to wait before retrying")))]
    Unavailable(Problem),
}

/// Requests with a JSON body can also fail these ways.
#[derive(IntoResponses)]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) enum BodyErrors {
    /// The body is not valid JSON
    #[response(status = 400, content_type = "application/problem+json")]
    Malformed(Problem),
    /// The body is over 64 KiB
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
    /// Valid JSON that breaks a rule; `errors` lists each field
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// No such task for this user: missing, another user's, or a non-integer id.
#[derive(IntoResponses)]
#[response(status = 404, content_type = "application/problem+json")]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) struct TaskNotFound(#[to_schema] Problem);

/// A list parameter has an unknown or out-of-range value; `errors` lists each one.
#[derive(IntoResponses)]
#[response(status = 422, content_type = "application/problem+json")]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) struct InvalidQuery(#[to_schema] Problem);

/// The task is no longer at a version `If-Match` names; nothing was changed.
#[derive(IntoResponses)]
#[response(status = 412, content_type = "application/problem+json",
    headers(("ETag" = String, description = "The current version, quoted")))]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) struct Stale(#[to_schema] StaleProblem);

/// A 412 problem: `task` is the task as it is now.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "only describes a response in the OpenAPI document"
)]
pub(crate) struct StaleProblem {
    #[schema(example = "about:blank")]
    r#type: String,
    #[schema(example = "Precondition Failed")]
    title: String,
    #[schema(example = 412)]
    status: u16,
    detail: String,
    task: crate::tasks::wire::TaskBody,
}

/// A conditional header (`If-Match`, `If-None-Match`) is not `*` or a list of
/// entity tags.
#[derive(IntoResponses)]
#[response(status = 400, content_type = "application/problem+json")]
#[expect(dead_code, reason = "only describes responses in the OpenAPI document")]
pub(crate) struct MalformedCondition(#[to_schema] Problem);

/// A write made only at a version the client saw.
#[derive(IntoParams)]
#[into_params(parameter_in = Header, names("If-Match"))]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
pub(crate) struct Conditional(
    /// Since 1.2: the `ETag`s (versions) the task must still be at, or `*`; otherwise
    /// 412 with the current task, and nothing changes
    #[param(
        pattern = r#"^ *(\*|(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*) *$"#,
        example = "\"3\""
    )]
    Option<String>,
);

/// A read that may answer "you have it already".
#[derive(IntoParams)]
#[into_params(parameter_in = Header, names("If-None-Match"))]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
pub(crate) struct CachedCopy(
    /// Since 1.2: `ETag`s the client holds, or `*`: 304 when the task is at one of them
    #[param(
        pattern = r#"^ *(\*|(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*) *$"#,
        example = "\"3\""
    )]
    Option<String>,
);

/// A create the client may safely retry.
#[derive(IntoParams)]
#[into_params(parameter_in = Header, names("Idempotency-Key"))]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
pub(crate) struct OnceOnly(
    /// Since 1.2: 1 to 255 visible ASCII characters. A repeat with the same key and
    /// body within 24 hours answers the original 201 and creates nothing; with
    /// another body, 422
    #[param(
        pattern = "^[!-~]{1,255}$",
        example = "5f0c3a1e-8d2b-4c55-9a0e-2b7d3c1f9e44"
    )]
    Option<String>,
);
