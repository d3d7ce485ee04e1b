//! The served OpenAPI 3.1 document: the project's own copy of the API contract.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::health::{__path_healthz, __path_readyz, Health, Readiness};
use crate::problem::{Problem, ProblemField};
use crate::tasks::wire::{CreateTaskRequest, SetCompletionRequest, TaskBody, UpdateTaskRequest};
use crate::tasks::{
    __path_create_task, __path_delete_task, __path_get_task, __path_list_tasks,
    __path_set_task_completion, __path_update_task,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Todo API",
        version = "1",
        description = "Per-user tasks. Every `/api` request carries `Authorization: Bearer <JWT>` \
issued by the web app's Better Auth `jwt` plugin and verified against its JWKS. The token's \
`sub` is the user id: `{user_id}` in a path must equal it (else 403), and a task of another \
user is reported as missing (404). Every error is `application/problem+json` (RFC 9457); \
a 503 carries `Retry-After`."
    ),
    paths(
        list_tasks, create_task, get_task, update_task, delete_task, set_task_completion,
        healthz, readyz
    ),
    components(schemas(
        TaskBody, CreateTaskRequest, UpdateTaskRequest, SetCompletionRequest, Problem,
        ProblemField, Health, Readiness
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "tasks", description = "The caller's own tasks"),
        (name = "service", description = "Health and readiness, no authentication"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A JWT from the web app's `/api/auth/token`"))
                    .build(),
            ),
        );
    }
}
