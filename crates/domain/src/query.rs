//! Which of an owner's tasks a list returns, in what order, and which page of them.

use crate::Task;

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
}

impl SortKey {
    /// Newest first for times, alphabetical for titles.
    pub fn default_order(self) -> SortOrder {
        match self {
            Self::Created | Self::Updated => SortOrder::Desc,
            Self::Title => SortOrder::Asc,
        }
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
            limit: limit.clamp(1, MAX_LIMIT),
            offset,
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
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
