//! The parts of the OpenAPI document about the fields since 1.1 that the derive
//! macros cannot say: the request bodies' planning fields inline, the rules between
//! fields that a schema can state, the tag rule, and the time zone names.

use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, ArrayItems, Object, ObjectBuilder, Type,
};
use utoipa::openapi::{OpenApi, RefOr, Schema};

const BODIES: [&str; 2] = ["CreateTaskRequest", "UpdateTaskRequest"];

/// Runs before the other refinements of the bodies, which expect one object each.
pub(crate) fn describe(openapi: &mut OpenApi) {
    inline_planning_fields(openapi);
    tags_follow_the_tag_rule(openapi);
    empty_priorities_are_ignored(openapi);
    time_zones_are_named(openapi);
}

/// `#[serde(flatten)]` comes out as `allOf` with a separate schema; a client sees one
/// object with all its fields.
fn inline_planning_fields(openapi: &mut OpenApi) {
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    let Some(RefOr::T(Schema::Object(planning))) = components.schemas.remove("PlanningFields")
    else {
        return;
    };
    for name in BODIES {
        let Some(RefOr::T(Schema::AllOf(all_of))) = components.schemas.get(name) else {
            continue;
        };
        let description = all_of.description.clone();
        let Some(RefOr::T(Schema::Object(own))) = all_of
            .items
            .iter()
            .find(|item| matches!(item, RefOr::T(Schema::Object(_))))
            .cloned()
        else {
            continue;
        };
        let mut merged: Object = own;
        merged.description = description;
        merged.properties.extend(planning.properties.clone());
        components
            .schemas
            .insert(name.to_owned(), RefOr::T(Schema::Object(merged)));
    }
}

/// `Tag::parse`: trimmed, then 1 to 32 characters, no comma, no control character.
/// As for titles, a pattern around first and last characters that are not
/// whitespace (which `str::trim` would remove).
fn tag_pattern() -> String {
    let ws = r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
    let banned = r",\u0000-\u001F\u007F-\u009F";
    format!(r"^[{ws}]*[^{banned}{ws}](?:[^{banned}]{{0,30}}[^{banned}{ws}])?[{ws}]*$")
}

fn tags_follow_the_tag_rule(openapi: &mut OpenApi) {
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    for name in BODIES {
        if let Some(RefOr::T(Schema::Object(body))) = components.schemas.get_mut(name) {
            follow_the_tag_rule(body.properties.get_mut("tags"));
        }
    }
    if let Some(list) = list_operation(openapi) {
        for parameter in list.parameters.iter_mut().flatten() {
            if let RefOr::T(parameter) = parameter
                && parameter.name == "tag"
            {
                follow_the_tag_rule(parameter.schema.as_mut());
            }
        }
    }
}

/// Gives the items of an array of tags the tag rule's pattern.
fn follow_the_tag_rule(tags: Option<&mut RefOr<Schema>>) {
    if let Some(RefOr::T(Schema::Array(tags))) = tags
        && let ArrayItems::RefOrSchema(item) = &mut tags.items
        && let RefOr::T(Schema::Object(item)) = item.as_mut()
    {
        item.pattern = Some(tag_pattern());
    }
}

/// `priority=high,,low` and a bare `priority=` (which a client joining no choice
/// sends) are accepted, their empty entries ignored: the items may be empty.
fn empty_priorities_are_ignored(openapi: &mut OpenApi) {
    let Some(list) = list_operation(openapi) else {
        return;
    };
    for parameter in list.parameters.iter_mut().flatten() {
        if let RefOr::T(parameter) = parameter
            && parameter.name == "priority"
            && let Some(RefOr::T(Schema::Array(priorities))) = parameter.schema.as_mut()
            && let ArrayItems::RefOrSchema(item) = &mut priorities.items
            && let RefOr::T(Schema::Object(item)) = item.as_mut()
            && let Some(names) = item.enum_values.as_mut()
        {
            names.push("".into());
        }
    }
}

fn list_operation(openapi: &mut OpenApi) -> Option<&mut utoipa::openapi::path::Operation> {
    openapi
        .paths
        .paths
        .get_mut("/api/{user_id}/tasks")?
        .get
        .as_mut()
}

/// A property that, when present, is `null`; and one that is present and a string.
fn null_if_present(field: &str) -> Object {
    ObjectBuilder::new()
        .property(field, ObjectBuilder::new().schema_type(Type::Null))
        .build()
}

fn present_string(field: &str) -> Object {
    ObjectBuilder::new()
        .required(field)
        .property(field, ObjectBuilder::new().schema_type(Type::String))
        .build()
}

/// What a schema can state of the rules between fields: `due_at` and `due_date` are
/// not both set, and a task created with a repeat rule has a due. (A `PUT` is checked
/// against the stored task too, and a reminder against the due: 422 when broken.)
/// Runs last: it turns each body into an `allOf`.
pub(crate) fn rules_between_fields(openapi: &mut OpenApi) {
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    let one_due = AnyOfBuilder::new()
        .item(null_if_present("due_at"))
        .item(null_if_present("due_date"))
        .build();
    let repeats_with_a_due = AnyOfBuilder::new()
        .item(null_if_present("recurrence"))
        .item(present_string("due_at"))
        .item(present_string("due_date"))
        .build();
    for name in BODIES {
        let Some(RefOr::T(body)) = components.schemas.remove(name) else {
            continue;
        };
        let mut all = match body {
            Schema::AllOf(all) => all,
            Schema::Object(mut object) => {
                let description = object.description.take();
                AllOfBuilder::new()
                    .description(description)
                    .item(object)
                    .build()
            }
            other => {
                components.schemas.insert(name.to_owned(), RefOr::T(other));
                continue;
            }
        };
        all.items.push(RefOr::T(Schema::AnyOf(one_due.clone())));
        if name == "CreateTaskRequest" {
            all.items
                .push(RefOr::T(Schema::AnyOf(repeats_with_a_due.clone())));
        }
        components
            .schemas
            .insert(name.to_owned(), RefOr::T(Schema::AllOf(all)));
    }
}

/// A `tz` is one of the IANA names the server knows: listed, so that a client (and
/// the fuzzer) knows exactly which. The list's is `UTC` by default; a rule's may be
/// `null`.
fn time_zones_are_named(openapi: &mut OpenApi) {
    let names = || chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    if let Some(components) = openapi.components.as_mut()
        && let Some(RefOr::T(Schema::Object(rule))) =
            components.schemas.get_mut("RecurrenceRequest")
        && let Some(tz) = rule.properties.get_mut("tz")
    {
        let mut any: Vec<serde_json::Value> = names().map(Into::into).collect();
        any.push(serde_json::Value::Null);
        *tz = RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]))
                .enum_values(Some(any))
                .description(Some("The IANA zone whose wall-clock time a timed due keeps from one occurrence to the next; `null` keeps its UTC time."))
                .build(),
        ));
    }
    let Some(list) = list_operation(openapi) else {
        return;
    };
    for parameter in list.parameters.iter_mut().flatten() {
        if let RefOr::T(parameter) = parameter
            && parameter.name == "tz"
        {
            parameter.schema = Some(RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(names()))
                    .default(Some("UTC".into()))
                    .build(),
            )));
        }
    }
}
