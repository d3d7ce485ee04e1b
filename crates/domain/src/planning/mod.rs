//! What people plan with (since 1.1): priorities, tags, dues, repeat rules.

mod due;
mod priority;
#[cfg(test)]
pub(crate) mod props;
mod recurrence;
mod tags;

pub use due::{
    Due, DueBound, MAX_YEAR, MIN_YEAR, TimeZone, parse_time_zone, start_of_day, wall_clock,
};
pub use priority::Priority;
pub use recurrence::{Frequency, INTERVAL_MAX, Recurrence};
pub use tags::{MAX_TAGS, TAG_MAX_CHARS, Tag, Tags};
