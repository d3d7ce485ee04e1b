//! The HTTP face of the Todo API: actix-web routes, wire types and problem+json errors.
//!
//! It reaches tasks only through `todo_domain::TaskService`, whose every method needs
//! an `OwnerScope`; the only scopes it can get come from the `Authenticated` extractor,
//! i.e. from a token `todo-auth` verified. It must never depend on diesel or
//! `todo-persistence`, and never create a `Caller` itself (see `clippy.toml`).

mod body;
mod health;
mod identity;
mod lifecycle;
mod openapi;
mod openapi_planning;
mod problem;
mod stream;
mod tasks;

use std::sync::Arc;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, CONTENT_TYPE};
use actix_web::middleware::{self, ErrorHandlerResponse, ErrorHandlers, Logger};
use actix_web::{App, HttpResponse, web};
use todo_auth::Verifier;
use todo_domain::TaskService;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::tasks::Tasks;

pub use lifecycle::Lifecycle;
pub use openapi::ApiDoc;
pub use problem::{ApiError, PROBLEM_JSON, Problem};
pub use stream::{StreamConfig, StreamHub};

/// What every worker shares.
#[derive(Clone)]
pub struct ApiState {
    pub tasks: Arc<TaskService>,
    pub verifier: Verifier,
    pub lifecycle: Arc<Lifecycle>,
    /// This process's change streams (see [`StreamHub::start`]).
    pub streams: Arc<StreamHub>,
}

/// HTTP-only settings.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Origins allowed by CORS, e.g. `http://localhost:3000`.
    pub cors_origins: Vec<String>,
    /// The longest a request waits for its storage work before it is answered 503.
    pub storage_deadline: Duration,
    /// Whether `X-Forwarded-For`/`Forwarded` come from a proxy of ours and may be
    /// logged as the client's address; otherwise only the peer address is logged.
    pub trust_proxy: bool,
    /// Change streams: heartbeat and limits.
    pub streams: StreamConfig,
}

/// The whole application, as each worker builds it.
pub fn app(
    state: ApiState,
    config: HttpConfig,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    // `%a` is the peer; `%{r}a` is whatever a client or proxy put in the forwarding
    // headers, so it is logged only when a proxy of ours sets them.
    let client = if config.trust_proxy { "%{r}a" } else { "%a" };
    App::new()
        .app_data(web::Data::new(Tasks::new(
            state.tasks,
            config.storage_deadline,
        )))
        .app_data(web::Data::new(state.verifier))
        .app_data(web::Data::from(state.lifecycle))
        .app_data(web::Data::from(state.streams))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|_, _| ApiError::BadRequest("malformed query string").into()),
        )
        .wrap(ErrorHandlers::new().default_handler(problem_fallback))
        .wrap(cors(&config))
        .wrap(middleware::from_fn(lifecycle::track))
        // The path only: no query string (it may hold search text) and no headers
        // (Authorization) are logged. Below `info` the logger is not there at all: it
        // renders its fields on every request, whether the line is written or not.
        .wrap(middleware::Condition::new(
            log::log_enabled!(target: "actix_web::middleware::logger", log::Level::Info),
            Logger::new(&format!("{client} \"%{{method}}xi %U\" %s %b %Dms"))
                .custom_request_replace("method", |req| req.method().to_string()),
        ))
        // Paths are tried in this order, each dynamic one by a regex: the task
        // routes, which are nearly every request, come first. No two patterns match
        // one path, so the order changes nothing else.
        .service(
            web::resource("/api/{user_id}/tasks/{id}")
                .route(web::get().to(tasks::get_task))
                .route(web::put().to(tasks::update_task))
                .route(web::delete().to(tasks::delete_task))
                .default_service(method_not_allowed("GET, PUT, DELETE")),
        )
        .service(
            web::resource("/api/{user_id}/tasks")
                .route(web::get().to(tasks::list_tasks))
                .route(web::post().to(tasks::create_task))
                .default_service(method_not_allowed("GET, POST")),
        )
        .service(
            web::resource("/api/{user_id}/tasks/{id}/complete")
                .route(web::patch().to(tasks::set_task_completion))
                .default_service(method_not_allowed("PATCH")),
        )
        .service(only_get("/healthz", health::healthz))
        .service(only_get("/readyz", health::readyz))
        .service(
            web::resource("/docs")
                .route(web::get().to(|| async { web::Redirect::to("/docs/") }))
                .default_service(method_not_allowed("GET")),
        )
        .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", ApiDoc::openapi()))
        // The docs UI answers GET only; other methods on its paths fall through to here.
        .service(web::resource("/openapi.json").default_service(method_not_allowed("GET")))
        .service(web::resource("/docs/{_:.*}").default_service(method_not_allowed("GET")))
        .default_service(web::to(not_found))
}

fn cors(config: &HttpConfig) -> Cors {
    config
        .cors_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            "X-Total-Count",
            "Location",
            "ETag",
            "Retry-After",
            tasks::NEXT_TASK_ID,
        ])
        .max_age(3600)
}

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

/// A resource that answers GET with `handler` and any other method with 405.
fn only_get<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler))
        .default_service(method_not_allowed("GET"))
}

/// The fallback of a resource: 405 naming the methods it does support (`allow`), which
/// are also the operations the OpenAPI document lists for its path.
fn method_not_allowed(allow: &'static str) -> actix_web::Route {
    web::to(move || async move { Err::<HttpResponse, _>(ApiError::MethodNotAllowed { allow }) })
}

/// Errors produced outside our handlers (the framework, the docs UI) become
/// problem+json too; our own problems pass through untouched.
fn problem_fallback<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, old) = res.into_parts();
    let mut response: HttpResponse =
        Problem::new(status, status.canonical_reason().unwrap_or("error")).respond();
    for (name, value) in old.headers() {
        if name != CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}
