"use client";
import { useId, type Ref } from "react";
import type { StatusFilter } from "@/lib/api/types";
import { cx } from "@/lib/cx";
import type { StatusCounts } from "@/lib/tasks/counts";
import { SORT_OPTIONS, STATUS_FILTERS, isSortKey, type SortKey } from "./query";
import { useShortcutsEnabled } from "./useShortcuts";

interface TaskToolbarProps {
  status: StatusFilter;
  sort: SortKey;
  search: string;
  /** The open view's; no numbers when null. */
  counts: StatusCounts | null;
  /** All and tag views filter by status; Today, Upcoming and Overdue hold pending tasks only. */
  showStatus: boolean;
  /** Upcoming is always in due order. */
  showSort: boolean;
  onStatus: (status: StatusFilter) => void;
  onSort: (sort: SortKey) => void;
  onSearch: (search: string) => void;
  searchRef?: Ref<HTMLInputElement>;
}

/** Status filter (with counts), search and sort. */
export function TaskToolbar({ searchRef, ...props }: TaskToolbarProps) {
  const id = useId();
  const [shortcutsOn] = useShortcutsEnabled();
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      {props.showStatus && (
        <div role="group" aria-label="Show tasks" className="inline-flex w-full shrink-0 rounded-xl bg-line/70 p-1 sm:w-auto">
          {STATUS_FILTERS.map((filter) => {
            const active = props.status === filter.value;
            const count = props.counts?.[filter.value];
            return (
              <button
                key={filter.value}
                type="button"
                aria-pressed={active}
                onClick={() => props.onStatus(filter.value)}
                className={cx(
                  "flex flex-1 items-center justify-center gap-1 rounded-lg px-2 py-1.5 text-[13px] font-semibold whitespace-nowrap transition-colors sm:flex-none sm:gap-1.5 sm:px-3 sm:text-sm",
                  active ? "bg-surface text-ink shadow-sm" : "text-ink-soft hover:text-ink",
                )}
              >
                {filter.label}
                {count !== undefined && (
                  <span
                    data-testid={`count-${filter.value}`}
                    className={cx(
                      "rounded-full px-1.5 py-px text-xs tabular-nums",
                      active ? "bg-accent-soft text-accent-strong" : "bg-surface/70 text-ink",
                    )}
                  >
                    {count}
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}

      <div className="flex min-w-0 flex-col gap-2 sm:flex-row lg:flex-1 lg:justify-end">
        <div className="relative min-w-0 sm:flex-1 lg:max-w-72">
          <label htmlFor={`${id}-search`} className="sr-only">
            Search tasks
          </label>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            fill="currentColor"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-muted"
          >
            <path d="M8.5 3a5.5 5.5 0 0 1 4.4 8.8l3.7 3.7-1.1 1.1-3.7-3.7A5.5 5.5 0 1 1 8.5 3zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8z" />
          </svg>
          <input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            className="input pl-9"
            placeholder="Search tasks"
            value={props.search}
            onChange={(event) => props.onSearch(event.target.value)}
            aria-keyshortcuts={shortcutsOn ? "/" : undefined}
            title={shortcutsOn ? "Search (/)" : undefined}
          />
        </div>
        {props.showSort && (
          <div className="flex shrink-0 items-center gap-2">
            <label htmlFor={`${id}-sort`} className="text-sm font-medium whitespace-nowrap text-ink-soft">
              Sort
            </label>
            <select
              id={`${id}-sort`}
              className="input w-full sm:w-auto"
              value={props.sort}
              onChange={(event) => {
                if (isSortKey(event.target.value)) props.onSort(event.target.value);
              }}
            >
              {SORT_OPTIONS.map((option) => (
                <option key={option.key} value={option.key}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
    </div>
  );
}
