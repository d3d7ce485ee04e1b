//! The served OpenAPI 3.1 document: the project's own copy of the API contract.

use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::request_body::RequestBody;
use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, Required, ResponseBuilder, Schema};
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
        version = "1.2",
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
    modifiers(&BearerAuth, &Precise),
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

/// What the derive macros cannot say, so that the document states exactly what the
/// server accepts (the schemathesis pass in `fuzz/` holds the server to it).
struct Precise;

impl Modify for Precise {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        crate::openapi_planning::describe(openapi);
        titles_follow_the_title_rule(openapi);
        optional_bodies_are_absent_not_null(openapi);
        update_sets_at_least_one_field(openapi);
        crate::openapi_planning::rules_between_fields(openapi);
        document_the_document(openapi);
    }
}

/// `TaskTitle::parse`: 1 to 200 characters once trimmed, no NUL. `minLength` and
/// `maxLength` would count the untrimmed text, so the rule is a pattern: optional
/// leading and trailing whitespace (exactly what `str::trim` removes, Unicode
/// `White_Space`) around a first and a last character that are neither whitespace
/// nor NUL, at most 200 in all. Characters are Unicode scalar values, as in JSON
/// Schema's own lengths.
fn title_pattern() -> String {
    let ws = r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
    format!(r"^[{ws}]*[^\u0000{ws}](?:[^\u0000]{{0,198}}[^\u0000{ws}])?[{ws}]*$")
}

fn titles_follow_the_title_rule(openapi: &mut utoipa::openapi::OpenApi) {
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    for body in ["CreateTaskRequest", "UpdateTaskRequest"] {
        if let Some(RefOr::T(Schema::Object(body))) = components.schemas.get_mut(body)
            && let Some(RefOr::T(Schema::Object(title))) = body.properties.get_mut("title")
        {
            title.pattern = Some(title_pattern());
        }
    }
}

/// An optional body (`request_body(content = Option<T>)`) may be left out; utoipa
/// also makes its schema nullable, but a JSON `null` body is not an object (422).
fn optional_bodies_are_absent_not_null(openapi: &mut utoipa::openapi::OpenApi) {
    let is_null = |schema: &RefOr<Schema>| matches!(schema, RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null));
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let Some(RefOr::T(body)) = operation.request_body.as_mut() else {
                continue;
            };
            let body: &mut RequestBody = body;
            if body.required == Some(Required::True) {
                continue;
            }
            for content in body.content.values_mut() {
                let RefOr::T(content) = content else { continue };
                if let Some(RefOr::T(Schema::OneOf(one_of))) = &content.schema {
                    let rest: Vec<_> = one_of.items.iter().filter(|s| !is_null(s)).collect();
                    if let [only] = rest[..] {
                        content.schema = Some(only.clone());
                    }
                }
            }
        }
    }
}

/// `PUT` must set at least one of the fields it knows (others are ignored): 422 otherwise.
fn update_sets_at_least_one_field(openapi: &mut utoipa::openapi::OpenApi) {
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    let Some(RefOr::T(Schema::Object(body))) = components.schemas.get("UpdateTaskRequest") else {
        return;
    };
    let mut body = body.clone();
    let description = body.description.take();
    let one_of_them = body
        .properties
        .keys()
        .fold(AnyOfBuilder::new(), |any, field| {
            any.item(ObjectBuilder::new().required(field))
        });
    let schema = AllOfBuilder::new()
        .description(description)
        .item(body)
        .item(one_of_them)
        .build();
    components.schemas.insert(
        "UpdateTaskRequest".to_owned(),
        RefOr::T(Schema::AllOf(schema)),
    );
}

/// `GET /openapi.json` is served (by the docs UI's service) too: this document.
fn document_the_document(openapi: &mut utoipa::openapi::OpenApi) {
    let document = ObjectBuilder::new()
        .required("openapi")
        .required("info")
        .required("paths")
        .property("openapi", ObjectBuilder::new().schema_type(Type::String))
        .build();
    let operation = OperationBuilder::new()
        .tag("service")
        .summary(Some("This OpenAPI 3.1 document."))
        .operation_id(Some("openapi"))
        .response(
            "200",
            ResponseBuilder::new()
                .description("The OpenAPI document of this service")
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(document)).build(),
                ),
        )
        .build();
    openapi.paths.paths.insert(
        "/openapi.json".to_owned(),
        PathItem::new(HttpMethod::Get, operation),
    );
}
