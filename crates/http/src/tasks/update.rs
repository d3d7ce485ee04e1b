use actix_web::{HttpRequest, HttpResponse, web};

use super::conditions::if_match;
use super::responses::{AccessErrors, BodyErrors, Conditional, Stale, TaskNotFound};
use super::wire::{TaskBody, UpdateTaskRequest};
use super::{Tasks, revised_response};
use crate::ApiError;
use crate::body::read_json;
use crate::identity::{OwnerTask, TaskPath};

/// Change the fields a body names; `"description": null` clears the description.
#[utoipa::path(
    put,
    path = "/api/{user_id}/tasks/{id}",
    tag = "tasks",
    params(TaskPath, Conditional),
    request_body = UpdateTaskRequest,
    responses(
        (status = 200, description = "The updated task", body = TaskBody,
            headers(("ETag" = String, description = "Since 1.2: the task's version, quoted"),
                ("X-Next-Task-Id" = i64, description = "Since 1.1: the id of the next occurrence this request created, when it completed a recurring task"))),
        AccessErrors, BodyErrors, TaskNotFound, Stale,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn update_task(
    target: OwnerTask,
    req: HttpRequest,
    payload: web::Payload,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    let body: UpdateTaskRequest = read_json(&req, payload)
        .await?
        .ok_or(ApiError::BadRequest("request body is not valid JSON"))?;
    let patch = body.try_into_domain().map_err(ApiError::Unprocessable)?;
    let precondition = if_match(&req)?;
    let revised = tasks
        .run(move |s| s.update(&scope, &id, &patch, &precondition))
        .await?;
    Ok(revised_response(revised))
}
