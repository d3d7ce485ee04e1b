//! Properties of the task bodies as JSON values: valid fields become the domain
//! values they describe, and every broken field is named once, in body order.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};
use todo_domain::{Completion, FieldError};

use super::props::{any_text, json, rejected, text, text_char, with_nul};
use super::wire::{CreateTaskRequest, SetCompletionRequest, UpdateTaskRequest};

/// Body order, which is also the order errors are reported in.
const FIELDS: [&str; 3] = ["title", "description", "completed"];
/// Characters `str::trim` removes, ASCII and not.
const SPACES: &[char] = &[
    ' ', '\t', '\n', '\r', '\u{a0}', '\u{2003}', '\u{2028}', '\u{3000}',
];

fn solid_char() -> impl Strategy<Value = char> {
    text_char().prop_filter("not trimmed", |c| !c.is_whitespace())
}

fn spaces() -> impl Strategy<Value = String> {
    vec(select(SPACES), 0..4).prop_map(String::from_iter)
}

/// Text that `trim` leaves alone: `middle` characters between two non-blank ones.
fn trimmed(middle: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    (solid_char(), text(middle), solid_char()).prop_map(|(a, m, z)| format!("{a}{m}{z}"))
}

fn not_string() -> impl Strategy<Value = Value> {
    json().prop_filter("not a string", |v| !v.is_string())
}

/// One field of a generated body and what the parser must make of it.
#[derive(Debug, Clone)]
enum Field<T> {
    Absent,
    Valid(Value, T),
    Broken(Value),
}

impl<T: Clone> Field<T> {
    fn value(&self) -> Option<Value> {
        match self {
            Self::Absent => None,
            Self::Valid(v, _) | Self::Broken(v) => Some(v.clone()),
        }
    }

    fn valid(&self) -> Option<T> {
        match self {
            Self::Valid(_, t) => Some(t.clone()),
            _ => None,
        }
    }
}

fn field<T: Clone + std::fmt::Debug + 'static>(
    valid: impl Strategy<Value = (Value, T)> + 'static,
    broken: impl Strategy<Value = Value> + 'static,
) -> impl Strategy<Value = Field<T>> {
    prop_oneof![
        1 => Just(Field::Absent),
        2 => valid.prop_map(|(v, t)| Field::Valid(v, t)),
        1 => broken.prop_map(Field::Broken),
    ]
}

/// Titles with surrounding whitespace, and the trimmed title they stand for.
fn title() -> impl Strategy<Value = Field<String>> {
    let one = solid_char().prop_map(String::from);
    let valid = (spaces(), prop_oneof![one, trimmed(0..=198)], spaces())
        .prop_map(|(a, t, z)| (Value::from(format!("{a}{t}{z}")), t));
    let broken = prop_oneof![
        not_string(),
        spaces().prop_map(Value::from),
        trimmed(199..=260).prop_map(Value::from),
        with_nul(trimmed(0..=100)).prop_map(Value::from),
    ];
    field(valid, broken)
}

/// Descriptions are kept as written, whitespace included; `null` is no description.
fn description() -> impl Strategy<Value = Field<Option<String>>> {
    let written = (spaces(), text(0..=992), spaces()).prop_map(|(a, d, z)| format!("{a}{d}{z}"));
    let valid = prop_oneof![
        Just((Value::Null, None)),
        written.prop_map(|d| (Value::from(d.clone()), Some(d))),
    ];
    let broken = prop_oneof![
        not_string().prop_filter("not null", |v| !v.is_null()),
        text(1001..=1100).prop_map(Value::from),
        with_nul(text(0..=100)).prop_map(Value::from),
    ];
    field(valid, broken)
}

fn completed() -> impl Strategy<Value = Field<bool>> {
    let broken = prop_oneof![
        Just(Value::Null),
        select(&["true", "false", "1"][..]).prop_map(Value::from),
        json().prop_filter("not a boolean", |v| !v.is_boolean()),
    ];
    field(any::<bool>().prop_map(|b| (Value::from(b), b)), broken)
}

/// Fields the server owns or does not know, which every body may carry.
fn noise() -> impl Strategy<Value = Vec<(String, Value)>> {
    let key = prop_oneof![
        select(&["id", "user_id", "created_at", "updated_at", "Title"][..]).prop_map(String::from),
        any_text().prop_filter("unknown", |k| !FIELDS.contains(&k.as_str())),
    ];
    vec((key, json()), 0..4)
}

type Body = (Field<String>, Field<Option<String>>, Field<bool>);

fn object(body: &Body, noise: Vec<(String, Value)>) -> Value {
    let mut map: Map<String, Value> = noise.into_iter().collect();
    let values = [body.0.value(), body.1.value(), body.2.value()];
    for (name, v) in FIELDS.iter().zip(values) {
        if let Some(v) = v {
            map.insert((*name).to_owned(), v);
        }
    }
    Value::Object(map)
}

