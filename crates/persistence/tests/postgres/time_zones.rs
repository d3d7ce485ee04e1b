//! Every zone a list may name (`tz`) works in the SQL of `sort=due`, and that SQL
//! puts the start of each date where the domain's `start_of_day` does.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone as _, Utc};
use chrono_tz::TZ_VARIANTS;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};
use todo_domain::{TimeZone, start_of_day};
use todo_persistence::inspect::day_starts;
use todo_persistence::test_db::TestDatabase;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[test]
fn every_zone_name_chrono_tz_accepts_is_known_to_postgresql() {
    let db = TestDatabase::create();
    let mut conn = db.connect();
    let names: Vec<&str> = TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    let unknown: Vec<String> = diesel::sql_query(
        "SELECT z.name FROM unnest($1::text[]) AS z(name) \
         WHERE z.name NOT IN (SELECT name FROM pg_timezone_names) ORDER BY 1",
    )
    .bind::<Array<Text>, _>(&names)
    .load::<Name>(&mut conn)
    .expect("look the names up")
    .into_iter()
    .map(|n| n.name)
    .collect();
    assert_eq!(
        unknown,
        Vec::<String>::new(),
        "zones PostgreSQL does not know"
    );
    // And each one really converts, all in one statement (any unknown one fails it).
    // Accepted is not the same as meant: `CET` here is the abbreviation, a fixed
    // UTC+1. The next test checks what the store actually sends.
    let converted: i64 = diesel::select(
        diesel::dsl::sql::<BigInt>(
            "(SELECT count('2026-01-01'::timestamp AT TIME ZONE z.name) FROM unnest(",
        )
        .bind::<Array<Text>, _>(&names)
        .sql("::text[]) AS z(name))"),
    )
    .get_result(&mut conn)
    .expect("convert in every zone");
    assert_eq!(converted, i64::try_from(names.len()).expect("count"));
}

/// Dates around each change of `tz`'s UTC offset from 1970 to 2037 (found by
/// sampling the offset weekly), plus two ordinary ones.
fn dates_near_transitions(tz: TimeZone) -> Vec<NaiveDate> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("noon");
    let first = NaiveDate::from_ymd_opt(1970, 1, 1).expect("date");
    let last = NaiveDate::from_ymd_opt(2037, 12, 31).expect("date");
    let offset = |d: NaiveDate| tz.offset_from_utc_datetime(&d.and_time(noon)).fix();
    let mut dates = vec![
        NaiveDate::from_ymd_opt(2026, 1, 15).expect("date"),
        NaiveDate::from_ymd_opt(2026, 7, 15).expect("date"),
    ];
    let mut week = first;
    while week < last {
        let next = week + Days::new(7);
        if offset(week) != offset(next) {
            let mut d = week - Days::new(1);
            while d <= next + Days::new(1) {
                dates.push(d);
                d = d + Days::new(1);
            }
        }
        week = next;
    }
    dates
}

/// Whether `start` is exactly the first instant of `date` in `tz`: on that date
/// there, with the instant one second before it on an earlier date.
fn is_first_instant(start: DateTime<Utc>, date: NaiveDate, tz: TimeZone) -> bool {
    start.with_timezone(&tz).date_naive() == date
        && (start - TimeDelta::seconds(1))
            .with_timezone(&tz)
            .date_naive()
            < date
}

#[test]
fn the_due_sort_key_begins_each_date_where_the_domain_does() {
    let db = TestDatabase::create();
    let mut conn = db.connect();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for tz in TZ_VARIANTS {
        let dates = dates_near_transitions(tz);
        let starts = day_starts(&mut conn, tz, &dates).expect("day starts");
        for (date, start) in dates.iter().zip(starts) {
            compared += 1;
            let expected = start_of_day(*date, tz);
            // `start_of_day` steps through a gap at midnight a quarter-hour at a
            // time, so where a gap ends off the quarter (Monrovia 1972, +44:30) it
            // lands a little late. There the SQL must be the exact first instant.
            let midnight_missing = date
                .and_time(NaiveTime::MIN)
                .and_local_timezone(tz)
                .earliest()
                .is_none();
            if start != expected
                && !(midnight_missing && start < expected && is_first_instant(start, *date, tz))
            {
                mismatches.push(format!("{tz} {date}: SQL {start}, domain {expected}"));
            }
        }
    }
    assert!(compared > 100_000, "only {compared} dates compared");
    assert!(
        mismatches.is_empty(),
        "{} of {compared} dates differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
