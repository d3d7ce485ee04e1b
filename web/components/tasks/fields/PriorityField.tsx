"use client";
import { FieldError } from "@/components/FieldError";
import type { Priority } from "@/lib/api/types";
import { PRIORITIES } from "@/lib/tasks/labels";

interface PriorityFieldProps {
  id: string;
  value: Priority;
  error?: string | undefined;
  onChange: (priority: Priority) => void;
}

export function PriorityField({ id, value, error, onChange }: PriorityFieldProps) {
  const errorId = `${id}-priority-error`;
  return (
    <div>
      <label htmlFor={`${id}-priority`} className="label">
        Priority
      </label>
      <select
        id={`${id}-priority`}
        className="input mt-1"
        value={value}
        onChange={(event) => {
          const next = PRIORITIES.find((p) => p.value === event.target.value);
          if (next) onChange(next.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {PRIORITIES.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
