"use client";
// The list area: skeleton, failure, empty state, or the tasks; Upcoming's
// tasks under one heading per day.
import type { ReactNode } from "react";
import { isApiError } from "@/lib/api/errors";
import type { StatusFilter, Task } from "@/lib/api/types";
import { cx } from "@/lib/cx";
import { dayHeading } from "@/lib/tasks/labels";
import { groupByDay, type DayWindows, type View } from "@/lib/tasks/views";
import { EmptyState, ListFailure, LoadingRows } from "./ListStates";

interface TaskListBodyProps {
  phase: "loading" | "updating" | "error" | "ready";
  error: unknown;
  items: Task[];
  /** Every task of the view is loaded (Upcoming shows its empty days only then). */
  complete: boolean;
  view: View;
  status: StatusFilter;
  search: string;
  windows: DayWindows;
  onClearSearch: () => void;
  onRetry: () => void;
  renderTask: (task: Task) => ReactNode;
}

export function TaskListBody(props: TaskListBodyProps) {
  const { phase, error, items, view } = props;
  if (phase === "loading") return <LoadingRows />;
  if (phase === "error") {
    return isApiError(error) && error.kind === "unavailable" ? (
      <ListFailure message="The server isn't answering right now. Your tasks are safe; use Retry above." />
    ) : (
      <ListFailure message={isApiError(error) ? error.detail : "Something went wrong."} onRetry={props.onRetry} />
    );
  }
  if (items.length === 0) {
    return <EmptyState view={view} status={props.status} search={props.search} onClearSearch={props.onClearSearch} />;
  }
  const dimmed = phase === "updating";
  const listClass = cx("divide-y divide-line-soft transition-opacity", dimmed && "opacity-60");

  if (view.kind !== "upcoming") {
    return (
      <ul aria-label="Tasks" aria-busy={dimmed || undefined} className={listClass}>
        {items.map(props.renderTask)}
      </ul>
    );
  }

  const days = groupByDay(items, props.windows).filter((day) => props.complete || day.tasks.length > 0);
  return (
    <div aria-busy={dimmed || undefined} className={cx("divide-y divide-line", dimmed && "opacity-60")}>
      {days.map((day) => {
        const headingId = `day-${day.date}`;
        return (
          <section key={day.date} aria-labelledby={headingId} data-testid="upcoming-day" data-date={day.date}>
            <h3 id={headingId} className="bg-subtle px-4 py-2 text-sm font-semibold text-ink-soft sm:px-5">
              {dayHeading(day.date, props.windows.today)}
              <span className="ml-2 font-normal text-ink-muted">
                {day.tasks.length === 0 ? "Nothing due" : day.tasks.length === 1 ? "1 task" : `${day.tasks.length} tasks`}
              </span>
            </h3>
            {day.tasks.length > 0 && (
              <ul aria-labelledby={headingId} className="divide-y divide-line-soft">
                {day.tasks.map(props.renderTask)}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
