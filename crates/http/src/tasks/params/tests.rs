use super::*;

fn parse(pairs: &[(&str, &str)]) -> Result<TaskQuery, Vec<FieldError>> {
    let pairs = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ListParams::from_pairs(pairs).try_into_domain()
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
        ("sort", "importance"),
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

#[test]
fn v1_queries_get_no_planning_filters() {
    let q = parse(&[("status", "pending"), ("q", "milk")]).expect("valid");
    assert!(q.priorities.is_empty() && q.tags.is_empty());
    assert_eq!(q.due, todo_domain::DueFilter::default());
    assert_eq!(q.tz, todo_domain::TimeZone::UTC);
}

#[test]
fn priorities_are_a_comma_list_and_repeats_add_up() {
    use todo_domain::Priority::{High, Low, Medium};
    let q = parse(&[("priority", "high,medium"), ("priority", "low,high")]).expect("valid");
    assert_eq!(q.priorities, [High, Medium, Low]);
    assert!(
        parse(&[("priority", "")])
            .expect("any")
            .priorities
            .is_empty()
    );
    let errors = parse(&[("priority", "high,urgent")]).expect_err("unknown");
    assert_eq!(errors[0].field, "priority");
}

#[test]
fn tags_repeat_and_follow_the_tag_rule() {
    let q = parse(&[("tag", " Work "), ("tag", "home")]).expect("valid");
    let keys: Vec<_> = q.tags.iter().map(todo_domain::Tag::key).collect();
    assert_eq!(keys, ["work", "home"]);
    for bad in ["a,b", "", &"x".repeat(33)] {
        let errors = parse(&[("tag", bad)]).expect_err("bad tag");
        assert_eq!(errors[0].field, "tag");
    }
    let eleven: Vec<(&str, &str)> = (0..11).map(|_| ("tag", "t")).collect();
    assert!(parse(&eleven).is_err());
}

#[test]
fn the_due_window_reads_dates_in_the_zone_given() {
    let q = parse(&[
        ("due_after", "2026-12-03T23:00:00Z"),
        ("due_before", "2026-12-05T00:00:00+01:00"),
        ("tz", "Europe/Paris"),
        ("has_due", "true"),
    ])
    .expect("valid");
    let after = q.due.after.expect("after");
    assert_eq!(after.first_date.to_string(), "2026-12-04");
    assert_eq!(
        q.due.before.expect("before").first_date.to_string(),
        "2026-12-05"
    );
    assert_eq!(q.due.has_due, Some(true));
    assert_eq!(q.tz.name(), "Europe/Paris");
}

#[test]
fn bad_instants_zones_and_booleans_are_each_reported() {
    let errors = parse(&[
        ("due_after", "tomorrow"),
        ("due_before", "2026-12-05"),
        ("tz", "Mars/Olympus"),
        ("has_due", "yes"),
    ])
    .expect_err("invalid");
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["due_after", "due_before", "has_due", "tz"]);
}

#[test]
fn due_and_priority_sorts_have_their_own_default_orders() {
    assert_eq!(
        parse(&[("sort", "due")]).expect("due").order,
        SortOrder::Asc
    );
    assert_eq!(
        parse(&[("sort", "priority")]).expect("priority").order,
        SortOrder::Desc
    );
}
