//! The error answers the task endpoints share, declared once for the OpenAPI
//! document. Every one of them is an `application/problem+json` [`Problem`].

use utoipa::IntoResponses;

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
