"use client";
// The reminder: a preset relative to the due, or a date and time of its own.
// The presets follow the due (a date-only due offers "on the day" and "the
// day before"); without a due only a custom time is possible.
import { FieldError } from "@/components/FieldError";
import { reminderOptions, type Due, type ReminderChoice } from "@/lib/tasks/reminders";

interface ReminderFieldProps {
  id: string;
  choice: ReminderChoice;
  customAt: string;
  due: Due | null;
  error?: string | undefined;
  onChoice: (choice: ReminderChoice) => void;
  onCustomAt: (value: string) => void;
}

export function ReminderField({ id, choice, customAt, due, error, onChoice, onCustomAt }: ReminderFieldProps) {
  const options = reminderOptions(due);
  const errorId = `${id}-reminder-error`;
  const describedBy = error ? errorId : undefined;
  return (
    <div>
      <label htmlFor={`${id}-reminder`} className="label">
        Reminder
      </label>
      <select
        id={`${id}-reminder`}
        className="input mt-1"
        value={options.some((o) => o.value === choice) ? choice : "none"}
        onChange={(event) => {
          const next = options.find((o) => o.value === event.target.value);
          if (next) onChoice(next.value);
        }}
        aria-invalid={error && choice !== "custom" ? true : undefined}
        aria-describedby={choice !== "custom" ? describedBy : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {choice === "custom" && (
        <div className="mt-2">
          <label htmlFor={`${id}-reminder-at`} className="sr-only">
            Reminder date and time
          </label>
          {/* Seconds are allowed so a reminder can be set a few seconds ahead. */}
          <input
            id={`${id}-reminder-at`}
            type="datetime-local"
            step={1}
            className="input"
            value={customAt}
            onChange={(event) => onCustomAt(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
