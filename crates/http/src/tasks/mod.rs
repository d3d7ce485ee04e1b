//! The task endpoints, one module per action. Each handler authenticates, scopes to
//! the path's user (403 otherwise), reads its input, then runs one service call on
//! the blocking pool: diesel never runs on an async worker.

#[cfg(test)]
mod body_props;
mod complete;
mod conditions;
mod create;
mod delete;
mod get;
mod idempotency;
mod list;
pub(crate) mod params;
#[cfg(test)]
mod params_props;
#[cfg(test)]
mod props;
mod responses;
mod update;
pub(crate) mod wire;
#[cfg(test)]
mod wire_props;

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;
use todo_domain::{TaskError, TaskService};

pub(crate) use complete::{__path_set_task_completion, set_task_completion};
pub(crate) use create::{__path_create_task, create_task};
pub(crate) use delete::{__path_delete_task, delete_task};
pub(crate) use get::{__path_get_task, get_task};
pub(crate) use list::{__path_list_tasks, list_tasks};
pub(crate) use update::{__path_update_task, update_task};

use crate::ApiError;

/// The task service as handlers reach it: each request runs one unit of work on
/// actix's blocking pool (diesel never runs on an async worker), and gets an answer
/// within `deadline` whatever storage does.
pub(crate) struct Tasks {
    service: Arc<TaskService>,
    deadline: Duration,
}

impl Tasks {
    pub(crate) fn new(service: Arc<TaskService>, deadline: Duration) -> Self {
        Self { service, deadline }
    }

    /// Runs `work` on the blocking pool. Past the deadline the request is answered
    /// 503: a connection that stopped answering (a network black hole) must not hold
    /// the client for as long as the OS takes to notice. The work itself finishes, or
    /// fails, in the background; libpq's TCP timeouts bound it.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&TaskService) -> Result<T, TaskError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let service = self.service.clone();
        let deadline = Instant::now() + self.deadline;
        let job = web::block(move || {
            // Work that waited for a thread past the deadline was already answered
            // 503: it must not run (and write) afterwards.
            if Instant::now() >= deadline {
                return Err(TaskError::Unavailable(
                    "the deadline passed before it began".into(),
                ));
            }
            work(&service)
        });
        match actix_web::rt::time::timeout(self.deadline, job).await {
            Ok(done) => done
                .map_err(|e| ApiError::Internal(Box::new(e)))?
                .map_err(ApiError::from),
            Err(_) => Err(ApiError::Unavailable {
                what: "the database",
                source: Some(format!("no answer within {:?}", self.deadline).into()),
            }),
        }
    }
}

/// 200 with the changed task and its `ETag`, naming the next occurrence the change
/// created.
fn revised_response(revised: todo_domain::Revised) -> actix_web::HttpResponse {
    let mut response = actix_web::HttpResponse::Ok();
    if let Some(next) = &revised.next {
        response.insert_header((NEXT_TASK_ID, next.id.get().to_string()));
    }
    response
        .insert_header(conditions::etag(revised.task.version))
        .json(wire::TaskBody::from(revised.task))
}

pub(crate) use conditions::etag;
pub(crate) use idempotency::IDEMPOTENCY_KEY;

/// The header naming the next occurrence a completion created.
pub const NEXT_TASK_ID: &str = "X-Next-Task-Id";

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
