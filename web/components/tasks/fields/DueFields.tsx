"use client";
// The due (a date, and a time if it has one, in the browser's zone) and the
// repeat rule, which needs a due to count from.
import { FieldError } from "@/components/FieldError";
import type { RecurrenceUnit } from "@/lib/api/types";
import { unitName } from "@/lib/tasks/labels";
import { INTERVAL_MAX, type TaskFormValues } from "@/lib/tasks/task-form";

const REPEATS: ReadonlyArray<{ value: TaskFormValues["repeat"]; label: string }> = [
  { value: "none", label: "Doesn't repeat" },
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
  { value: "year", label: "Yearly" },
];

interface DueFieldsProps {
  id: string;
  values: TaskFormValues;
  dueError?: string | undefined;
  repeatError?: string | undefined;
  onDue: (change: { dueDate?: string; dueTime?: string }) => void;
  onRepeat: (change: { repeat?: TaskFormValues["repeat"]; interval?: string }) => void;
}

export function DueFields({ id, values, dueError, repeatError, onDue, onRepeat }: DueFieldsProps) {
  const hasDate = values.dueDate !== "";
  const dueErrorId = `${id}-due-error`;
  const repeatHintId = `${id}-repeat-hint`;
  const repeatErrorId = `${id}-repeat-error`;
  const interval = Number(values.interval);
  return (
    <>
      <fieldset>
        <legend className="label">Due</legend>
        <div className="mt-1 flex gap-2">
          <div className="min-w-0 flex-[3]">
            <label htmlFor={`${id}-due-date`} className="sr-only">
              Due date
            </label>
            <input
              id={`${id}-due-date`}
              type="date"
              className="input"
              value={values.dueDate}
              min="0001-01-01"
              max="9999-12-31"
              onChange={(event) => onDue({ dueDate: event.target.value })}
              aria-invalid={dueError ? true : undefined}
              aria-describedby={dueError ? dueErrorId : undefined}
            />
          </div>
          <div className="min-w-0 flex-[2]">
            <label htmlFor={`${id}-due-time`} className="sr-only">
              Due time (optional)
            </label>
            <input
              id={`${id}-due-time`}
              type="time"
              // A due stored with seconds (set through the API) must stay valid here.
              step={values.dueTime.length > 5 ? 1 : 60}
              className="input"
              value={values.dueTime}
              disabled={!hasDate}
              title={hasDate ? "Leave empty for any time that day" : "Pick a date first"}
              onChange={(event) => onDue({ dueTime: event.target.value })}
            />
          </div>
        </div>
        <FieldError id={dueErrorId} message={dueError} />
      </fieldset>

      <div>
        <label htmlFor={`${id}-repeat`} className="label">
          Repeat
        </label>
        <div className="mt-1 flex items-center gap-2">
          <select
            id={`${id}-repeat`}
            className="input min-w-0 flex-1"
            value={hasDate ? values.repeat : "none"}
            disabled={!hasDate}
            onChange={(event) => {
              const next = REPEATS.find((r) => r.value === event.target.value);
              if (next) onRepeat({ repeat: next.value });
            }}
            aria-invalid={repeatError ? true : undefined}
            aria-describedby={[!hasDate && repeatHintId, repeatError && repeatErrorId].filter(Boolean).join(" ") || undefined}
          >
            {REPEATS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {hasDate && values.repeat !== "none" && (
            <span className="flex shrink-0 items-center gap-1.5 text-sm text-ink-soft">
              <label htmlFor={`${id}-interval`}>every</label>
              <input
                id={`${id}-interval`}
                type="number"
                inputMode="numeric"
                min={1}
                max={INTERVAL_MAX}
                className="input w-18"
                value={values.interval}
                onChange={(event) => onRepeat({ interval: event.target.value })}
              />
              <span>{unitName(values.repeat as RecurrenceUnit, Number.isFinite(interval) ? interval : 1)}</span>
            </span>
          )}
        </div>
        {!hasDate && (
          <p id={repeatHintId} className="field-hint">
            Set a due date to repeat.
          </p>
        )}
        <FieldError id={repeatErrorId} message={repeatError} />
      </div>
    </>
  );
}
