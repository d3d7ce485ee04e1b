//! When a task is due: at an instant ("Friday 17:00"), or on a date ("Friday").

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Utc};

/// An IANA time zone, for reading date-only dues as instants.
pub type TimeZone = chrono_tz::Tz;

/// Dues and reminders are kept within these years: RFC 3339 has four digits.
pub const MIN_YEAR: i32 = 1;
pub const MAX_YEAR: i32 = 9999;

/// The exact IANA name (`Europe/Paris`, `UTC`).
pub fn parse_time_zone(name: &str) -> Option<TimeZone> {
    name.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    At(DateTime<Utc>),
    /// A date without a time zone: it begins at a different instant in each zone.
    On(NaiveDate),
}

impl Due {
    /// The latest instant a reminder may be at: the due instant, or for a date the
    /// last microsecond before it has ended everywhere (12:00 UTC of the next day is
    /// midnight at UTC−12).
    pub fn latest_reminder(self) -> DateTime<Utc> {
        match self {
            Self::At(at) => at,
            Self::On(date) => {
                let next_noon = date
                    .checked_add_days(Days::new(1))
                    .unwrap_or(date)
                    .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
                    .and_utc();
                next_noon - TimeDelta::microseconds(1)
            }
        }
    }

    /// The instant the due begins in `tz`: itself, or the start of its date there.
    pub fn start_in(self, tz: TimeZone) -> DateTime<Utc> {
        match self {
            Self::At(at) => at,
            Self::On(date) => start_of_day(date, tz),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Self::At(at) => at.year(),
            Self::On(date) => date.year(),
        }
    }
}

/// The first instant of `date` in `tz`. Where the day begins inside a DST gap (its
/// midnight does not exist), that is the end of the gap: midnight read with the offset
/// in force before it (as PostgreSQL reads it).
pub fn start_of_day(date: NaiveDate, tz: TimeZone) -> DateTime<Utc> {
    wall_clock(date.and_time(NaiveTime::MIN), tz)
}

/// The instant a wall-clock time in `tz` names: the earlier one when clocks go back
/// and it happens twice; read with the offset in force before the gap when clocks go
/// forward and it does not happen at all (02:30 on a night that skips from 02:00 to
/// 03:00 is 03:30, as calendars read it).
pub fn wall_clock(wall: chrono::NaiveDateTime, tz: TimeZone) -> DateTime<Utc> {
    use chrono::{Offset, TimeZone as _};
    if let Some(at) = wall.and_local_timezone(tz).earliest() {
        return at.with_timezone(&Utc);
    }
    let before = wall - TimeDelta::days(1);
    let offset = tz.offset_from_utc_datetime(&before).fix();
    (wall - TimeDelta::seconds(i64::from(offset.local_minus_utc()))).and_utc()
}

/// One end of a due window, in the two forms storage compares: an instant for timed
/// dues, and the first date whose start (in the list's time zone) is at or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueBound {
    pub instant: DateTime<Utc>,
    /// `start_of_day(d, tz) >= instant` exactly when `d >= first_date`, because the
    /// start of a day only grows with the day.
    pub first_date: NaiveDate,
}

impl DueBound {
    pub fn new(instant: DateTime<Utc>, tz: TimeZone) -> Self {
        let local = instant.with_timezone(&tz).date_naive();
        let first_date = [local.pred_opt(), Some(local), local.succ_opt()]
            .into_iter()
            .flatten()
            .find(|d| start_of_day(*d, tz) >= instant)
            .unwrap_or(local);
        Self {
            instant,
            first_date,
        }
    }

    /// Whether `due` is at or after this bound.
    pub fn is_reached_by(&self, due: Due) -> bool {
        match due {
            Due::At(at) => at >= self.instant,
            Due::On(date) => date >= self.first_date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn instant(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("instant").to_utc()
    }

    fn tz(name: &str) -> TimeZone {
        parse_time_zone(name).expect("zone")
    }

    #[test]
    fn a_date_starts_at_local_midnight() {
        assert_eq!(
            start_of_day(date("2026-12-04"), tz("Europe/Paris")),
            instant("2026-12-03T23:00:00Z")
        );
        assert_eq!(
            start_of_day(date("2026-07-04"), tz("America/New_York")),
            instant("2026-07-04T04:00:00Z")
        );
        assert_eq!(
            start_of_day(date("2026-12-04"), tz("UTC")),
            instant("2026-12-04T00:00:00Z")
        );
    }

    #[test]
    fn a_day_that_begins_in_a_dst_gap_starts_after_it() {
        // Santiago skipped from 00:00 to 01:00 on 2022-09-11.
        assert_eq!(
            start_of_day(date("2022-09-11"), tz("America/Santiago")),
            instant("2022-09-11T04:00:00Z")
        );
    }

    #[test]
    fn a_gap_that_ends_off_the_quarter_hour_is_read_exactly() {
        // Monrovia moved from UTC-0:44:30 to UTC at midnight on 1972-01-07.
        assert_eq!(
            start_of_day(date("1972-01-07"), tz("Africa/Monrovia")),
            instant("1972-01-07T00:44:30Z")
        );
    }

    #[test]
    fn zone_names_are_exact() {
        assert!(parse_time_zone("Europe/Paris").is_some());
        assert!(parse_time_zone("europe/paris").is_none());
        assert!(parse_time_zone("Mars/Olympus").is_none());
    }

    #[test]
    fn a_reminder_may_be_up_to_the_due_or_until_the_date_ends_everywhere() {
        let at = instant("2026-12-04T17:00:00Z");
        assert_eq!(Due::At(at).latest_reminder(), at);
        assert_eq!(
            Due::On(date("2026-12-04")).latest_reminder(),
            instant("2026-12-05T11:59:59.999999Z")
        );
    }

    #[test]
    fn a_bound_reads_dates_as_their_start_in_the_zone() {
        let paris = tz("Europe/Paris");
        // 23:00Z on the 3rd is midnight of the 4th in Paris: the 4th is reached.
        let bound = DueBound::new(instant("2026-12-03T23:00:00Z"), paris);
        assert_eq!(bound.first_date, date("2026-12-04"));
        // One microsecond later the 4th has begun already: only the 5th is reached.
        let bound = DueBound::new(instant("2026-12-03T23:00:00.000001Z"), paris);
        assert_eq!(bound.first_date, date("2026-12-05"));
        assert!(bound.is_reached_by(Due::At(instant("2026-12-04T00:00:00Z"))));
        assert!(!bound.is_reached_by(Due::On(date("2026-12-04"))));
    }

    #[test]
    fn a_bound_agrees_with_the_start_of_each_nearby_day() {
        for zone in [
            "UTC",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "America/Santiago",
        ] {
            let zone = tz(zone);
            for hour in 0..48 {
                let at = instant("2022-09-10T00:00:00Z") + TimeDelta::minutes(30 * hour);
                let bound = DueBound::new(at, zone);
                for offset in 0..5 {
                    let d = date("2022-09-08") + Days::new(offset);
                    assert_eq!(
                        bound.is_reached_by(Due::On(d)),
                        start_of_day(d, zone) >= at,
                        "{zone} {at} {d}"
                    );
                }
            }
        }
    }
}
