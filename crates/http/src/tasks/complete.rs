use actix_web::{HttpRequest, HttpResponse, web};

use super::conditions::if_match;
use super::responses::{AccessErrors, BodyErrors, Conditional, Stale, TaskNotFound};
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
    params(TaskPath, Conditional),
    request_body(content = Option<SetCompletionRequest>, description = "Optional; without it the task is toggled"),
    responses(
        (status = 200, description = "The updated task", body = TaskBody,
            headers(("ETag" = String, description = "Since 1.2: the task's version, quoted"),
                ("X-Next-Task-Id" = i64, description = "Since 1.1: the id of the next occurrence this request created, when it completed a recurring task"))),
        AccessErrors, BodyErrors, TaskNotFound, Stale,
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
    let precondition = if_match(&req)?;
    let revised = tasks
        .run(move |s| s.set_completion(&scope, &id, completion, &precondition))
        .await?;
    Ok(revised_response(revised))
}
