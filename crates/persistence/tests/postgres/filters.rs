//! The planning filters, each alone and combined, against the reference semantics
//! (`TaskQuery::filters_keep`, through the in-memory store).

use todo_domain::{DueBound, DueFilter, Priority, SortKey, StatusFilter, Tag, TaskQuery, TimeZone};

use crate::fixture::planned;
use crate::{instant, tz, with};

fn by_title(mut query: TaskQuery) -> TaskQuery {
    query.sort = SortKey::Title;
    query.order = SortKey::Title.default_order();
    query
}

fn with_priorities(priorities: &[Priority]) -> TaskQuery {
    by_title(with(TaskQuery::default(), |q| {
        q.priorities = priorities.to_vec();
    }))
}

fn with_tags(tags: &[&str]) -> TaskQuery {
    by_title(with(TaskQuery::default(), |q| {
        q.tags = tags.iter().map(|t| Tag::parse(t).expect("tag")).collect();
    }))
}

fn with_due(zone: TimeZone, due: DueFilter) -> TaskQuery {
    by_title(with(TaskQuery::default(), |q| {
        q.due = due;
        q.tz = zone;
    }))
}

fn window(zone: TimeZone, after: Option<&str>, before: Option<&str>) -> TaskQuery {
    let bound = |s: &str| DueBound::new(instant(s), zone);
    let due = DueFilter {
        after: after.map(bound),
        before: before.map(bound),
        has_due: None,
    };
    with_due(zone, due)
}

#[test]
fn priorities_match_any_of_those_given() {
    let set = planned();
    assert_eq!(
        set.titles(&with_priorities(&[Priority::High])),
        ["high 3rd", "high again 3rd 23:00Z", "high work 3rd 23:00Z"]
    );
    assert_eq!(
        set.titles(&with_priorities(&[Priority::None, Priority::Low])),
        [
            "azores 25th 00:30Z",
            "low errands",
            "low home 3rd 22:30Z",
            "none 5th",
            "plain",
            "plain again"
        ]
    );
    let all = with_priorities(&Priority::ALL);
    assert_eq!(set.titles(&all).len(), set.tasks.len());
}

#[test]
fn tags_must_all_be_there_compared_ignoring_case() {
    let set = planned();
    assert_eq!(
        set.titles(&with_tags(&["HOME"])),
        [
            "high again 3rd 23:00Z",
            "low errands",
            "low home 3rd 22:30Z",
            "medium home work 4th",
            "plain again"
        ]
    );
    assert_eq!(
        set.titles(&with_tags(&["home", "work"])),
        ["medium home work 4th", "plain again"]
    );
    assert_eq!(
        set.titles(&with_tags(&["Errands", "HOME", "work"])),
        ["plain again"]
    );
    assert!(set.titles(&with_tags(&["home", "nowhere"])).is_empty());
    assert_eq!(set.titles(&with_tags(&[])).len(), set.tasks.len());
}

#[test]
fn a_due_window_reads_date_only_dues_as_their_start_in_the_zone() {
    let set = planned();
    let paris = tz("Europe/Paris");
    // [Paris midnight of the 4th, of the 5th): the 4th, the timed dues from 23:00Z
    // on the 3rd, not the one at 23:30Z on the 4th (the 5th in Paris).
    assert_eq!(
        set.titles(&window(
            paris,
            Some("2026-12-03T23:00:00Z"),
            Some("2026-12-04T23:00:00Z")
        )),
        [
            "high again 3rd 23:00Z",
            "high work 3rd 23:00Z",
            "medium home work 4th"
        ]
    );
    // Half an hour into the 4th in Paris, the 4th has begun: it is no longer after,
    // but the 5th (from 23:00Z) is before 00:00Z on the 5th. In UTC the 4th only
    // begins at 00:00Z, so it is after, and the 5th is not before.
    let after = Some("2026-12-03T23:30:00Z");
    let before = Some("2026-12-05T00:00:00Z");
    assert_eq!(
        set.titles(&window(paris, after, before)),
        ["medium 4th 23:30Z", "none 5th"]
    );
    assert_eq!(
        set.titles(&window(TimeZone::UTC, after, before)),
        ["medium 4th 23:30Z", "medium home work 4th"]
    );
    // Only one side: before is exclusive, after inclusive.
    assert_eq!(
        set.titles(&window(paris, None, Some("2026-12-03T23:00:00Z"))),
        [
            "azores 25th",
            "azores 25th 00:30Z",
            "high 3rd",
            "low home 3rd 22:30Z"
        ]
    );
    assert_eq!(
        set.titles(&window(
            tz("Asia/Tokyo"),
            Some("2026-12-04T15:00:00Z"),
            None
        )),
        ["medium 4th 23:30Z", "none 5th"]
    );
}

#[test]
fn consecutive_windows_share_no_task_and_miss_none_with_a_due() {
    let set = planned();
    for zone in [
        "Europe/Paris",
        "Pacific/Kiritimati",
        "Etc/GMT+12",
        "Atlantic/Azores",
    ] {
        let zone = tz(zone);
        let edges = [
            "2026-01-01T00:00:00Z",
            "2026-10-24T23:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-12-03T22:00:00Z",
            "2026-12-03T23:00:00Z",
            "2026-12-04T12:00:00Z",
            "2027-01-01T00:00:00Z",
        ];
        let mut seen: Vec<String> = Vec::new();
        for pair in edges.windows(2) {
            seen.extend(set.titles(&window(zone, Some(pair[0]), Some(pair[1]))));
        }
        let with_a_due = with_due(
            zone,
            DueFilter {
                has_due: Some(true),
                ..DueFilter::default()
            },
        );
        seen.sort();
        let mut expected = set.titles(&with_a_due);
        expected.sort();
        assert_eq!(seen, expected, "{zone}");
    }
}

#[test]
fn has_due_keeps_tasks_with_or_without_one() {
    let set = planned();
    let has = |wanted| {
        let due = DueFilter {
            has_due: Some(wanted),
            ..DueFilter::default()
        };
        with_due(TimeZone::UTC, due)
    };
    assert_eq!(
        set.titles(&has(false)),
        ["low errands", "plain", "plain again"]
    );
    assert_eq!(set.titles(&has(true)).len(), set.tasks.len() - 3);
    // No window keeps a task without a due, even when asked for those.
    let mut none_in_window = window(TimeZone::UTC, Some("2000-01-01T00:00:00Z"), None);
    none_in_window.due.has_due = Some(false);
    assert!(set.titles(&none_in_window).is_empty());
}

#[test]
fn filters_combine_with_each_other_with_status_and_with_search() {
    let set = planned();
    let mut query = window(tz("Europe/Paris"), Some("2026-12-01T00:00:00Z"), None);
    query.priorities = vec![Priority::High, Priority::Medium];
    query.tags = vec![Tag::parse("work").expect("tag")];
    assert_eq!(
        set.titles(&query),
        [
            "high work 3rd 23:00Z",
            "medium 4th 23:30Z",
            "medium home work 4th"
        ]
    );
    query.status = StatusFilter::Pending;
    assert_eq!(
        set.titles(&query),
        ["medium 4th 23:30Z", "medium home work 4th"]
    );
    query.search = Some("HOME".into());
    assert_eq!(set.titles(&query), ["medium home work 4th"]);
}
