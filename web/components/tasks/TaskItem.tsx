"use client";
import { useEffect, useRef } from "react";
import type { Task, TaskChanges } from "@/lib/api/types";
import { cx } from "@/lib/cx";
import { TaskEditor } from "./TaskEditor";
import type { DayWindows } from "@/lib/tasks/views";
import type { Outcome } from "./outcome";
import { TaskMeta } from "./TaskMeta";
import { fullDate, timeAgo } from "./time";

interface TaskItemProps {
  task: Task;
  editing: boolean;
  busy: boolean;
  overdue: boolean;
  /** Just created (the next occurrence of a repeating task): highlighted once. */
  fresh: boolean;
  windows: DayWindows;
  knownTags: readonly string[];
  onTag: (tag: string) => void;
  onToggle: (task: Task) => void;
  onEdit: (task: Task) => void;
  onCancelEdit: () => void;
  onSave: (task: Task, changes: TaskChanges, form: HTMLFormElement, version: number) => Promise<Outcome>;
  onDelete: (task: Task) => void;
}

/** One row: check off, read, edit in place, delete. */
export function TaskItem(props: TaskItemProps) {
  const { task, editing, busy, overdue, windows } = props;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Closing the editor (save or Escape) returns keyboard focus to the row,
  // unless it went somewhere already: into another task's editor, opened
  // while this one was saving.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (wasEditing.current && !editing && lost) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const added = timeAgo(task.created_at);
  const updated = timeAgo(task.updated_at);
  // "Added just now · updated just now" says nothing twice: show the update only when it reads differently.
  const showUpdated = task.updated_at !== task.created_at && updated !== added;

  return (
    <li
      data-testid="task"
      data-task-id={task.id}
      data-overdue={overdue || undefined}
      aria-busy={busy || undefined}
      className={cx(
        "group flex gap-3 px-4 py-3.5 transition-colors sm:px-5",
        editing ? "bg-accent-soft/50" : "hover:bg-hover",
        overdue && !editing && "border-l-4 border-l-red-600 pl-3 sm:pl-4 dark:border-l-red-400",
        busy && "opacity-60",
        props.fresh && "animate-fresh",
      )}
    >
      <span className="relative grid size-6 shrink-0 place-items-center">
        <input
          type="checkbox"
          checked={task.completed}
          disabled={editing}
          // While its request is on its way a second click would undo the
          // first. Ignored rather than disabled: disabling would throw the
          // keyboard focus out of the row.
          aria-disabled={busy || undefined}
          onChange={() => {
            if (!busy) props.onToggle(task);
          }}
          aria-label={`${task.completed ? "Mark as not done" : "Mark as done"}: ${task.title}`}
          className="peer size-5 cursor-pointer appearance-none rounded-full border-2 border-slate-500 bg-surface transition-colors dark:not-checked:border-slate-400 checked:border-brand-600 checked:bg-brand-600 hover:border-brand-600 disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-progress"
        />
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute size-3.5 text-white opacity-0 peer-checked:opacity-100"
        >
          <path d="M7.7 13.3 4.4 10l-1.2 1.2 4.5 4.5 9.1-9.1-1.2-1.2z" />
        </svg>
      </span>

      {editing ? (
        <TaskEditor
          task={task}
          knownTags={props.knownTags}
          timeZone={windows.timeZone}
          today={windows.today}
          onCancel={props.onCancelEdit}
          onSave={(changes, form, version) => props.onSave(task, changes, form, version)}
        />
      ) : (
        <>
          <div className="min-w-0 flex-1">
            <p
              className={cx(
                "font-medium break-words",
                task.completed ? "text-ink-muted line-through decoration-slate-400" : "text-ink",
              )}
            >
              {task.title}
            </p>
            {task.description && (
              <p className="mt-0.5 line-clamp-3 text-sm break-words whitespace-pre-line text-ink-muted">
                {task.description}
              </p>
            )}
            <TaskMeta task={task} overdue={overdue} windows={windows} onTag={props.onTag} />
            <p className="mt-1 text-xs text-ink-muted">
              <time dateTime={task.created_at} title={fullDate(task.created_at)}>
                Added {added}
              </time>
              {showUpdated && (
                <>
                  {" · "}
                  <time dateTime={task.updated_at} title={fullDate(task.updated_at)}>
                    updated {updated}
                  </time>
                </>
              )}
            </p>
          </div>
          <div className="flex shrink-0 items-start gap-1">
            <button
              ref={editButton}
              type="button"
              className="rounded-md p-2 text-ink-muted hover:bg-hover hover:text-ink"
              onClick={() => props.onEdit(task)}
              aria-label={`Edit: ${task.title}`}
              title="Edit"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                <path d="M13.6 3.3a2 2 0 0 1 2.8 0l.3.3a2 2 0 0 1 0 2.8l-8.9 8.9-3.8 1 1-3.8 8.6-9.2zM12.5 5.6 6 12.1l-.5 1.9 1.9-.5 6.5-6.5-1.4-1.4z" />
              </svg>
            </button>
            <button
              type="button"
              className="rounded-md p-2 text-ink-muted hover:bg-red-50 hover:text-red-700 dark:hover:bg-red-950/60 dark:hover:text-red-300"
              onClick={() => props.onDelete(task)}
              aria-label={`Delete: ${task.title}`}
              title="Delete"
              disabled={busy}
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                <path d="M8 2h4a1 1 0 0 1 1 1v1h4v2h-1l-.8 10.2A2 2 0 0 1 13.2 18H6.8a2 2 0 0 1-2-1.8L4 6H3V4h4V3a1 1 0 0 1 1-1zm-2 4 .8 10h6.4L14 6H6zm2 2h1.5v6H8V8zm2.5 0H12v6h-1.5V8z" />
              </svg>
            </button>
          </div>
        </>
      )}
    </li>
  );
}
