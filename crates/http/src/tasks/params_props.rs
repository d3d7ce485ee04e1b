//! Properties of the list parameters: valid values round-trip, every broken one is
//! named (errors sorted by parameter name), unknown ones change nothing.

use std::collections::{BTreeSet, HashMap};

use actix_web::web;
use proptest::collection::{hash_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use todo_domain::{FieldError, SortKey, SortOrder, StatusFilter, TaskQuery};

use super::params::ListParams;
use super::props::{accepted, any_text, rejected, text, with_nul};

/// The parameters, in the order errors are reported in.
const NAMES: [&str; 6] = ["limit", "offset", "order", "q", "sort", "status"];
const STATUSES: [(&str, StatusFilter); 3] = [
    ("all", StatusFilter::All),
    ("pending", StatusFilter::Pending),
    ("completed", StatusFilter::Completed),
];
const SORTS: [(&str, SortKey); 3] = [
    ("created", SortKey::Created),
    ("updated", SortKey::Updated),
    ("title", SortKey::Title),
];
const ORDERS: [(&str, SortOrder); 2] = [("asc", SortOrder::Asc), ("desc", SortOrder::Desc)];

/// What `list_tasks` extracts the query string as.
type Pairs = web::Query<Vec<(String, String)>>;

fn parse(pairs: impl IntoIterator<Item = (String, String)>) -> Result<TaskQuery, Vec<FieldError>> {
    ListParams::from_pairs(pairs.into_iter().collect()).try_into_domain()
}

/// A set of valid parameters, each possibly absent, and the query they stand for.
#[derive(Debug, Clone)]
struct Valid {
    pairs: HashMap<String, String>,
    query: TaskQuery,
}

fn valid() -> impl Strategy<Value = Valid> {
    (
        prop::option::of(select(&STATUSES[..])),
        prop::option::of(select(&SORTS[..])),
        prop::option::of(select(&ORDERS[..])),
        prop::option::of(text(0..=200)),
        prop::option::of(1..=200_i64),
        prop::option::of(prop_oneof![0..=1000_i64, 0..=i64::MAX]),
    )
        .prop_map(|(status, sort, order, q, limit, offset)| {
            let mut pairs = HashMap::new();
            let mut put = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    pairs.insert(k.to_owned(), v);
                }
            };
            put("status", status.map(|s| s.0.to_owned()));
            put("sort", sort.map(|s| s.0.to_owned()));
            put("order", order.map(|s| s.0.to_owned()));
            put("q", q.clone());
            put("limit", limit.map(|n| n.to_string()));
            put("offset", offset.map(|n| n.to_string()));
            // The contract, spelled out independently of the parser.
            let query = TaskQuery::new(
                status.map_or(StatusFilter::All, |s| s.1),
                sort.map_or(SortKey::Created, |s| s.1),
                order.map(|s| s.1),
                q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
                limit.map_or(100, |n| u32::try_from(n).expect("1..=200")),
                offset.map_or(0, |n| u64::try_from(n).expect("not negative")),
            );
            Valid { pairs, query }
        })
}

fn name_of<T: PartialEq + Copy>(choices: &[(&'static str, T)], value: T) -> String {
    let found = choices
        .iter()
        .find(|(_, v)| *v == value)
        .expect("known value");
    found.0.to_owned()
}

/// The parameters that ask for `query`, all of them spelled out.
fn render(query: &TaskQuery) -> HashMap<String, String> {
    let mut pairs = HashMap::from([
        ("status".to_owned(), name_of(&STATUSES, query.status)),
        ("sort".to_owned(), name_of(&SORTS, query.sort)),
        ("order".to_owned(), name_of(&ORDERS, query.order)),
        ("limit".to_owned(), query.limit().to_string()),
        ("offset".to_owned(), query.offset.to_string()),
    ]);
    if let Some(q) = &query.search {
        pairs.insert("q".to_owned(), q.clone());
    }
    pairs
}

/// Keys that are not parameters, including near misses.
fn unknown_key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(&["Status", "LIMIT", " q", "q ", "offset[]", "page", "sort_by"][..])
            .prop_map(String::from),
        any_text(),
    ]
    .prop_filter("not a parameter", |k| !NAMES.contains(&k.as_str()))
}

fn not_one_of(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
    let near = select(choices).prop_flat_map(|c| {
        select(vec![
            c.to_uppercase(),
            format!(" {c}"),
            format!("{c}\0"),
            format!("{c},{c}"),
            String::new(),
        ])
    });
    prop_oneof![near, any_text()]
        .prop_filter("not a choice", move |s| !choices.contains(&s.as_str()))
}

