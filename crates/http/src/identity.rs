//! Extractors that give handlers the caller's scope over the path's `{user_id}`:
//! 401 without a valid token, 503 when the issuer's keys cannot be had, 403 for
//! anyone else's path. Every task route takes one of them, so no handler can skip
//! the check, and handlers never see the token (which is never logged).

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use todo_auth::{Verifier, bearer_token};
use todo_domain::{Caller, OwnerScope};
use utoipa::IntoParams;

use crate::ApiError;

/// A task route's path, scoped to the verified caller.
pub struct Owned<P> {
    pub scope: OwnerScope,
    pub path: P,
    /// When the caller's token expires: a change stream ends then.
    pub expires_at: Option<SystemTime>,
}

/// `/api/{user_id}/tasks`
pub type OwnerTasks = Owned<TasksPath>;
/// `/api/{user_id}/tasks/{id}[/...]`
pub type OwnerTask = Owned<TaskPath>;

/// A path that names whose tasks it is about.
pub trait OwnerPath: DeserializeOwned {
    fn user_id(&self) -> &str;
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TasksPath {
    /// Must equal the token's `sub`
    user_id: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TaskPath {
    /// Must equal the token's `sub`
    user_id: String,
    /// Task id, a positive integer. Kept raw here: the domain reports a malformed id
    /// as not found.
    #[param(value_type = i64, minimum = 1)]
    pub id: String,
}

impl OwnerPath for TasksPath {
    fn user_id(&self) -> &str {
        &self.user_id
    }
}

impl OwnerPath for TaskPath {
    fn user_id(&self) -> &str {
        &self.user_id
    }
}

impl<P: OwnerPath + 'static> FromRequest for Owned<P> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let caller = authenticate(&req).await?;
            let path: P = req.match_info().load().map_err(|_| ApiError::NotFound)?;
            Ok(Self {
                scope: caller.scope_to(path.user_id())?,
                path,
                expires_at: caller.expires_at(),
            })
        })
    }
}

/// The caller whose bearer token `todo-auth` verified.
async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let verifier = req
        .app_data::<web::Data<Verifier>>()
        .ok_or_else(|| ApiError::Internal("no Verifier in app data".into()))?;
    let header = match req.headers().get(AUTHORIZATION).map(|v| v.to_str()) {
        None => None,
        Some(Ok(value)) => Some(value),
        Some(Err(_)) => {
            return Err(ApiError::Unauthorized {
                reason: "malformed authorization header",
                token_sent: true,
            });
        }
    };
    let token = bearer_token(header)?;
    Ok(verifier.verify(token).await?)
}
