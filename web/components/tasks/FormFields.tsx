"use client";
import { FieldError } from "@/components/FieldError";
import { DESCRIPTION_MAX } from "@/lib/tasks/task-form";

interface DescriptionFieldProps {
  /** Prefix of the element ids, from the form's `useId()`. */
  id: string;
  value: string;
  error?: string | undefined;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** The optional description of a task, shared by the add form and the inline editor. */
export function DescriptionField({ id, value, error, placeholder, onChange }: DescriptionFieldProps) {
  const errorId = `${id}-description-error`;
  return (
    <>
      <label htmlFor={`${id}-description`} className="label">
        Description <span className="font-normal text-ink-muted">(optional)</span>
      </label>
      <textarea
        id={`${id}-description`}
        name="description"
        className="input mt-1 min-h-20 resize-y"
        rows={3}
        placeholder={placeholder}
        value={value}
        maxLength={DESCRIPTION_MAX}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <FieldError id={errorId} message={error} />
    </>
  );
}
