use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, web};

use super::conditions::etag;
use super::idempotency::once_key;
use super::responses::{AccessErrors, BodyErrors, OnceOnly};
use super::wire::{CreateTaskRequest, TaskBody};
use super::{Tasks, task_location};
use crate::ApiError;
use crate::body::{into_shape, read_json};
use crate::identity::{OwnerTasks, TasksPath};

/// Create a task owned by the caller; with an `Idempotency-Key`, once.
#[utoipa::path(
    post,
    path = "/api/{user_id}/tasks",
    tag = "tasks",
    params(TasksPath, OnceOnly),
    request_body = CreateTaskRequest,
    responses(
        (status = 201, description = "Created", body = TaskBody,
            headers(("Location" = String, description = "/api/{user_id}/tasks/{id}"),
                ("ETag" = String, description = "Since 1.2: the task's version, quoted"))),
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
    let json: serde_json::Value = read_json(&req, payload)
        .await?
        .ok_or(ApiError::BadRequest("request body is not valid JSON"))?;
    let once = once_key(&req, &json)?;
    let body: CreateTaskRequest = into_shape(json)?;
    let new_task = body.try_into_domain().map_err(ApiError::Unprocessable)?;
    let task = match once {
        Some(once) => {
            tasks
                .run(move |s| s.create_once(&scope, &new_task, &once))
                .await?
        }
        None => tasks.run(move |s| s.create(&scope, &new_task)).await?,
    };
    let location = task_location(task.user_id.as_str(), task.id.get());
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .insert_header(etag(task.version))
        .json(TaskBody::from(task)))
}
