use actix_web::{HttpRequest, HttpResponse, web};

use super::responses::{AccessErrors, BodyErrors, TaskNotFound};
use super::wire::{SetCompletionRequest, TaskBody};
use super::{Tasks, revised_response};
use crate::ApiError;
use crate::body::read_json;
use crate::identity::{OwnerTask, TaskPath};

/// Toggle `completed` (no body), or set it (`{"completed": bool}`).
#[utoipa::path(
    patch,
    path = "/api/{user_id}/tasks/{id}/complete",
    tag = "tasks",
    params(TaskPath),
    request_body(content = Option<SetCompletionRequest>, description = "Optional; without it the task is toggled"),
    responses(
        (status = 200, description = "The updated task", body = TaskBody,
            headers(("X-Next-Task-Id" = i64, description = "Since 1.1: the id of the next occurrence this request created, when it completed a recurring task"))),
        AccessErrors, BodyErrors, TaskNotFound,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn set_task_completion(
    target: OwnerTask,
    req: HttpRequest,
    payload: web::Payload,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let (scope, id) = (target.scope, target.path.id);
    let body: Option<SetCompletionRequest> = read_json(&req, payload).await?;
    let completion =
        SetCompletionRequest::try_into_domain(body).map_err(ApiError::Unprocessable)?;
    let revised = tasks
        .run(move |s| s.set_completion(&scope, &id, completion))
        .await?;
    Ok(revised_response(revised))
}
