use actix_web::{HttpRequest, HttpResponse, web};

use super::Tasks;
use super::conditions::{etag, none_match_names};
use super::responses::{AccessErrors, CachedCopy, MalformedCondition, TaskNotFound};
use super::wire::TaskBody;
use crate::ApiError;
use crate::identity::{OwnerTask, TaskPath};

/// Read one of the caller's tasks.
#[utoipa::path(
    get,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(TaskPath, CachedCopy),
    responses(
        (status = 200, description = "The task", body = TaskBody,
            headers(("ETag" = String, description = "Since 1.2: the task's version, quoted"))),
        (status = 304, description = "Since 1.2: `If-None-Match` names the task's version; no body",
            headers(("ETag" = String, description = "The task's version, quoted"))),
        AccessErrors, TaskNotFound, MalformedCondition,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn get_task(
    target: OwnerTask,
    req: HttpRequest,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    let task = tasks.run(move |s| s.get(&scope, &id)).await?;
    if none_match_names(&req, task.version)? {
        return Ok(HttpResponse::NotModified()
            .insert_header(etag(task.version))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header(etag(task.version))
        .json(TaskBody::from(task)))
}
