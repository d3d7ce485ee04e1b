use actix_web::{HttpResponse, web};
use todo_domain::TaskService;

use super::blocking;
use crate::identity::Authenticated;
use crate::{ApiError, Problem};

/// Delete one of the caller's tasks.
#[utoipa::path(
    delete,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(
        ("user_id" = String, Path, description = "Must equal the token's `sub`"),
        ("id" = i64, Path, description = "Task id"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Path user is not the caller", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task for this user", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database or JWKS unavailable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn delete_task(
    caller: Authenticated,
    path: web::Path<(String, String)>,
    service: web::Data<TaskService>,
) -> Result<HttpResponse, ApiError> {
    let (user_id, id) = path.into_inner();
    let scope = caller.scope_to(&user_id)?;
    blocking(service, move |s| s.delete(&scope, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
