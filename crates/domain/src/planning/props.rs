//! Properties of tag parsing and of repeat-rule arithmetic, each checked against
//! the rules spelled out again here, independently of the code under test. The date
//! and rule generators serve `revision`'s properties too.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::{
    Due, Frequency, INTERVAL_MAX, MAX_TAGS, MAX_YEAR, Recurrence, TAG_MAX_CHARS, Tag, Tags,
};

/// Mixed-case words, some whose lower case changes their length (İ, ǅ).
const WORDS: &str = "work home errands todo straße été 🏠_home İstanbul ǅemal σίσυφος 日本 a-b x ǆ";

/// A word from a small pool (so that case duplicates are common), randomly cased,
/// with whitespace around it that trimming removes.
fn tag_like() -> impl Strategy<Value = String> {
    let pad = select(vec!["", " ", "\t", "\u{3000}", "\n ", "\u{85}"]);
    let words: Vec<&str> = WORDS.split(' ').collect();
    (select(words), any::<u64>(), pad.clone(), pad).prop_map(|(w, case, l, r)| {
        let word: String = w
            .replace('_', " ")
            .chars()
            .enumerate()
            .map(|(i, c)| match (case >> (i % 64)) & 1 {
                1 => c.to_uppercase().collect::<String>(),
                _ => c.to_string(),
            })
            .collect();
        format!("{l}{word}{r}")
    })
}

/// Any characters: commas, control and astral characters included.
fn any_label() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        any::<char>(),
        select(vec![
            ',', ' ', '\t', '\0', '\u{7f}', '\u{85}', '\u{a0}', 'é', 'Ä'
        ]),
        prop::char::range('\u{10000}', '\u{10FFFF}'),
    ];
    vec(c, 0..=36).prop_map(String::from_iter)
}

/// Labels that are mostly valid: case duplicates, more than ten distinct, about 32
/// characters long.
fn tag_ish() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => tag_like(),
        2 => (0..16_u8).prop_map(|i| format!("t{i}")),
        1 => vec(select(vec!['a', 'Z', 'é', 'ß', '-']), 30..=34).prop_map(String::from_iter),
    ]
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![4 => tag_ish(), 1 => any_label()]
}

/// About half of these lists are accepted.
fn labels() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![vec(tag_ish(), 0..=12), vec(label(), 0..=14)]
}

/// The rules for one label, again: `Some((label, key))` when valid.
fn model_tag(raw: &str) -> Option<(String, String)> {
    let t = raw.trim();
    let chars = t.chars().count();
    let ok = (1..=TAG_MAX_CHARS).contains(&chars)
        && !t.contains(',')
        && !t.chars().any(char::is_control);
    ok.then(|| (t.to_owned(), t.to_lowercase()))
}

fn parse(raw: &[String]) -> Result<Tags, Vec<crate::FieldError>> {
    Tags::parse(raw.iter().map(String::as_str))
}

fn pairs(tags: &Tags) -> Vec<(String, String)> {
    tags.iter()
        .map(|t| (t.label().to_owned(), t.key().to_owned()))
        .collect()
}

proptest! {
    #[test]
    fn one_tag_is_parsed_by_its_rules(raw in label()) {
        let parsed = Tag::parse(&raw).ok().map(|t| (t.label().to_owned(), t.key().to_owned()));
        prop_assert_eq!(parsed, model_tag(&raw), "Tag::parse({:?})", raw);
    }

    #[test]
    fn tags_are_the_first_spellings_sorted_by_key(raw in labels()) {
        let valid: Vec<_> = raw.iter().map(|r| model_tag(r)).collect();
        let broken: Vec<usize> = (0..raw.len()).filter(|&i| valid[i].is_none()).collect();
        let mut expected: Vec<(String, String)> = Vec::new();
        for (label, key) in valid.into_iter().flatten() {
            if !expected.iter().any(|(_, k)| *k == key) {
                expected.push((label, key));
            }
        }
        let too_many = expected.len() > MAX_TAGS;
        match parse(&raw) {
            Ok(tags) => {
                prop_assert!(broken.is_empty() && !too_many,
                    "accepted {:?}: broken {:?}, {} distinct", raw, broken, expected.len());
                let got = pairs(&tags);
                prop_assert!(got.len() <= MAX_TAGS, "{} tags from {:?}", got.len(), raw);
                prop_assert!(got.windows(2).all(|w| w[0].1 < w[1].1),
                    "keys not strictly increasing: {:?}", got);
                for (label, key) in &got {
                    prop_assert!(model_tag(label).as_ref() == Some(&(label.clone(), key.clone())),
                        "label {:?} / key {:?} breaks the rules", label, key);
                    let first = raw.iter().map(|r| r.trim()).find(|r| r.to_lowercase() == *key);
                    prop_assert_eq!(first, Some(label.as_str()), "not the first spelling of {:?}", key);
                }
                expected.sort_by(|a, b| a.1.cmp(&b.1));
                prop_assert_eq!(got, expected, "from {:?}", raw);
            }
            Err(errors) => {
                prop_assert!(!broken.is_empty() || too_many, "refused valid {:?}: {:?}", raw, errors);
                let mut named: Vec<String> =
                    broken.iter().map(|i| format!("tag {} ", i + 1)).collect();
                if too_many {
                    named.push(format!("must hold at most {MAX_TAGS} tags"));
                }
                prop_assert_eq!(errors.len(), named.len(), "errors {:?}", errors);
                for (e, n) in errors.iter().zip(&named) {
                    prop_assert!(e.field == "tags" && e.message.starts_with(n.as_str()),
                        "error {:?}, expected one starting {:?}", e, n);
                }
            }
        }
    }

    #[test]
    fn parsing_the_labels_again_changes_nothing(raw in labels()) {
        if let Ok(tags) = parse(&raw) {
            let again = Tags::parse(tags.labels());
            prop_assert_eq!(again.as_ref(), Ok(&tags), "labels {:?}", tags.labels());
        }
    }

    #[test]
    fn the_order_of_distinct_tags_does_not_matter(
        (raw, shuffled) in labels()
            .prop_map(|raw| {
                let mut seen = BTreeSet::new();
                raw.into_iter().filter(|r| seen.insert(r.trim().to_lowercase())).collect::<Vec<_>>()
            })
            .prop_flat_map(|raw| (Just(raw.clone()), Just(raw).prop_shuffle()))
    ) {
        let (a, b) = (parse(&raw), parse(&shuffled));
        prop_assert_eq!(a.is_ok(), b.is_ok(), "{:?} vs {:?}", raw, shuffled);
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert_eq!(a, b, "{:?} vs {:?}", raw, shuffled);
        }
    }
}

fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn last_day(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Any date of the years 1 to 9999, with month ends, leap days and the last years
/// well represented.
pub(crate) fn date() -> impl Strategy<Value = NaiveDate> {
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d.min(last_day(y, m)));
    prop_oneof![
        (1..=MAX_YEAR, 1..=12_u32, 1..=31_u32),
        (1..=MAX_YEAR, 1..=12_u32, Just(31_u32)),
        (1..=MAX_YEAR, Just(2_u32), Just(29_u32)),
        (9000..=MAX_YEAR, 1..=12_u32, 1..=31_u32),
    ]
    .prop_map(move |(y, m, d)| ymd(y, m, d).expect("a day of the month"))
}

pub(crate) fn rule() -> impl Strategy<Value = Recurrence> {
    let interval = prop_oneof![1..=3_i64, 1..=i64::from(INTERVAL_MAX)];
    (select(&Frequency::ALL[..]), interval)
        .prop_map(|(f, n)| Recurrence::new(f, n).expect("1 to 365"))
}

/// The step again: whole days, or whole months clamped to the month's end.
fn model_next(rule: Recurrence, d: NaiveDate) -> Option<NaiveDate> {
    let n = i32::from(rule.interval());
    let days = |k: i32| NaiveDate::from_num_days_from_ce_opt(d.num_days_from_ce() + k);
    let months = |k: i32| {
        let index = d.year() * 12 + i32::try_from(d.month0()).expect("0 to 11") + k;
        let (y, m) = (index / 12, u32::try_from(index % 12).expect("0 to 11") + 1);
        NaiveDate::from_ymd_opt(y, m, d.day().min(last_day(y, m)))
    };
    let next = match rule.every() {
        Frequency::Day => days(n),
        Frequency::Week => days(7 * n),
        Frequency::Month => months(n),
        Frequency::Year => months(12 * n),
    }?;
    (next.year() <= MAX_YEAR).then_some(next)
}

pub(crate) fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let time = prop_oneof![
        9 => (0..86_400_u32, 0..1_000_000_000_u32),
        // A leap second, which chrono keeps as a 60th second.
        1 => (0..1440_u32, 1_000_000_000..2_000_000_000_u32).prop_map(|(m, ns)| (m * 60 + 59, ns)),
    ];
    (date(), time).prop_map(|(d, (s, ns))| {
        let t = NaiveTime::from_num_seconds_from_midnight_opt(s, ns).expect("a time of day");
        d.and_time(t).and_utc()
    })
}

proptest! {
    #[test]
    fn a_step_is_whole_days_or_clamped_months(d in date(), rule in rule()) {
        let next = rule.next_date(d);
        prop_assert_eq!(next, model_next(rule, d), "{:?} after {}", rule, d);
        if let Some(next) = next {
            prop_assert!(next > d, "{:?}: {} is not after {}", rule, next, d);
        }
    }

    #[test]
    fn a_due_steps_by_its_date_and_keeps_its_utc_time(at in instant(), rule in rule()) {
        let on = at.date_naive();
        prop_assert_eq!(rule.next_due(Due::On(on)), rule.next_date(on).map(Due::On));
        match (rule.next_due(Due::At(at)), rule.next_date(on)) {
            (None, None) => {}
            (Some(Due::At(next)), Some(date)) => {
                prop_assert_eq!(next.date_naive(), date, "{:?} after {}", rule, at);
                prop_assert_eq!(next.time(), at.time(), "{:?} after {}", rule, at);
                prop_assert!(next > at, "{:?}: {} is not after {}", rule, next, at);
            }
            (next, date) => prop_assert!(false, "{:?} after {}: {:?} but date {:?}", rule, at, next, date),
        }
    }
}
