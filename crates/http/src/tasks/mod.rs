//! The task endpoints, one module per action. Each handler authenticates, scopes to
//! the path's user (403 otherwise), reads its input, then runs one service call on
//! the blocking pool: diesel never runs on an async worker.

mod complete;
mod create;
mod delete;
mod get;
mod list;
pub(crate) mod params;
mod responses;
mod update;
pub(crate) mod wire;

use actix_web::web;
use todo_domain::{TaskError, TaskService};

pub(crate) use complete::{__path_set_task_completion, set_task_completion};
pub(crate) use create::{__path_create_task, create_task};
pub(crate) use delete::{__path_delete_task, delete_task};
pub(crate) use get::{__path_get_task, get_task};
pub(crate) use list::{__path_list_tasks, list_tasks};
pub(crate) use update::{__path_update_task, update_task};

use crate::ApiError;

/// Runs one unit of work against the service on actix's blocking thread pool.
async fn blocking<T: Send + 'static>(
    service: web::Data<TaskService>,
    work: impl FnOnce(&TaskService) -> Result<T, TaskError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(move || work(&service))
        .await
        .map_err(|e| ApiError::Internal(Box::new(e)))?
        .map_err(ApiError::from)
}

/// `/api/{user_id}/tasks/{id}` for a created task, with the user id percent-encoded
/// as a path segment.
fn task_location(user_id: &str, id: i64) -> String {
    let mut segment = String::with_capacity(user_id.len());
    for byte in user_id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            segment.push(char::from(byte));
        } else {
            segment.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("/api/{segment}/tasks/{id}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn location_encodes_the_user_segment() {
        assert_eq!(super::task_location("Q3kV0y", 42), "/api/Q3kV0y/tasks/42");
        assert_eq!(
            super::task_location("a b/é", 1),
            "/api/a%20b%2F%C3%A9/tasks/1"
        );
    }
}
