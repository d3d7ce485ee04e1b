use actix_web::{HttpResponse, web};

use super::Tasks;
use super::responses::{AccessErrors, TaskNotFound};
use super::wire::TaskBody;
use crate::ApiError;
use crate::identity::{OwnerTask, TaskPath};

/// Read one of the caller's tasks.
#[utoipa::path(
    get,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(TaskPath),
    responses(
        (status = 200, description = "The task", body = TaskBody),
        AccessErrors, TaskNotFound,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn get_task(
    target: OwnerTask,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    let task = tasks.run(move |s| s.get(&scope, &id)).await?;
    Ok(HttpResponse::Ok().json(TaskBody::from(task)))
}
