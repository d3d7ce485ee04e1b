"use client";
// The card holding the current view: its heading, the toolbar, the tasks and
// the paging footer.
import type { ReactNode, Ref } from "react";
import type { StatusFilter, Task } from "@/lib/api/types";
import type { StatusCounts } from "@/lib/tasks/counts";
import { hasStatusFilter, viewTitle, type DayWindows, type View } from "@/lib/tasks/views";
import { hasSortChoice, type SortKey } from "./query";
import { TaskListBody } from "./TaskListBody";
import { TaskToolbar } from "./TaskToolbar";

interface ListView {
  phase: "loading" | "updating" | "error" | "ready";
  items: Task[];
  total: number;
  error: unknown;
  loadingMore: boolean;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

interface TaskListSectionProps {
  view: View;
  status: StatusFilter;
  sort: SortKey;
  searchInput: string;
  search: string;
  /** The open view's own, or null to show none. */
  counts: StatusCounts | null;
  list: ListView;
  windows: DayWindows;
  searchRef: Ref<HTMLInputElement>;
  clearing: boolean;
  onStatus: (status: StatusFilter) => void;
  onSort: (sort: SortKey) => void;
  onSearch: (search: string) => void;
  onClearCompleted: () => void;
  renderTask: (task: Task) => ReactNode;
}

export function TaskListSection(props: TaskListSectionProps) {
  const { view, list, counts } = props;
  const { items, total, phase } = list;
  const canClear = view.kind === "all" && (counts?.completed ?? 0) > 0;
  return (
    <section aria-labelledby="task-list-heading" className="overflow-hidden rounded-2xl border border-line bg-surface shadow-sm">
      <div className="space-y-3 border-b border-line bg-subtle px-3 py-3 sm:px-5">
        <div className="flex items-center justify-between gap-2">
          <h2 id="task-list-heading" className="truncate text-lg font-semibold text-ink">
            {viewTitle(view)}
          </h2>
          {canClear && (
            <button type="button" className="btn-ghost px-2.5 py-1.5" onClick={props.onClearCompleted} disabled={props.clearing}>
              {props.clearing ? "Clearing…" : "Clear completed"}
            </button>
          )}
        </div>
        <TaskToolbar
          status={props.status}
          sort={props.sort}
          search={props.searchInput}
          counts={counts}
          showStatus={hasStatusFilter(view)}
          showSort={hasSortChoice(view)}
          searchRef={props.searchRef}
          onStatus={props.onStatus}
          onSort={props.onSort}
          onSearch={props.onSearch}
        />
      </div>

      <TaskListBody
        phase={phase}
        error={list.error}
        items={items}
        complete={items.length >= total}
        view={view}
        status={props.status}
        search={props.search}
        windows={props.windows}
        onClearSearch={() => props.onSearch("")}
        onRetry={() => void list.refresh()}
        renderTask={props.renderTask}
      />

      {items.length > 0 && phase !== "loading" && phase !== "error" && (
        <div className="flex flex-col items-center gap-3 border-t border-line px-4 py-3 sm:flex-row sm:justify-between sm:px-5">
          <p data-testid="showing" className="text-sm text-ink-muted">
            Showing {items.length} of {total} {total === 1 ? "task" : "tasks"}
          </p>
          {items.length < total && (
            <button
              type="button"
              className="btn-secondary w-full sm:w-auto"
              onClick={() => void list.loadMore()}
              // While another query is on its way the rows shown are the old
              // query's: paging the new one from their count would skip tasks.
              disabled={list.loadingMore || phase !== "ready"}
            >
              {list.loadingMore ? "Loading…" : `Load more (${total - items.length} left)`}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
