"use client";
import { useId, useState } from "react";
import { FieldError } from "@/components/FieldError";

interface TextFieldProps {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
}

/** A labelled input with an optional hint and error, wired for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const isPassword = props.type === "password";
  const describedBy = [props.hint && `${id}-hint`, props.error && `${id}-error`]
    .filter(Boolean)
    .join(" ");

  return (
    <div>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <div className="relative mt-1.5">
        <input
          id={id}
          name={props.name}
          type={isPassword && revealed ? "text" : (props.type ?? "text")}
          autoComplete={props.autoComplete}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          required={props.required}
          autoFocus={props.autoFocus}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={isPassword ? "input pr-16" : "input"}
        />
        {isPassword && (
          <button
            type="button"
            onClick={() => setRevealed((value) => !value)}
            aria-pressed={revealed}
            aria-label={revealed ? "Hide password" : "Show password"}
            className="absolute inset-y-1 right-1 rounded-md px-2.5 text-xs font-semibold text-ink-soft hover:bg-hover"
          >
            {revealed ? "Hide" : "Show"}
          </button>
        )}
      </div>
      {props.hint && !props.error && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}
