use actix_web::{HttpResponse, web};

use super::Tasks;
use super::params::ListParams;
use super::responses::{AccessErrors, InvalidQuery};
use super::wire::TaskBody;
use crate::ApiError;
use crate::identity::{OwnerTasks, TasksPath};

/// List the caller's tasks, filtered, searched, sorted and paged.
#[utoipa::path(
    get,
    path = "/api/{user_id}/tasks",
    tag = "tasks",
    params(TasksPath, ListParams),
    responses(
        (status = 200, description = "One page of tasks", body = [TaskBody],
            headers(("X-Total-Count" = i64, description = "Matching tasks before limit/offset"))),
        AccessErrors, InvalidQuery,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn list_tasks(
    target: OwnerTasks,
    query: web::Query<Vec<(String, String)>>,
    tasks: web::Data<Tasks>,
) -> Result<HttpResponse, ApiError> {
    let scope = target.scope;
    let query = ListParams::from_pairs(query.into_inner())
        .try_into_domain()
        .map_err(ApiError::Unprocessable)?;
    let page = tasks.run(move |s| s.list(&scope, &query)).await?;
    let body: Vec<TaskBody> = page.tasks.into_iter().map(TaskBody::from).collect();
    Ok(HttpResponse::Ok()
        .insert_header(("X-Total-Count", page.total.to_string()))
        .json(body))
}
