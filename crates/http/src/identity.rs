//! The `Authenticated` extractor: the verified caller of a request, or a 401/503.
//!
//! Handlers get identity only from here; the token is never logged.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use todo_auth::{Verifier, bearer_token};
use todo_domain::{Caller, OwnerScope};

use crate::ApiError;

/// The caller whose bearer token `todo-auth` verified.
pub struct Authenticated(Caller);

impl Authenticated {
    /// The scope to act on `path_user`'s tasks: 403 unless it is the caller itself.
    ///
    /// # Errors
    /// `ApiError::Forbidden` for anyone else's path.
    pub fn scope_to(&self, path_user: &str) -> Result<OwnerScope, ApiError> {
        Ok(self.0.scope_to(path_user)?)
    }
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let verifier = req.app_data::<web::Data<Verifier>>().cloned();
        let header = req
            .headers()
            .get(AUTHORIZATION)
            .map(|value| value.to_str().map(str::to_owned));
        Box::pin(async move {
            let verifier =
                verifier.ok_or_else(|| ApiError::Internal("no Verifier in app data".into()))?;
            let header = match header {
                None => None,
                Some(Ok(value)) => Some(value),
                Some(Err(_)) => {
                    return Err(ApiError::Unauthorized {
                        reason: "malformed authorization header",
                        token_sent: true,
                    });
                }
            };
            let token = bearer_token(header.as_deref())?;
            Ok(Self(verifier.verify(token).await?))
        })
    }
}
