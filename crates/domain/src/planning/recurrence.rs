//! Repeat rules: when a recurring task is completed, its next occurrence is due one
//! step later.

use chrono::{Days, Months, NaiveDate};

use super::{Due, MAX_YEAR, TimeZone, wall_clock};
use crate::FieldError;

pub const INTERVAL_MAX: u16 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Day,
    Week,
    Month,
    Year,
}

impl Frequency {
    pub const ALL: [Self; 4] = [Self::Day, Self::Week, Self::Month, Self::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }
}

/// Every `interval` days, weeks, months or years; `interval` is 1 to 365. With a
/// `zone`, a timed due keeps its wall-clock time there ("every Friday 17:00 in
/// Paris" stays 17:00 across a DST change); without one it keeps its UTC time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Recurrence {
    every: Frequency,
    interval: u16,
    zone: Option<TimeZone>,
}

impl Recurrence {
    /// # Errors
    /// When `interval` is outside 1 to 365.
    pub fn new(every: Frequency, interval: i64) -> Result<Self, FieldError> {
        match u16::try_from(interval) {
            Ok(interval @ 1..=INTERVAL_MAX) => Ok(Self {
                every,
                interval,
                zone: None,
            }),
            _ => Err(FieldError::new(
                "recurrence",
                format!("interval must be an integer from 1 to {INTERVAL_MAX}"),
            )),
        }
    }

    /// This rule, counting timed dues in `zone`'s wall-clock time.
    #[must_use]
    pub fn in_zone(self, zone: Option<TimeZone>) -> Self {
        Self { zone, ..self }
    }

    pub fn zone(self) -> Option<TimeZone> {
        self.zone
    }

    pub fn every(self) -> Frequency {
        self.every
    }

    pub fn interval(self) -> u16 {
        self.interval
    }

    /// The date one step after `date`. Months and years clamp to the month's end:
    /// Jan 31 + 1 month is Feb 28 (29 in a leap year), Feb 29 + 1 year is Feb 28.
    /// `None` past the year 9999.
    pub fn next_date(self, date: NaiveDate) -> Option<NaiveDate> {
        let n = u32::from(self.interval);
        let next = match self.every {
            Frequency::Day => date.checked_add_days(Days::new(u64::from(n))),
            Frequency::Week => date.checked_add_days(Days::new(7 * u64::from(n))),
            Frequency::Month => date.checked_add_months(Months::new(n)),
            Frequency::Year => date.checked_add_months(Months::new(12 * n)),
        }?;
        (chrono::Datelike::year(&next) <= MAX_YEAR).then_some(next)
    }

    /// The due one step after `due`. A timed due moves by calendar days in the
    /// rule's zone (UTC without one) and keeps its time of day there (see
    /// [`wall_clock`] for the days when that time happens twice or not at all).
    pub fn next_due(self, due: Due) -> Option<Due> {
        match due {
            Due::On(date) => self.next_date(date).map(Due::On),
            Due::At(at) => {
                let zone = self.zone.unwrap_or(TimeZone::UTC);
                let local = at.with_timezone(&zone).naive_local();
                let date = self.next_date(local.date())?;
                let next = wall_clock(date.and_time(local.time()), zone);
                (chrono::Datelike::year(&next) <= MAX_YEAR).then_some(Due::At(next))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn rule(every: Frequency, interval: i64) -> Recurrence {
        Recurrence::new(every, interval).expect("rule")
    }

    #[test]
    fn days_and_weeks_add_whole_days() {
        assert_eq!(
            rule(Frequency::Day, 1).next_date(date("2026-12-31")),
            Some(date("2027-01-01"))
        );
        assert_eq!(
            rule(Frequency::Week, 2).next_date(date("2026-12-25")),
            Some(date("2027-01-08"))
        );
        assert_eq!(
            rule(Frequency::Day, 365).next_date(date("2027-03-01")),
            Some(date("2028-02-29"))
        );
    }

    #[test]
    fn month_ends_clamp() {
        let monthly = rule(Frequency::Month, 1);
        assert_eq!(
            monthly.next_date(date("2027-01-31")),
            Some(date("2027-02-28"))
        );
        assert_eq!(
            monthly.next_date(date("2028-01-31")),
            Some(date("2028-02-29"))
        );
        assert_eq!(
            monthly.next_date(date("2026-03-31")),
            Some(date("2026-04-30"))
        );
        assert_eq!(
            rule(Frequency::Month, 13).next_date(date("2026-01-31")),
            Some(date("2027-02-28"))
        );
    }

    #[test]
    fn leap_days_clamp_in_years_that_have_none() {
        let yearly = rule(Frequency::Year, 1);
        assert_eq!(
            yearly.next_date(date("2028-02-29")),
            Some(date("2029-02-28"))
        );
        assert_eq!(
            rule(Frequency::Year, 4).next_date(date("2028-02-29")),
            Some(date("2032-02-29"))
        );
        // 2100 is not a leap year.
        assert_eq!(
            rule(Frequency::Year, 4).next_date(date("2096-02-29")),
            Some(date("2100-02-28"))
        );
    }

    #[test]
    fn nothing_comes_after_the_year_9999() {
        assert_eq!(rule(Frequency::Day, 1).next_date(date("9999-12-31")), None);
        assert_eq!(
            rule(Frequency::Year, 365).next_date(date("9999-01-01")),
            None
        );
    }

    #[test]
    fn a_timed_due_keeps_its_utc_time() {
        let at = DateTime::parse_from_rfc3339("2027-01-31T17:30:00.25Z")
            .expect("instant")
            .to_utc();
        let next = rule(Frequency::Month, 1).next_due(Due::At(at));
        let expected = DateTime::parse_from_rfc3339("2027-02-28T17:30:00.25Z")
            .expect("instant")
            .to_utc();
        assert_eq!(next, Some(Due::At(expected)));
    }

    #[test]
    fn a_rule_in_a_zone_keeps_the_wall_clock_time_across_dst() {
        let paris = crate::parse_time_zone("Europe/Paris").expect("zone");
        let weekly = rule(Frequency::Week, 1).in_zone(Some(paris));
        // Tuesday 17:00 in Paris, summer time, then winter time after Oct 25.
        let at = |s| Due::At(DateTime::parse_from_rfc3339(s).expect("instant").to_utc());
        assert_eq!(
            weekly.next_due(at("2026-10-20T17:00:00+02:00")),
            Some(at("2026-10-27T17:00:00+01:00"))
        );
        // Without a zone the UTC time is kept: 18:00 in Paris.
        assert_eq!(
            rule(Frequency::Week, 1).next_due(at("2026-10-20T17:00:00+02:00")),
            Some(at("2026-10-27T16:00:00+01:00"))
        );
        // 02:30 does not exist on 2027-03-28 in Paris: it moves past the gap.
        assert_eq!(
            rule(Frequency::Day, 1)
                .in_zone(Some(paris))
                .next_due(at("2027-03-27T02:30:00+01:00")),
            Some(at("2027-03-28T03:30:00+02:00"))
        );
    }

    #[test]
    fn the_interval_is_1_to_365() {
        assert!(Recurrence::new(Frequency::Day, 0).is_err());
        assert!(Recurrence::new(Frequency::Day, 366).is_err());
        assert!(Recurrence::new(Frequency::Day, -1).is_err());
        assert_eq!(rule(Frequency::Week, 365).interval(), 365);
    }

    #[test]
    fn frequency_names_round_trip() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.as_str()), Some(f));
        }
        assert_eq!(Frequency::parse("fortnight"), None);
    }
}
