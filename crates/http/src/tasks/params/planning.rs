//! The list parameters since 1.1: priorities, tags, the due window and its zone.

use todo_domain::{
    DueBound, DueFilter, FieldError, MAX_TAGS, Priority, Tag, TimeZone, parse_time_zone,
};

use super::one_of;
use crate::tasks::wire::parse_instant;

/// The list parameters since 1.1, read.
pub(super) struct Planning {
    pub(super) priorities: Vec<Priority>,
    pub(super) tags: Vec<Tag>,
    pub(super) due: DueFilter,
    pub(super) tz: TimeZone,
}

impl Planning {
    pub(super) fn read(
        priorities: &[String],
        tags: &[String],
        [after, before]: [Option<&str>; 2],
        has_due: Option<&str>,
        tz: Option<&str>,
        errors: &mut Vec<FieldError>,
    ) -> Self {
        let mut wanted = Vec::new();
        for name in priorities
            .iter()
            .flat_map(|list| list.split(','))
            .filter(|name| !name.is_empty())
        {
            match Priority::parse(name) {
                Some(p) if !wanted.contains(&p) => wanted.push(p),
                Some(_) => {}
                None => {
                    errors.push(FieldError::new(
                        "priority",
                        "must be one or more of none, low, medium, high, comma-separated",
                    ));
                    break;
                }
            }
        }
        if tags.len() > MAX_TAGS {
            errors.push(FieldError::new("tag", "may be given at most 10 times"));
        }
        let tags = tags
            .iter()
            .filter_map(|raw| match Tag::parse(raw) {
                Ok(tag) => Some(tag),
                Err(message) => {
                    errors.push(FieldError::new("tag", message));
                    None
                }
            })
            .collect();
        let tz = match tz.map(|name| (name, parse_time_zone(name))) {
            None => TimeZone::UTC,
            Some((_, Some(tz))) => tz,
            Some((_, None)) => {
                errors.push(FieldError::new(
                    "tz",
                    "must be an IANA time zone name like Europe/Paris",
                ));
                TimeZone::UTC
            }
        };
        let mut bound = |field: &'static str, raw: Option<&str>| {
            let raw = raw?;
            let at = parse_instant(raw);
            if at.is_none() {
                errors.push(FieldError::new(
                    field,
                    "must be an RFC 3339 date-time like 2026-12-04T00:00:00Z",
                ));
            }
            at.map(|at| DueBound::new(at, tz))
        };
        let after = bound("due_after", after);
        let before = bound("due_before", before);
        let has_due = one_of(
            "has_due",
            has_due,
            &[("true", true), ("false", false)],
            errors,
        );
        Self {
            priorities: wanted,
            tags,
            due: DueFilter {
                after,
                before,
                has_due,
            },
            tz,
        }
    }
}
