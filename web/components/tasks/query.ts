// What the toolbar can ask for, and how that maps onto the API's list parameters.
import type { ListParams, SortField, SortOrder, StatusFilter } from "@/lib/api/types";

export const PAGE_SIZE = 20;

export const SORT_OPTIONS = [
  { key: "created-desc", label: "Newest first", sort: "created", order: "desc" },
  { key: "created-asc", label: "Oldest first", sort: "created", order: "asc" },
  { key: "updated-desc", label: "Recently updated", sort: "updated", order: "desc" },
  { key: "title-asc", label: "Title A–Z", sort: "title", order: "asc" },
  { key: "title-desc", label: "Title Z–A", sort: "title", order: "desc" },
] as const satisfies ReadonlyArray<{ key: string; label: string; sort: SortField; order: SortOrder }>;

export type SortKey = (typeof SORT_OPTIONS)[number]["key"];

export const STATUS_FILTERS = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
] as const satisfies ReadonlyArray<{ value: StatusFilter; label: string }>;

export interface TaskQuery {
  status: StatusFilter;
  sort: SortKey;
  search: string;
}

export function isSortKey(value: string): value is SortKey {
  return SORT_OPTIONS.some((option) => option.key === value);
}

/** The API parameters for one page of `query`. */
export function listParams(query: TaskQuery, offset: number, limit: number): ListParams {
  const option = SORT_OPTIONS.find((o) => o.key === query.sort) ?? SORT_OPTIONS[0];
  const q = query.search.trim();
  return {
    status: query.status,
    sort: option.sort,
    order: option.order,
    ...(q ? { q } : {}),
    limit,
    offset,
  };
}

/** A stable identity for a query, to tell whose results a list holds. */
export function queryKey(query: TaskQuery): string {
  return `${query.status}|${query.sort}|${query.search.trim()}`;
}
