// What the views and the toolbar can ask for, and how that maps onto the
// API's list parameters.
import type { ListParams, SortField, SortOrder, StatusFilter } from "@/lib/api/types";
import { hasStatusFilter, viewKey, viewParams, type DayWindows, type View } from "@/lib/tasks/views";

export const PAGE_SIZE = 20;
/** The API's largest `limit`. */
export const MAX_PAGE = 200;

export const SORT_OPTIONS = [
  { key: "created-desc", label: "Newest first", sort: "created", order: "desc" },
  { key: "created-asc", label: "Oldest first", sort: "created", order: "asc" },
  { key: "updated-desc", label: "Recently updated", sort: "updated", order: "desc" },
  { key: "due-asc", label: "Due date", sort: "due", order: "asc" },
  { key: "priority-desc", label: "Priority", sort: "priority", order: "desc" },
  { key: "title-asc", label: "Title A–Z", sort: "title", order: "asc" },
  { key: "title-desc", label: "Title Z–A", sort: "title", order: "desc" },
] as const satisfies ReadonlyArray<{ key: string; label: string; sort: SortField; order: SortOrder }>;

export type SortKey = (typeof SORT_OPTIONS)[number]["key"];

export const STATUS_FILTERS = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
] as const satisfies ReadonlyArray<{ value: StatusFilter; label: string }>;

/** Lists of things to do open soonest first; All and tags newest first, as before views existed. */
export function defaultSort(view: View): SortKey {
  return view.kind === "all" || view.kind === "tag" ? "created-desc" : "due-asc";
}

/** Upcoming is grouped by day, so it is always in due order. */
export function hasSortChoice(view: View): boolean {
  return view.kind !== "upcoming";
}

export interface TaskQuery {
  view: View;
  status: StatusFilter;
  sort: SortKey;
  search: string;
}

export function isSortKey(value: string): value is SortKey {
  return SORT_OPTIONS.some((option) => option.key === value);
}

/** The API parameters for one page of `query`. */
export function listParams(query: TaskQuery, windows: DayWindows, offset: number, limit: number): ListParams {
  const sortKey = hasSortChoice(query.view) ? query.sort : "due-asc";
  const option = SORT_OPTIONS.find((o) => o.key === sortKey) ?? SORT_OPTIONS[0];
  const q = query.search.trim();
  return {
    ...(hasStatusFilter(query.view) && { status: query.status }),
    ...viewParams(query.view, windows),
    sort: option.sort,
    order: option.order,
    ...(q ? { q } : {}),
    limit,
    offset,
  };
}

/** A stable identity for a query on one day, to tell whose results a list holds. */
export function queryKey(query: TaskQuery, windows: DayWindows): string {
  const status = hasStatusFilter(query.view) ? query.status : "-";
  const sort = hasSortChoice(query.view) ? query.sort : "-";
  return `${viewKey(query.view)}|${status}|${sort}|${query.search.trim()}|${windows.startOfToday}|${windows.timeZone}`;
}