/// The fields that are broken, in body order; `title` must be present when `required`.
fn broken(body: &Body, title_required: bool) -> Vec<&'static str> {
    let title_broken = match body.0 {
        Field::Absent => title_required,
        Field::Broken(_) => true,
        Field::Valid(..) => false,
    };
    let flags = [
        title_broken,
        matches!(body.1, Field::Broken(_)),
        matches!(body.2, Field::Broken(_)),
    ];
    FIELDS
        .iter()
        .zip(flags)
        .filter(|(_, b)| *b)
        .map(|(f, _)| *f)
        .collect()
}

fn names(errors: &[FieldError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.field).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn create_reads_valid_fields_and_names_every_broken_one(
        body in (title(), description(), completed()), noise in noise()
    ) {
        let request: CreateTaskRequest =
            serde_json::from_value(object(&body, noise)).expect("any object fits");
        let expected = broken(&body, true);
        match request.try_into_domain() {
            Ok(task) => {
                prop_assert!(expected.is_empty(), "accepted broken {expected:?}");
                prop_assert_eq!(Some(task.title.as_str().to_owned()), body.0.valid());
                let description = task.description.as_ref().map(|d| d.as_str().to_owned());
                prop_assert_eq!(description, body.1.valid().flatten());
                prop_assert_eq!(task.completed, body.2.valid().unwrap_or(false));
            }
            Err(errors) => prop_assert_eq!(names(&errors), expected),
        }
    }

    #[test]
    fn update_reads_valid_fields_and_names_every_broken_one(
        body in (title(), description(), completed()), noise in noise()
    ) {
        let request: UpdateTaskRequest =
            serde_json::from_value(object(&body, noise)).expect("any object fits");
        let mut expected = broken(&body, false);
        if [body.0.value(), body.1.value(), body.2.value()].iter().all(Option::is_none) {
            expected.push("body");
        }
        match request.try_into_domain() {
            Ok(patch) => {
                prop_assert!(expected.is_empty(), "accepted broken {expected:?}");
                prop_assert_eq!(patch.title.as_ref().map(|t| t.as_str().to_owned()), body.0.valid());
                let description = patch.description.as_ref().map(Option::as_ref).map(|d| d.map(|d| d.as_str().to_owned()));
                prop_assert_eq!(description, body.1.valid());
                prop_assert_eq!(patch.completed, body.2.valid());
            }
            Err(errors) => prop_assert_eq!(names(&errors), expected),
        }
    }

    #[test]
    fn completion_sets_a_boolean_and_toggles_without_one(
        completed in completed(), sent in any::<bool>(), noise in noise()
    ) {
        let body = (Field::Absent, Field::Absent, completed.clone());
        let request: Option<SetCompletionRequest> =
            sent.then(|| serde_json::from_value(object(&body, noise)).expect("any object fits"));
        let outcome = SetCompletionRequest::try_into_domain(request);
        match (sent, completed) {
            (true, Field::Valid(_, b)) => prop_assert_eq!(outcome, Ok(Completion::Set(b))),
            (true, Field::Broken(_)) => {
                prop_assert_eq!(names(&rejected(outcome)?), ["completed"]);
            }
            _ => prop_assert_eq!(outcome, Ok(Completion::Toggle)),
        }
    }

    #[test]
    fn nul_is_never_accepted_in_a_title_or_description(
        s in with_nul(text(0..=250)), in_title in any::<bool>()
    ) {
        let (name, body) = if in_title {
            ("title", json!({ "title": s }))
        } else {
            ("description", json!({ "title": "t", "description": s }))
        };
        let create: CreateTaskRequest = serde_json::from_value(body.clone()).expect("object");
        prop_assert_eq!(names(&rejected(create.try_into_domain())?), [name]);
        let update: UpdateTaskRequest = serde_json::from_value(body).expect("object");
        let errors = rejected(update.try_into_domain())?;
        prop_assert_eq!(names(&errors), [name]);
    }

    #[test]
    fn arbitrary_objects_never_panic_and_errors_keep_body_order(
        keys in vec(prop_oneof![select(&FIELDS[..]).prop_map(String::from), any_text()], 0..6),
        values in vec(json(), 6)
    ) {
        let body = Value::Object(keys.into_iter().zip(values).collect());
        let in_order = |errors: &[FieldError]| {
            let at: Vec<_> =
                errors.iter().filter_map(|e| FIELDS.iter().position(|f| *f == e.field)).collect();
            at.len() == errors.len() && at.windows(2).all(|w| w[0] < w[1])
        };
        let create: CreateTaskRequest = serde_json::from_value(body.clone()).expect("object");
        if let Err(errors) = create.try_into_domain() {
            prop_assert!(in_order(&errors), "{errors:?}");
        }
        let update: UpdateTaskRequest = serde_json::from_value(body.clone()).expect("object");
        if let Err(errors) = update.try_into_domain() {
            prop_assert!(in_order(&errors) || names(&errors) == ["body"], "{errors:?}");
        }
        let complete: SetCompletionRequest = serde_json::from_value(body).expect("object");
        if let Err(errors) = SetCompletionRequest::try_into_domain(Some(complete)) {
            prop_assert_eq!(names(&errors), ["completed"]);
        }
    }
}
