//! `ApiError`: the only `ResponseError` of the service, rendered as RFC 9457
//! `application/problem+json`. Domain and auth errors become statuses here, once.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use todo_auth::AuthError;
use todo_domain::{FieldError, TaskError};
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";
/// Seconds a client should wait before retrying a 503.
const RETRY_AFTER_SECS: &str = "5";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("unauthorized: {reason}")]
    Unauthorized {
        reason: &'static str,
        token_sent: bool,
    },
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// `allow` lists the methods the resource does support, for the `Allow` header.
    #[error("method not allowed")]
    MethodNotAllowed { allow: &'static str },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("unprocessable: {0:?}")]
    Unprocessable(Vec<FieldError>),
    /// `If-Match` names no version the task is at: 412 with the task as it is.
    #[error("precondition failed")]
    Stale(Box<todo_domain::Task>),
    /// The caller is over a limit of its own (e.g. open change streams).
    #[error("too many requests: {detail}")]
    TooManyRequests {
        detail: &'static str,
        retry_after_secs: u32,
    },
    #[error("unavailable: {what}")]
    Unavailable {
        what: &'static str,
        #[source]
        source: Option<todo_domain::BoxError>,
    },
    #[error("internal error")]
    Internal(#[source] todo_domain::BoxError),
}

/// The problem document. `errors` lists each broken field of a 422.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// The task as it is now, in a 412 (documented by its own schema).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(ignore)]
    pub task: Option<crate::tasks::wire::TaskBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    pub field: &'static str,
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            task: None,
        }
    }

    pub fn respond(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .content_type(PROBLEM_JSON)
            .body(serde_json::to_string(self).unwrap_or_default())
    }
}

impl ApiError {
    fn detail(&self) -> String {
        match self {
            Self::BadRequest(detail) => (*detail).to_owned(),
            Self::Unauthorized { reason, .. } => (*reason).to_owned(),
            Self::Forbidden => "you may only access your own tasks".to_owned(),
            Self::NotFound => "not found".to_owned(),
            Self::MethodNotAllowed { .. } => "method not allowed on this resource".to_owned(),
            Self::PayloadTooLarge => "request body is larger than 64 KiB".to_owned(),
            Self::UnsupportedMediaType => "request body must be application/json".to_owned(),
            Self::Stale(task) => format!(
                "the task is at version {}, not one that If-Match names; nothing was changed",
                task.version
            ),
            Self::Unprocessable(errors) => errors
                .iter()
                .map(|e| format!("{} {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            Self::TooManyRequests { detail, .. } => (*detail).to_owned(),
            Self::Unavailable { what, .. } => format!("{what} is unavailable, retry shortly"),
            Self::Internal(_) => "internal error".to_owned(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Stale(_) => StatusCode::PRECONDITION_FAILED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        log_cause(self);
        let mut problem = Problem::new(self.status_code(), self.detail());
        if let Self::Unprocessable(errors) = self {
            problem.errors = errors
                .iter()
                .map(|e| ProblemField {
                    field: e.field,
                    message: e.message.clone(),
                })
                .collect();
        }
        if let Self::Stale(task) = self {
            problem.task = Some(crate::tasks::wire::TaskBody::from((**task).clone()));
        }
        let mut response = problem.respond();
        let headers = response.headers_mut();
        match self {
            Self::Unauthorized { token_sent, reason } => {
                let challenge = if *token_sent {
                    format!("Bearer error=\"invalid_token\", error_description=\"{reason}\"")
                } else {
                    "Bearer".to_owned()
                };
                if let Ok(value) = HeaderValue::from_str(&challenge) {
                    headers.insert(header::WWW_AUTHENTICATE, value);
                }
            }
            Self::Unavailable { .. } => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(RETRY_AFTER_SECS),
                );
            }
            Self::MethodNotAllowed { allow } => {
                headers.insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            Self::Stale(task) => {
                let (name, value) = crate::tasks::etag(task.version);
                if let Ok(value) = HeaderValue::from_str(&value) {
                    headers.insert(name, value);
                }
            }
            Self::TooManyRequests {
                retry_after_secs, ..
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            _ => {}
        }
        response
    }
}

/// 5xx causes are logged with their source chain; the body never carries them.
fn log_cause(err: &ApiError) {
    let mut chain = String::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    match err {
        ApiError::Internal(_) => log::error!("{err}{chain}"),
        ApiError::Unavailable { .. } => log::warn!("{err}{chain}"),
        _ => {}
    }
}

impl From<TaskError> for ApiError {
    fn from(err: TaskError) -> Self {
        match err {
            TaskError::Invalid(errors) => Self::Unprocessable(errors),
            TaskError::Forbidden => Self::Forbidden,
            TaskError::NotFound => Self::NotFound,
            TaskError::Stale(task) => Self::Stale(task),
            TaskError::KeyReused => Self::Unprocessable(vec![FieldError::new(
                crate::tasks::IDEMPOTENCY_KEY,
                "was used in the last 24 hours for a request with another body",
            )]),
            TaskError::Unavailable(source) => Self::Unavailable {
                what: "the database",
                source: Some(source),
            },
            TaskError::Internal(source) => Self::Internal(source),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Missing => Self::Unauthorized {
                reason: "missing bearer token",
                token_sent: false,
            },
            AuthError::Invalid(reason) => Self::Unauthorized {
                reason,
                token_sent: true,
            },
            AuthError::KeysUnavailable => Self::Unavailable {
                what: "the token issuer",
                source: None,
            },
        }
    }
}

#[cfg(test)]
mod tests;
