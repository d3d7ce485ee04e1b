//! The HTTP face of the Todo API: actix-web routes, wire types and problem+json errors.
//!
//! It reaches tasks only through `todo_domain::TaskService`, whose every method needs
//! an `OwnerScope`; the only scopes it can get come from the `Authenticated` extractor,
//! i.e. from a token `todo-auth` verified. It must never depend on diesel or
//! `todo-persistence`, and never create a `Caller` itself (see `clippy.toml`).

mod body;
mod health;
mod identity;
mod openapi;
mod problem;
mod tasks;

use std::sync::Arc;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, CONTENT_TYPE};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Logger};
use actix_web::{App, HttpResponse, web};
use todo_auth::Verifier;
use todo_domain::TaskService;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

pub use openapi::ApiDoc;
pub use problem::{ApiError, PROBLEM_JSON, Problem};

/// What every worker shares.
#[derive(Clone)]
pub struct ApiState {
    pub tasks: Arc<TaskService>,
    pub verifier: Verifier,
}

/// HTTP-only settings.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Origins allowed by CORS, e.g. `http://localhost:3000`.
    pub cors_origins: Vec<String>,
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
    App::new()
        .app_data(web::Data::from(state.tasks))
        .app_data(web::Data::new(state.verifier))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|_, _| ApiError::BadRequest("malformed query string").into()),
        )
        .wrap(ErrorHandlers::new().default_handler(problem_fallback))
        .wrap(cors(&config))
        // The path only: no query string (it may hold search text) and no headers
        // (Authorization) are logged.
        .wrap(
            Logger::new("%{r}a \"%{method}xi %U\" %s %b %Dms")
                .custom_request_replace("method", |req| req.method().to_string()),
        )
        .route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .service(web::redirect("/docs", "/docs/"))
        .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", ApiDoc::openapi()))
        .service(
            web::resource("/api/{user_id}/tasks")
                .route(web::get().to(tasks::list_tasks))
                .route(web::post().to(tasks::create_task))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/api/{user_id}/tasks/{id}")
                .route(web::get().to(tasks::get_task))
                .route(web::put().to(tasks::update_task))
                .route(web::delete().to(tasks::delete_task))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/api/{user_id}/tasks/{id}/complete")
                .route(web::patch().to(tasks::set_task_completion))
                .default_service(web::to(method_not_allowed)),
        )
        .default_service(web::to(not_found))
}

fn cors(config: &HttpConfig) -> Cors {
    config
        .cors_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers(["X-Total-Count", "Location"])
        .max_age(3600)
}

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed)
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
