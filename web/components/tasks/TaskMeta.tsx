"use client";
// The badges under a task's title: overdue, due, repeat rule, reminder,
// priority and tags. Each says what it is in words (an icon or a colour is
// never the only signal).
import type { Priority, Task } from "@/lib/api/types";
import { cx } from "@/lib/cx";
import { dueText, priorityLabel, recurrenceLabel, reminderText } from "@/lib/tasks/labels";
import type { DayWindows } from "@/lib/tasks/views";

const PRIORITY_STYLES: Record<Exclude<Priority, "none">, string> = {
  high: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-800",
  medium: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-800",
  low: "bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950/60 dark:text-sky-200 dark:ring-sky-800",
};

const badge = "inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";

interface TaskMetaProps {
  task: Task;
  overdue: boolean;
  windows: DayWindows;
  onTag: (tag: string) => void;
}

export function TaskMeta({ task, overdue, windows, onTag }: TaskMetaProps) {
  const due = dueText(task, windows.today, windows.timeZone);
  const hasAny = due || task.recurrence || task.remind_at || task.priority !== "none" || task.tags.length > 0;
  if (!hasAny) return null;
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
      {overdue && (
        <span data-testid="overdue" className={cx(badge, "bg-red-700 font-semibold text-white ring-red-700 dark:bg-red-400 dark:text-red-950 dark:ring-red-400")}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
            <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-.9 4h1.8v5.2H9.1V6zm0 6.6h1.8v1.8H9.1v-1.8z" />
          </svg>
          Overdue
        </span>
      )}
      {due && (
        <span
          data-testid="due"
          className={cx(
            badge,
            overdue
              ? "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-800"
              : "bg-subtle text-ink-soft ring-line",
          )}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
            <path d="M6 2h1.5v2h5V2H14v2h2a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h2V2zM4.5 8v7.5h11V8h-11z" />
          </svg>
          <span className="sr-only">Due </span>
          <time dateTime={due.dateTime} title={`Due ${due.full}`}>
            {due.text}
          </time>
        </span>
      )}
      {task.recurrence && (
        <span data-testid="recurrence" className={cx(badge, "bg-subtle text-ink-soft ring-line")}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
            <path d="M15 4.5V2l3 3-3 3V6H6a2.5 2.5 0 0 0-2.5 2.5V10H2V8.5A4 4 0 0 1 6 4.5h9zM5 15.5V18l-3-3 3-3v2h9a2.5 2.5 0 0 0 2.5-2.5V10H18v1.5a4 4 0 0 1-4 4H5z" />
          </svg>
          {recurrenceLabel(task.recurrence)}
        </span>
      )}
      {task.remind_at && !task.completed && (
        <span data-testid="reminder" className={cx(badge, "bg-subtle text-ink-soft ring-line")}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
            <path d="M10 2a5 5 0 0 0-5 5v3.3L3.5 13v1.5h13V13L15 10.3V7a5 5 0 0 0-5-5zm-2 14h4a2 2 0 0 1-4 0z" />
          </svg>
          {reminderText(task.remind_at, windows.today, windows.timeZone)}
        </span>
      )}
      {task.priority !== "none" && (
        <span data-testid="priority" className={cx(badge, PRIORITY_STYLES[task.priority])}>
          {priorityLabel(task.priority)}
          <span className="sr-only"> priority</span>
        </span>
      )}
      {task.tags.map((tag) => (
        <button
          key={tag}
          type="button"
          data-testid="tag"
          onClick={() => onTag(tag)}
          title={`Show tasks tagged ${tag}`}
          className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent-strong hover:underline"
        >
          <span aria-hidden="true">#</span>
          {tag}
          <span className="sr-only"> (show tasks with this tag)</span>
        </button>
      ))}
    </div>
  );
}
