//! Generators shared by the property tests of the task inputs.

use std::fmt::Debug;
use std::ops::RangeInclusive;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// Any character, NUL and control characters included, with the astral planes
/// well represented (`any::<char>()` alone mostly picks ASCII and Latin-1).
pub(super) fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![any::<char>(), prop::char::range('\u{10000}', '\u{10FFFF}')]
}

pub(super) fn text_char() -> impl Strategy<Value = char> {
    any_char().prop_filter("no NUL", |c| *c != '\0')
}

/// Text without NUL, `len` characters (not bytes) long.
pub(super) fn text(len: RangeInclusive<usize>) -> impl Strategy<Value = String> {
    vec(text_char(), len).prop_map(String::from_iter)
}

/// Text of any characters, NUL included.
pub(super) fn any_text() -> impl Strategy<Value = String> {
    vec(any_char(), 0..24).prop_map(String::from_iter)
}

/// `s` with a NUL inserted somewhere, ends included.
pub(super) fn with_nul(s: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (s, any::<Index>()).prop_map(|(s, at)| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.insert(at.index(chars.len() + 1), '\0');
        chars.into_iter().collect()
    })
}

/// Any JSON value: huge numbers, NUL and astral characters, nesting.
pub(super) fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        vec(any_char(), 0..12).prop_map(|c| Value::from(String::from_iter(c))),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::from),
            btree_map(any_text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The errors of a rejected input, else a failed case: a panic instead would print a
/// backtrace at every shrinking step.
pub(super) fn rejected<T: Debug, E>(outcome: Result<T, E>) -> Result<E, TestCaseError> {
    outcome.map_or_else(Ok, |v| Err(TestCaseError::fail(format!("accepted {v:?}"))))
}

/// The value of an accepted input, else a failed case.
pub(super) fn accepted<T, E: Debug>(outcome: Result<T, E>) -> Result<T, TestCaseError> {
    outcome.map_err(|e| TestCaseError::fail(format!("rejected: {e:?}")))
}
