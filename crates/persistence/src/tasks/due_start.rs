//! The instant a due begins in the list's time zone, for `sort=due`: `due_at`, or
//! the start of `due_date` there, exactly as the domain's `start_of_day` reads it.
//!
//! `date::timestamp AT TIME ZONE tz` alone is not quite that. Where local midnight
//! happens twice (clocks go back from 01:00 to 00:00, as in the Azores every October
//! and in Havana every November), PostgreSQL takes the later of the two, but the day
//! began at the earlier one. So the earlier reading is tried too (midnight with the
//! UTC offset of the day before) and kept when it really is local midnight. Where
//! midnight does not exist (the clocks jump forward at 00:00), PostgreSQL's answer
//! is already the first instant after the gap, as the domain's is.
//!
//! And `AT TIME ZONE 'CET'` is not the zone CET: PostgreSQL looks a name up as a
//! time zone *abbreviation* first, and its default abbreviations make `CET` a fixed
//! UTC+1 all year. The zone names that are also abbreviations are sent as the zone
//! they are a link to (in the IANA data since 2024b, and in chrono-tz's).

use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Nullable, Text, Timestamptz};
use diesel::{QueryResult, define_sql_function};
use todo_domain::TimeZone;

use crate::schema::tasks;

define_sql_function!(fn coalesce(x: Nullable<Timestamptz>, y: Nullable<Timestamptz>) -> Nullable<Timestamptz>);

/// The sort key of `sort=due` in `tz`; NULL for a task without a due.
pub(super) fn due_start(tz: TimeZone) -> coalesce<tasks::due_at, DayStart<tasks::due_date>> {
    coalesce(
        tasks::due_at,
        DayStart {
            date: tasks::due_date,
            tz: zone_name(tz),
        },
    )
}

/// `tz`'s name as PostgreSQL must be told it: never one of its default time zone
/// abbreviations (`pg_timezone_abbrevs`), which would win over the zone.
fn zone_name(tz: TimeZone) -> &'static str {
    match tz.name() {
        "CET" | "MET" => "Europe/Brussels",
        "EET" => "Europe/Athens",
        "WET" => "Europe/Lisbon",
        "EST" => "America/Panama",
        "MST" => "America/Phoenix",
        "HST" => "Pacific/Honolulu",
        "GMT" | "UCT" | "UTC" | "Zulu" => "Etc/UTC",
        name => name,
    }
}

/// The first instant of the date `date` (an SQL expression of type `date`) in the
/// zone named `tz`, sent as a bind parameter.
#[derive(Debug, Clone, Copy)]
pub(super) struct DayStart<D> {
    date: D,
    tz: &'static str,
}

impl<D: QueryFragment<Pg>> QueryFragment<Pg> for DayStart<D> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        // LEAST(later, earlier if it is midnight): LEAST skips the NULL of the CASE.
        let later = |out: &mut AstPass<'_, 'b, Pg>| -> QueryResult<()> {
            out.push_sql("((");
            self.date.walk_ast(out.reborrow())?;
            out.push_sql(")::timestamp AT TIME ZONE ");
            out.push_bind_param::<Text, _>(self.tz)
        };
        let earlier = |out: &mut AstPass<'_, 'b, Pg>| -> QueryResult<()> {
            out.push_sql("(((");
            self.date.walk_ast(out.reborrow())?;
            out.push_sql(") - 1)::timestamp AT TIME ZONE ");
            out.push_bind_param::<Text, _>(self.tz)?;
            // 24 hours, not 1 day: `+ interval '1 day'` would follow the session's zone.
            out.push_sql(" + interval '24 hours')");
            Ok(())
        };
        out.push_sql("LEAST(");
        later(&mut out)?;
        out.push_sql("), CASE WHEN (");
        earlier(&mut out)?;
        out.push_sql(" AT TIME ZONE ");
        out.push_bind_param::<Text, _>(self.tz)?;
        out.push_sql(") = (");
        self.date.walk_ast(out.reborrow())?;
        out.push_sql(")::timestamp THEN ");
        earlier(&mut out)?;
        out.push_sql(" END)");
        Ok(())
    }
}