fn not_integer_in(range: std::ops::RangeInclusive<i64>) -> impl Strategy<Value = String> {
    let huge = vec(select(&['1', '9'][..]), 19..40).prop_map(String::from_iter);
    let near = select(vec![
        "1.5".to_owned(),
        "1e2".to_owned(),
        " 5".to_owned(),
        "0x10".to_owned(),
    ]);
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        huge.clone(),
        huge.prop_map(|h| format!("-{h}")),
        near,
        any_text()
    ]
    .prop_filter("out of range", move |s| {
        s.parse::<i64>().map_or(true, |n| !range.contains(&n))
    })
}

/// A broken value for the parameter `NAMES[i]`.
fn broken(i: usize) -> BoxedStrategy<String> {
    match NAMES[i] {
        "limit" => not_integer_in(1..=200).boxed(),
        "offset" => not_integer_in(0..=i64::MAX).boxed(),
        "order" => not_one_of(&["asc", "desc"]).boxed(),
        "q" => prop_oneof![text(201..=300), with_nul(text(0..=300))].boxed(),
        "sort" => not_one_of(&["created", "updated", "title"]).boxed(),
        _ => not_one_of(&["all", "pending", "completed"]).boxed(),
    }
}

/// Some parameters broken (by index into `NAMES`), with their broken values.
fn breakage() -> impl Strategy<Value = Vec<(usize, String)>> {
    proptest::sample::subsequence((0..NAMES.len()).collect::<Vec<_>>(), 1..=NAMES.len())
        .prop_flat_map(|at| {
            at.into_iter()
                .map(|i| (Just(i), broken(i)))
                .collect::<Vec<_>>()
        })
}

/// A parameter's name or any other key.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![select(&NAMES[..]).prop_map(String::from), any_text()]
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn valid_parameters_parse_to_their_query_and_round_trip(valid in valid()) {
        let query = accepted(parse(valid.pairs))?;
        prop_assert_eq!(&query, &valid.query);
        prop_assert_eq!(accepted(parse(render(&query)))?, query);
    }

    #[test]
    fn unknown_parameters_change_nothing(
        valid in valid(), extra in hash_map(unknown_key(), any_text(), 0..5)
    ) {
        let alone = parse(extra.clone());
        prop_assert_eq!(alone, Ok(TaskQuery::default()));
        let mut pairs = valid.pairs.clone();
        pairs.extend(extra);
        prop_assert_eq!(parse(pairs), parse(valid.pairs));
    }

    #[test]
    fn every_broken_parameter_is_named_in_order(valid in valid(), breakage in breakage()) {
        let mut pairs = valid.pairs;
        for (i, value) in &breakage {
            pairs.insert(NAMES[*i].to_owned(), value.clone());
        }
        let errors = rejected(parse(pairs))?;
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        prop_assert!(fields.windows(2).all(|w| w[0] <= w[1]), "unsorted {fields:?}");
        let named: BTreeSet<_> = fields.into_iter().collect();
        let expected: BTreeSet<_> = breakage.iter().map(|(i, _)| NAMES[*i]).collect();
        prop_assert_eq!(named, expected);
    }

    #[test]
    fn a_search_with_nul_is_always_rejected_as_q(
        valid in valid(), q in with_nul(text(0..=300))
    ) {
        let mut pairs = valid.pairs;
        pairs.insert("q".to_owned(), q);
        let errors = rejected(parse(pairs))?;
        prop_assert!(errors.iter().all(|e| e.field == "q"), "{errors:?}");
        prop_assert!(errors.contains(&FieldError::new("q", "must not contain NUL characters")));
    }

    #[test]
    fn arbitrary_pairs_never_panic_and_name_only_parameters(
        pairs in hash_map(key(), any_text(), 0..8)
    ) {
        if let Err(errors) = parse(pairs) {
            prop_assert!(!errors.is_empty());
            prop_assert!(errors.iter().all(|e| NAMES.contains(&e.field)), "{errors:?}");
        }
    }

    /// Through actix's extractor, duplicates included: the last value of a key wins.
    #[test]
    fn raw_query_strings_never_panic(
        pairs in vec((key(), any_text()), 0..8),
        junk in vec(select(&['%', '&', '=', '+', 'a', '\u{e9}', '\0'][..]), 0..12)
    ) {
        let encoded: Vec<_> =
            pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let decoded = Pairs::from_query(&encoded.join("&"))
            .expect("well-encoded query")
            .into_inner();
        prop_assert_eq!(&decoded, &pairs);
        let _ = parse(decoded);
        if let Ok(map) = Pairs::from_query(&String::from_iter(junk)) {
            let _ = parse(map.into_inner());
        }
    }
}
