//! `/healthz` (the process runs) and `/readyz` (it can serve: database and JWKS).

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::{HttpResponse, web};
use serde::Serialize;
use todo_auth::Verifier;
use todo_domain::TaskService;
use utoipa::ToSchema;

use crate::tasks::Tasks;
use crate::{Lifecycle, Problem};

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    status: &'static str,
}

/// Liveness: 200 while the process runs.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "The process is running", body = Health)))]
pub(crate) async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    #[schema(example = "ready")]
    status: &'static str,
    #[schema(example = "ok")]
    database: &'static str,
    #[schema(example = "ok")]
    jwks: &'static str,
}

/// Readiness: 200 when the database answers and the JWKS is loaded; otherwise 503,
/// naming what is missing.
#[utoipa::path(get, path = "/readyz", tag = "service",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "Shutting down, database unreachable or JWKS not loaded yet", body = Problem,
            content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before retrying"))),
    ))]
pub(crate) async fn readyz(
    tasks: web::Data<Tasks>,
    verifier: web::Data<Verifier>,
    lifecycle: web::Data<Lifecycle>,
) -> HttpResponse {
    let draining = lifecycle.is_draining();
    // Draining answers at once: the load balancer must stop sending now.
    let database_ok = draining || tasks.run(TaskService::check_storage).await.is_ok();
    let jwks_ok = verifier.is_ready();
    if !draining && database_ok && jwks_ok {
        return HttpResponse::Ok().json(Readiness {
            status: "ready",
            database: "ok",
            jwks: "ok",
        });
    }
    let missing: Vec<&str> = [
        draining.then_some("shutting down"),
        (!database_ok).then_some("database unreachable"),
        (!jwks_ok).then_some("JWKS not loaded"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut response = Problem::new(StatusCode::SERVICE_UNAVAILABLE, missing.join("; ")).respond();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("5"));
    response
}
