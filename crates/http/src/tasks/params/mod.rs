//! Query parameters of `GET /api/{user_id}/tasks`: parsed per field, every broken
//! one reported, ranges checked with `validator`.

use std::collections::HashMap;

use serde::Deserialize;
use todo_domain::{FieldError, SortKey, SortOrder, StatusFilter, TaskQuery};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

const DEFAULT_LIMIT: i64 = 100;

/// The list parameters as they appear in the query string.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `all` (default), `pending` or `completed`.
    #[param(inline, value_type = Option<StatusValue>)]
    status: Option<String>,
    /// `created` (default), `updated` or `title`.
    #[param(inline, value_type = Option<SortValue>)]
    sort: Option<String>,
    /// `asc` or `desc`; defaults to `desc` for `created`/`updated`, `asc` for `title`.
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

fn one_of<T: Copy>(
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
    pub fn from_pairs(pairs: HashMap<String, String>) -> Self {
        let mut pairs = pairs;
        Self {
            status: pairs.remove("status"),
            sort: pairs.remove("sort"),
            order: pairs.remove("order"),
            q: pairs.remove("q"),
            limit: pairs.remove("limit"),
            offset: pairs.remove("offset"),
        }
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
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.field);
            return Err(errors);
        }
        let search = Some(q.trim().to_owned()).filter(|q| !q.is_empty());
        Ok(TaskQuery::new(
            status.unwrap_or_default(),
            sort.unwrap_or_default(),
            order,
            search,
            u32::try_from(bounds.limit).unwrap_or(u32::MAX),
            u64::try_from(bounds.offset).unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<TaskQuery, Vec<FieldError>> {
        let map = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ListParams::from_pairs(map).try_into_domain()
    }

    #[test]
    fn defaults_match_the_contract() {
        let q = parse(&[]).expect("defaults");
        assert_eq!(q, TaskQuery::default());
        assert_eq!(q.limit(), 100);
        assert_eq!(q.order, SortOrder::Desc);
    }

    #[test]
    fn every_parameter_is_read() {
        let q = parse(&[
            ("status", "pending"),
            ("sort", "title"),
            ("order", "desc"),
            ("q", " milk "),
            ("limit", "200"),
            ("offset", "5"),
        ])
        .expect("valid");
        assert_eq!(q.status, StatusFilter::Pending);
        assert_eq!(q.sort, SortKey::Title);
        assert_eq!(q.order, SortOrder::Desc);
        assert_eq!(q.search.as_deref(), Some("milk"));
        assert_eq!((q.limit(), q.offset), (200, 5));
    }

    #[test]
    fn unknown_values_and_bad_numbers_are_each_reported() {
        let errors = parse(&[
            ("status", "done"),
            ("sort", "priority"),
            ("order", "up"),
            ("limit", "0"),
            ("offset", "-1"),
        ])
        .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["limit", "offset", "order", "sort", "status"]);
        assert_eq!(errors[4].message, "must be one of all, pending, completed");
    }

    #[test]
    fn limit_bounds_are_inclusive() {
        assert!(parse(&[("limit", "1")]).is_ok());
        assert!(parse(&[("limit", "201")]).is_err());
        assert!(parse(&[("limit", "ten")]).is_err());
        assert!(parse(&[("q", &"x".repeat(201))]).is_err());
    }

    #[test]
    fn a_search_with_nul_is_rejected_before_it_reaches_the_database() {
        let errors = parse(&[("q", "milk\0")]).expect_err("NUL");
        assert_eq!(
            errors,
            [FieldError::new("q", "must not contain NUL characters")]
        );
    }

    #[test]
    fn values_are_case_sensitive() {
        assert!(parse(&[("status", "Pending")]).is_err());
    }
}
