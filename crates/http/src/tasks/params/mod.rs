//! Query parameters of `GET /api/{user_id}/tasks`: parsed per field, every broken
//! one reported, ranges checked with `validator`.

use serde::Deserialize;
use todo_domain::{FieldError, SortKey, SortOrder, StatusFilter, TaskQuery};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::wire::PriorityName;

mod planning;

use planning::Planning;

const DEFAULT_LIMIT: i64 = 100;

/// The list parameters as they appear in the query string.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `all` (default), `pending` or `completed`.
    #[param(inline, value_type = Option<StatusValue>)]
    status: Option<String>,
    /// `created` (default), `updated`, `title`, `due` or `priority` (the last two since 1.1).
    #[param(inline, value_type = Option<SortValue>)]
    sort: Option<String>,
    /// `asc` or `desc`; defaults to `desc` for `created`/`updated`/`priority`, `asc`
    /// for `title`/`due`.
    #[param(inline, value_type = Option<OrderValue>)]
    order: Option<String>,
    /// Case-insensitive substring of title or description: at most 200 characters
    /// (Unicode scalar values), no NUL.
    #[param(value_type = Option<String>, max_length = 200, pattern = "^[^\\u0000]*$")]
    q: Option<String>,
    /// 1 to 200, default 100.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// 0 or more, default 0.
    #[param(value_type = Option<i64>, minimum = 0)]
    offset: Option<String>,
    /// Since 1.1: any of these priorities, comma-separated (`high,medium`).
    #[param(inline, value_type = Option<Vec<PriorityName>>, style = Form, explode = false)]
    priority: Vec<String>,
    /// Since 1.1: a tag the task must have (ignoring case); repeat for several.
    #[param(value_type = Option<Vec<String>>, style = Form, explode = true, max_items = 10)]
    tag: Vec<String>,
    /// Since 1.1: the due is before this RFC 3339 instant.
    #[param(value_type = Option<String>, format = DateTime)]
    due_before: Option<String>,
    /// Since 1.1: the due is at or after this RFC 3339 instant.
    #[param(value_type = Option<String>, format = DateTime)]
    due_after: Option<String>,
    /// Since 1.1: `true` keeps tasks with a due, `false` those without.
    #[param(value_type = Option<bool>)]
    has_due: Option<String>,
    /// Since 1.1: the IANA time zone in which date-only dues begin; default `UTC`.
    #[param(value_type = Option<String>, example = "Europe/Paris")]
    tz: Option<String>,
}

// The accepted values of `status`, `sort` and `order`, for the OpenAPI document only
// (an `enum` there, exact, where a `pattern` would let some regex engines accept a
// trailing newline). Parsing is `one_of` below, against the same names.

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
enum StatusValue {
    All,
    Pending,
    Completed,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
enum SortValue {
    Created,
    Updated,
    Title,
    Due,
    Priority,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only describes a parameter in the OpenAPI document"
)]
enum OrderValue {
    Asc,
    Desc,
}

/// The numeric and length rules, checked once the values are parsed.
#[derive(Validate)]
struct Bounds<'a> {
    #[validate(range(min = 1, max = 200, message = "must be an integer from 1 to 200"))]
    limit: i64,
    #[validate(range(min = 0, message = "must be an integer of 0 or more"))]
    offset: i64,
    #[validate(length(max = 200, message = "must be at most 200 characters"))]
    q: &'a str,
}

pub(super) fn one_of<T: Copy>(
    field: &'static str,
    raw: Option<&str>,
    choices: &[(&str, T)],
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let raw = raw?;
    let found = choices
        .iter()
        .find(|(name, _)| *name == raw)
        .map(|(_, v)| *v);
    if found.is_none() {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        errors.push(FieldError::new(
            field,
            format!("must be one of {}", names.join(", ")),
        ));
    }
    found
}

fn integer(
    field: &'static str,
    raw: Option<&str>,
    default: i64,
    errors: &mut Vec<FieldError>,
) -> Option<i64> {
    match raw {
        None => Some(default),
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(FieldError::new(field, "must be an integer"));
                None
            }
        },
    }
}

impl ListParams {
    /// A repeated parameter counts once, its last value (as in version 1), except
    /// `tag` and `priority`, whose values add up.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut params = Self::default();
        for (name, value) in pairs {
            let slot = match name.as_str() {
                "status" => &mut params.status,
                "sort" => &mut params.sort,
                "order" => &mut params.order,
                "q" => &mut params.q,
                "limit" => &mut params.limit,
                "offset" => &mut params.offset,
                "due_before" => &mut params.due_before,
                "due_after" => &mut params.due_after,
                "has_due" => &mut params.has_due,
                "tz" => &mut params.tz,
                "tag" => {
                    params.tag.push(value);
                    continue;
                }
                "priority" => {
                    params.priority.push(value);
                    continue;
                }
                _ => continue,
            };
            *slot = Some(value);
        }
        params
    }

    /// # Errors
    /// Every unknown value and out-of-range number.
    pub fn try_into_domain(self) -> Result<TaskQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let status = one_of(
            "status",
            self.status.as_deref(),
            &[
                ("all", StatusFilter::All),
                ("pending", StatusFilter::Pending),
                ("completed", StatusFilter::Completed),
            ],
            &mut errors,
        );
        let sort = one_of(
            "sort",
            self.sort.as_deref(),
            &[
                ("created", SortKey::Created),
                ("updated", SortKey::Updated),
                ("title", SortKey::Title),
                ("due", SortKey::Due),
                ("priority", SortKey::Priority),
            ],
            &mut errors,
        );
        let order = one_of(
            "order",
            self.order.as_deref(),
            &[("asc", SortOrder::Asc), ("desc", SortOrder::Desc)],
            &mut errors,
        );
        let limit = integer("limit", self.limit.as_deref(), DEFAULT_LIMIT, &mut errors);
        let offset = integer("offset", self.offset.as_deref(), 0, &mut errors);
        let q = self.q.unwrap_or_default();
        let bounds = Bounds {
            limit: limit.unwrap_or(DEFAULT_LIMIT),
            offset: offset.unwrap_or(0),
            q: &q,
        };
        if let Err(invalid) = bounds.validate() {
            for (field, field_errors) in invalid.field_errors() {
                let field = match field.as_ref() {
                    "limit" => "limit",
                    "offset" => "offset",
                    _ => "q",
                };
                for e in field_errors {
                    let message = e.message.as_deref().unwrap_or("is out of range");
                    errors.push(FieldError::new(field, message));
                }
            }
        }
        // PostgreSQL text cannot hold NUL: the search would fail in the database.
        if q.contains('\0') {
            errors.push(FieldError::new("q", "must not contain NUL characters"));
        }
        let planning = Planning::read(
            &self.priority,
            &self.tag,
            [self.due_after.as_deref(), self.due_before.as_deref()],
            self.has_due.as_deref(),
            self.tz.as_deref(),
            &mut errors,
        );
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.field);
            return Err(errors);
        }
        let search = Some(q.trim().to_owned()).filter(|q| !q.is_empty());
        let mut query = TaskQuery::new(
            status.unwrap_or_default(),
            sort.unwrap_or_default(),
            order,
            search,
            u32::try_from(bounds.limit).unwrap_or(u32::MAX),
            u64::try_from(bounds.offset).unwrap_or_default(),
        );
        query.priorities = planning.priorities;
        query.tags = planning.tags;
        query.due = planning.due;
        query.tz = planning.tz;
        Ok(query)
    }
}

#[cfg(test)]
mod tests;
