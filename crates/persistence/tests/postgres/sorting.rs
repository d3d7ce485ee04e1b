//! `sort=due` and `sort=priority`: orders, ties on id, tasks without a due last,
//! stable pages; each list also checked against the in-memory reference.

use todo_domain::{SortKey, SortOrder, StatusFilter, TaskQuery, TaskRepository, TimeZone};

use crate::fixture::planned;
use crate::{tz, with};

fn sorted(sort: SortKey, order: Option<SortOrder>, zone: TimeZone) -> TaskQuery {
    with(
        TaskQuery::new(StatusFilter::All, sort, order, None, 100, 0),
        |q| {
            q.tz = zone;
        },
    )
}

/// Soonest first in Paris, where the 4th begins at 23:00Z on the 3rd: that date-only
/// due ties with two timed ones, and the tie breaks on id.
const DUE_IN_PARIS: [&str; 9] = [
    "azores 25th",
    "azores 25th 00:30Z",
    "high 3rd",
    "low home 3rd 22:30Z",
    "medium home work 4th",
    "high work 3rd 23:00Z",
    "high again 3rd 23:00Z",
    "none 5th",
    "medium 4th 23:30Z",
];
/// Without a due, in id order (ascending, then descending with the order).
const NO_DUE: [&str; 3] = ["plain", "low errands", "plain again"];

#[test]
fn due_sort_is_soonest_first_with_tasks_without_a_due_last() {
    let set = planned();
    let paris = tz("Europe/Paris");
    let expected: Vec<&str> = DUE_IN_PARIS.iter().chain(&NO_DUE).copied().collect();
    assert_eq!(set.titles(&sorted(SortKey::Due, None, paris)), expected);
}

#[test]
fn due_sort_descending_still_puts_tasks_without_a_due_last() {
    let set = planned();
    let paris = tz("Europe/Paris");
    let expected: Vec<&str> = DUE_IN_PARIS
        .iter()
        .rev()
        .chain(NO_DUE.iter().rev())
        .copied()
        .collect();
    assert_eq!(
        set.titles(&sorted(SortKey::Due, Some(SortOrder::Desc), paris)),
        expected
    );
}

#[test]
fn due_sort_depends_on_the_zone_of_date_only_dues() {
    let set = planned();
    // In UTC the 4th begins at 00:00Z: after both timed dues of 23:00Z on the 3rd.
    let utc = set.titles(&sorted(SortKey::Due, None, TimeZone::UTC));
    assert_eq!(
        utc[3..7],
        [
            "low home 3rd 22:30Z",
            "high work 3rd 23:00Z",
            "high again 3rd 23:00Z",
            "medium home work 4th"
        ]
    );
    // Tokyo's 5th begins at 15:00Z on the 4th, before the 4th's 23:30Z.
    let tokyo = set.titles(&sorted(SortKey::Due, None, tz("Asia/Tokyo")));
    assert_eq!(tokyo[7..9], ["none 5th", "medium 4th 23:30Z"]);
}

#[test]
fn a_date_whose_midnight_happens_twice_begins_at_the_first_one() {
    let set = planned();
    // 2026-10-25 in the Azores: 00:00 at UTC+0 (00:00Z), then again at UTC-1
    // (01:00Z) after the clocks go back. The day began at 00:00Z, before 00:30Z.
    let azores = set.titles(&sorted(SortKey::Due, None, tz("Atlantic/Azores")));
    assert_eq!(azores[..2], ["azores 25th", "azores 25th 00:30Z"]);
    let azores = set.titles(&sorted(
        SortKey::Due,
        Some(SortOrder::Desc),
        tz("Atlantic/Azores"),
    ));
    assert_eq!(azores[7..9], ["azores 25th 00:30Z", "azores 25th"]);
}

#[test]
fn priority_sort_is_high_first_by_default_ties_on_id() {
    let set = planned();
    let expected = [
        "high again 3rd 23:00Z",
        "high 3rd",
        "high work 3rd 23:00Z",
        "azores 25th",
        "medium 4th 23:30Z",
        "medium home work 4th",
        "azores 25th 00:30Z",
        "low errands",
        "low home 3rd 22:30Z",
        "plain again",
        "none 5th",
        "plain",
    ];
    assert_eq!(
        set.titles(&sorted(SortKey::Priority, None, TimeZone::UTC)),
        expected
    );
    let ascending: Vec<&str> = expected.iter().rev().copied().collect();
    assert_eq!(
        set.titles(&sorted(
            SortKey::Priority,
            Some(SortOrder::Asc),
            TimeZone::UTC
        )),
        ascending
    );
}

#[test]
fn pages_of_the_new_sorts_are_stable_and_count_every_match() {
    let set = planned();
    for sort in [SortKey::Due, SortKey::Priority] {
        for order in [SortOrder::Asc, SortOrder::Desc] {
            let whole = sorted(sort, Some(order), tz("Europe/Paris"));
            let all = set.titles(&whole);
            let mut paged = Vec::new();
            for offset in (0..all.len() as u64 + 5).step_by(5) {
                let page = with(
                    TaskQuery::new(StatusFilter::All, sort, Some(order), None, 5, offset),
                    |q| q.tz = whole.tz,
                );
                let page_total = set.pg.list(&set.alice, &page).expect("list").total;
                assert_eq!(page_total, all.len() as u64, "{sort:?} {order:?} {offset}");
                paged.extend(set.titles(&page));
            }
            assert_eq!(paged, all, "{sort:?} {order:?}: no repeats, none skipped");
        }
    }
}
