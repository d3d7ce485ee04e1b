//! Which of an owner's tasks a list returns, in what order, and which page of them.

use crate::{Due, DueBound, Priority, Tag, Task, TimeZone};

/// Largest page a list may ask for.
pub const MAX_LIMIT: u32 = 200;
pub const DEFAULT_LIMIT: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Pending,
    Completed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Created,
    Updated,
    Title,
    /// Soonest due first; tasks without a due last in both orders.
    Due,
    /// Most important first.
    Priority,
}

impl SortKey {
    /// Newest first for times, alphabetical for titles, soonest first for dues,
    /// `high` first for priorities.
    pub fn default_order(self) -> SortOrder {
        match self {
            Self::Created | Self::Updated | Self::Priority => SortOrder::Desc,
            Self::Title | Self::Due => SortOrder::Asc,
        }
    }
}

/// Which dues a list keeps: `after` is inclusive and `before` exclusive, so that
/// consecutive windows share no task. A task without a due is outside every window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DueFilter {
    pub after: Option<DueBound>,
    pub before: Option<DueBound>,
    pub has_due: Option<bool>,
}

impl DueFilter {
    pub fn matches(&self, due: Option<Due>) -> bool {
        if let Some(wanted) = self.has_due
            && wanted != due.is_some()
        {
            return false;
        }
        let Some(due) = due else {
            return self.after.is_none() && self.before.is_none();
        };
        self.after.is_none_or(|b| b.is_reached_by(due))
            && self.before.is_none_or(|b| !b.is_reached_by(due))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

/// A list request. Ties in the sort order always break on id, in the same direction,
/// so that paging through a stable set never repeats or skips a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskQuery {
    pub status: StatusFilter,
    pub sort: SortKey,
    pub order: SortOrder,
    /// Case-insensitive substring of title or description; `None` matches all.
    pub search: Option<String>,
    /// Any of these; empty matches all.
    pub priorities: Vec<Priority>,
    /// Every one of these; empty matches all.
    pub tags: Vec<Tag>,
    pub due: DueFilter,
    /// Where date-only dues begin, for `due` and for sorting by due.
    pub tz: TimeZone,
    limit: u32,
    pub offset: u64,
}

impl TaskQuery {
    /// `limit` is clamped to 1..=[`MAX_LIMIT`]; transports reject out-of-range values
    /// before they get here, so the clamp only guards storage from a careless caller.
    pub fn new(
        status: StatusFilter,
        sort: SortKey,
        order: Option<SortOrder>,
        search: Option<String>,
        limit: u32,
        offset: u64,
    ) -> Self {
        Self {
            status,
            sort,
            order: order.unwrap_or_else(|| sort.default_order()),
            search: search.filter(|s| !s.is_empty()),
            priorities: Vec::new(),
            tags: Vec::new(),
            due: DueFilter::default(),
            tz: TimeZone::UTC,
            limit: limit.clamp(1, MAX_LIMIT),
            offset,
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// The status filter when it is the only filter, so that the number of matches is
    /// the owner's count of tasks in that status, which storage may keep ready.
    /// Every field is named here: a new filter must say whether it narrows the count.
    pub fn status_only(&self) -> Option<StatusFilter> {
        let Self {
            status,
            sort: _,
            order: _,
            search,
            priorities,
            tags,
            due:
                DueFilter {
                    after,
                    before,
                    has_due,
                },
            tz: _,
            limit: _,
            offset: _,
        } = self;
        let narrowed = search.is_some()
            || !priorities.is_empty()
            || !tags.is_empty()
            || after.is_some()
            || before.is_some()
            || has_due.is_some();
        (!narrowed).then_some(*status)
    }

    /// Whether `task` passes the filters of this query other than `search`, whose
    /// case folding is storage's own.
    pub fn filters_keep(&self, task: &Task) -> bool {
        let status = match self.status {
            StatusFilter::All => true,
            StatusFilter::Pending => !task.completed,
            StatusFilter::Completed => task.completed,
        };
        status
            && (self.priorities.is_empty() || self.priorities.contains(&task.priority))
            && self
                .tags
                .iter()
                .all(|wanted| task.tags.iter().any(|t| t.key() == wanted.key()))
            && self.due.matches(task.due)
    }
}

impl Default for TaskQuery {
    fn default() -> Self {
        Self::new(
            StatusFilter::All,
            SortKey::Created,
            None,
            None,
            DEFAULT_LIMIT,
            0,
        )
    }
}

/// One page of a list and how many tasks matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPage {
    pub tasks: Vec<Task>,
    pub total: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_query_without_other_filters_is_status_only() {
        let mut q = TaskQuery::new(StatusFilter::Pending, SortKey::Title, None, None, 10, 40);
        assert_eq!(q.status_only(), Some(StatusFilter::Pending));
        q.due.has_due = Some(false);
        assert_eq!(q.status_only(), None);
        let searched = TaskQuery::new(
            StatusFilter::All,
            SortKey::Created,
            None,
            Some("a".into()),
            10,
            0,
        );
        assert_eq!(searched.status_only(), None);
        let mut tagged = TaskQuery::default();
        tagged.priorities.push(Priority::High);
        assert_eq!(tagged.status_only(), None);
    }

    #[test]
    fn order_defaults_depend_on_the_sort_key() {
        let q = |sort| TaskQuery::new(StatusFilter::All, sort, None, None, 10, 0).order;
        assert_eq!(q(SortKey::Created), SortOrder::Desc);
        assert_eq!(q(SortKey::Updated), SortOrder::Desc);
        assert_eq!(q(SortKey::Title), SortOrder::Asc);
    }

    #[test]
    fn limit_is_clamped_and_empty_search_matches_all() {
        let q = TaskQuery::new(
            StatusFilter::All,
            SortKey::Created,
            None,
            Some(String::new()),
            999,
            0,
        );
        assert_eq!(q.limit(), MAX_LIMIT);
        assert_eq!(q.search, None);
        let q = TaskQuery::new(StatusFilter::All, SortKey::Created, None, None, 0, 0);
        assert_eq!(q.limit(), 1);
    }
}