impl<D> QueryId for DayStart<D> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<D> Expression for DayStart<D> {
    type SqlType = Nullable<Timestamptz>;
}

impl<D: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for DayStart<D> {}

impl<D: SelectableExpression<QS>, QS> SelectableExpression<QS> for DayStart<D> {}

impl<D: ValidGrouping<()>> ValidGrouping<()> for DayStart<D> {
    type IsAggregate = D::IsAggregate;
}

#[cfg(feature = "test-support")]
pub use inspect::day_starts;

#[cfg(feature = "test-support")]
mod inspect {
    use chrono::{DateTime, NaiveDate, Utc};
    use diesel::pg::Pg;
    use diesel::prelude::*;
    use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
    use diesel::sql_types::{Array, Date, Nullable, Timestamptz};
    use todo_domain::TimeZone;

    use super::DayStart;

    /// `SELECT <the sort key's date part> FROM unnest(dates)`, in the dates' order.
    struct DayStarts {
        start: DayStart<diesel::expression::SqlLiteral<Date>>,
        dates: Vec<NaiveDate>,
    }

    impl QueryFragment<Pg> for DayStarts {
        fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
            out.push_sql("SELECT ");
            self.start.walk_ast(out.reborrow())?;
            out.push_sql(" FROM unnest(");
            out.push_bind_param::<Array<Date>, _>(&self.dates)?;
            out.push_sql(") WITH ORDINALITY AS d(day, n) ORDER BY n");
            Ok(())
        }
    }

    impl QueryId for DayStarts {
        type QueryId = ();
        const HAS_STATIC_QUERY_ID: bool = false;
    }

    impl Query for DayStarts {
        type SqlType = Nullable<Timestamptz>;
    }

    impl RunQueryDsl<PgConnection> for DayStarts {}

    /// Where each of `dates` begins in `tz`, computed by the same SQL as `sort=due`.
    ///
    /// # Errors
    /// When PostgreSQL refuses the statement, e.g. for a zone name it does not know.
    pub fn day_starts(
        conn: &mut PgConnection,
        tz: TimeZone,
        dates: &[NaiveDate],
    ) -> QueryResult<Vec<DateTime<Utc>>> {
        let query = DayStarts {
            start: DayStart {
                date: diesel::dsl::sql::<Date>("d.day"),
                tz: super::zone_name(tz),
            },
            dates: dates.to_vec(),
        };
        let starts: Vec<Option<DateTime<Utc>>> = query.load(conn)?;
        // A non-NULL date always has a start; NULL would be a bug in the SQL above.
        starts
            .into_iter()
            .map(|s| s.ok_or(diesel::result::Error::NotFound))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Offset, TimeDelta, TimeZone as _};
    use chrono_tz::TZ_VARIANTS;

    use super::zone_name;

    #[test]
    fn a_zone_sent_under_another_name_is_the_same_zone() {
        let renamed = TZ_VARIANTS.iter().filter(|tz| zone_name(**tz) != tz.name());
        let mut count = 0;
        for tz in renamed {
            count += 1;
            let target: chrono_tz::Tz = zone_name(*tz).parse().expect("a zone chrono-tz knows");
            // Every six hours from 1800 to 2200: the same UTC offset all along.
            let mut at = DateTime::from_timestamp(-5_364_662_400, 0).expect("1800");
            while at.timestamp() < 7_258_118_400 {
                let naive = at.naive_utc();
                assert_eq!(
                    tz.offset_from_utc_datetime(&naive).fix(),
                    target.offset_from_utc_datetime(&naive).fix(),
                    "{tz} and {target} at {at}"
                );
                at += TimeDelta::hours(6);
            }
        }
        assert_eq!(count, 11);
    }
}
