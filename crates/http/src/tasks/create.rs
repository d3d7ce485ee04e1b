use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, web};

use super::responses::{AccessErrors, BodyErrors};
use super::wire::{CreateTaskRequest, TaskBody};
use super::{Tasks, task_location};
use crate::ApiError;
use crate::body::read_json;
use crate::identity::{OwnerTasks, TasksPath};

/// Create a task owned by the caller.
#[utoipa::path(
    post,
    path = "/api/{user_id}/tasks",
    tag = "tasks",
    params(TasksPath),
    request_body = CreateTaskRequest,
    responses(
        (status = 201, description = "Created", body = TaskBody,
            headers(("Location" = String, description = "/api/{user_id}/tasks/{id}"))),
        AccessErrors, BodyErrors,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn create_task(
    target: OwnerTasks,
    req: HttpRequest,
    payload: web::Payload,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let scope = target.scope;
    let body: CreateTaskRequest = read_json(&req, payload)
        .await?
        .ok_or(ApiError::BadRequest("request body is not valid JSON"))?;
    let new_task = body.try_into_domain().map_err(ApiError::Unprocessable)?;
    let task = tasks.run(move |s| s.create(&scope, &new_task)).await?;
    let location = task_location(task.user_id.as_str(), task.id.get());
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(TaskBody::from(task)))
}
