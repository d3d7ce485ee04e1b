use actix_web::{HttpResponse, web};

use super::Tasks;
use super::responses::{AccessErrors, TaskNotFound};
use crate::ApiError;
use crate::identity::{OwnerTask, TaskPath};

/// Delete one of the caller's tasks.
#[utoipa::path(
    delete,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(TaskPath),
    responses(
        (status = 204, description = "Deleted"),
        AccessErrors, TaskNotFound,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn delete_task(
    target: OwnerTask,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    tasks.run(move |s| s.delete(&scope, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
