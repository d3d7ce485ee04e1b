use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, web};
use todo_domain::TaskService;

use super::wire::{CreateTaskRequest, TaskBody};
use super::{blocking, task_location};
use crate::body::read_json;
use crate::identity::Authenticated;
use crate::{ApiError, Problem};

/// Create a task owned by the caller.
#[utoipa::path(
    post,
    path = "/api/{user_id}/tasks",
    tag = "tasks",
    params(("user_id" = String, Path, description = "Must equal the token's `sub`")),
    request_body = CreateTaskRequest,
    responses(
        (status = 201, description = "Created", body = TaskBody,
            headers(("Location" = String, description = "/api/{user_id}/tasks/{id}"))),
        (status = 400, description = "Body is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Path user is not the caller", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks a rule", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database or JWKS unavailable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub(crate) async fn create_task(
    caller: Authenticated,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
    service: web::Data<TaskService>,
) -> Result<HttpResponse, ApiError> {
    let scope = caller.scope_to(&path)?;
    let body: CreateTaskRequest = read_json(&req, payload)
        .await?
        .ok_or(ApiError::BadRequest("request body is not valid JSON"))?;
    let new_task = body.try_into_domain().map_err(ApiError::Unprocessable)?;
    let task = blocking(service, move |s| s.create(&scope, &new_task)).await?;
    let location = task_location(task.user_id.as_str(), task.id.get());
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(TaskBody::from(task)))
}
