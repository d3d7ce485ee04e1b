use actix_web::{HttpRequest, HttpResponse, web};

use super::Tasks;
use super::conditions::if_match;
use super::responses::{AccessErrors, Conditional, MalformedCondition, Stale, TaskNotFound};
use crate::ApiError;
use crate::identity::{OwnerTask, TaskPath};

/// Delete one of the caller's tasks.
#[utoipa::path(
    delete,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(TaskPath, Conditional),
    responses(
        (status = 204, description = "Deleted"),
        AccessErrors, TaskNotFound, Stale, MalformedCondition,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn delete_task(
    target: OwnerTask,
    req: HttpRequest,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    let precondition = if_match(&req)?;
    tasks
        .run(move |s| s.delete(&scope, &id, &precondition))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
