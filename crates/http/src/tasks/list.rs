use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};

use super::Tasks;
use super::params::ListParams;
use super::responses::{AccessErrors, InvalidQuery};
use super::wire::TaskBody;
use crate::identity::{OwnerTasks, TasksPath};
use crate::stream::{StreamHub, open_stream, wants_event_stream};
use crate::{ApiError, Problem};

/// List the caller's tasks, filtered, searched, sorted and paged; or, with
/// `Accept: text/event-stream`, stream their changes (Server-Sent Events).
///
/// The stream starts with `retry: 3000` and the comment `: connected`; then sends
/// `created` and `updated` events carrying the whole task, `deleted` events carrying
/// `{"id":N}`, a `: heartbeat` comment every 15 s, and `end` with
/// `{"reason":"token_expired"|"shutdown"|"resync"}` before the server ends it. List
/// parameters are ignored by the stream. Reload the list after every reconnect:
/// changes between two streams are not replayed.
#[utoipa::path(
    get,
    path = "/api/{user_id}/tasks",
    tag = "tasks",
    params(TasksPath, ListParams),
    responses(
        (status = 200, description = "One page of tasks; or the change stream",
            content(
                (Vec<TaskBody> = "application/json"),
                (String = "text/event-stream",
                    example = "retry: 3000\n: connected\n\nevent: deleted\ndata: {\"id\":42}\n\n"),
            ),
            headers(("X-Total-Count" = i64, description = "Matching tasks before limit/offset (JSON list only)"))),
        (status = 429, description = "The stream only: this user already has 5 streams open",
            body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before retrying"))),
        AccessErrors, InvalidQuery,
    ),
    security(("bearer" = []))
)]
pub(crate) async fn list_tasks(
    req: HttpRequest,
    target: OwnerTasks,
    query: web::Query<Vec<(String, String)>>,
    tasks: web::Data<Tasks>,
    streams: web::Data<StreamHub>,
) -> Result<HttpResponse, ApiError> {
    if wants_event_stream(req.headers()) {
        let hub: Arc<StreamHub> = streams.into_inner();
        return open_stream(&hub, target.scope, target.expires_at).await;
    }
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
