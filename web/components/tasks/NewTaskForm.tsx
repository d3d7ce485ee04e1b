"use client";
import { useId, useRef, useState } from "react";
import type { NewTask } from "@/lib/api/types";
import { Spinner } from "@/components/Spinner";
import { FieldError } from "@/components/FieldError";
import { DescriptionField } from "./FormFields";
import { TITLE_MAX, titleProblem, type Outcome } from "./outcome";

interface NewTaskFormProps {
  onCreate: (task: NewTask, form: HTMLFormElement) => Promise<Outcome>;
}

/**
 * Adds a task. What was typed stays until the API has stored it, so a failed
 * attempt (server down, validation) loses nothing.
 */
export function NewTaskForm({ onCreate }: NewTaskFormProps) {
  const id = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [showDetails, setShowDetails] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<"title" | "description", string>>>({});
  const [saving, setSaving] = useState(false);

  async function create(form: HTMLFormElement) {
    const problem = titleProblem(title);
    if (problem) {
      setErrors({ title: problem });
      titleRef.current?.focus();
      return;
    }
    setSaving(true);
    setErrors({});
    const outcome = await onCreate(
      { title: title.trim(), description: description.trim() ? description : null },
      form,
    );
    setSaving(false);
    if (outcome.ok) {
      setTitle("");
      setDescription("");
      setShowDetails(false);
      titleRef.current?.focus();
    } else if (outcome.fieldErrors) {
      setErrors(outcome.fieldErrors);
      if (outcome.fieldErrors.description) setShowDetails(true);
    }
  }

  return (
    <form
      aria-label="Add a task"
      className="rounded-2xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
      onSubmit={(event) => {
        event.preventDefault();
        void create(event.currentTarget);
      }}
    >
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="flex-1">
          <label htmlFor={`${id}-title`} className="sr-only">
            Task title
          </label>
          <input
            ref={titleRef}
            id={`${id}-title`}
            name="title"
            className="input py-2.5"
            placeholder="What needs doing?"
            autoComplete="off"
            value={title}
            maxLength={TITLE_MAX}
            onChange={(event) => setTitle(event.target.value)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? `${id}-title-error` : undefined}
          />
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className="btn-secondary flex-1 sm:flex-none"
            aria-expanded={showDetails}
            aria-controls={`${id}-details`}
            onClick={() => setShowDetails((value) => !value)}
          >
            {showDetails ? "Hide details" : "Add details"}
          </button>
          <button type="submit" className="btn-primary flex-1 sm:flex-none" disabled={saving}>
            {saving ? <Spinner /> : <PlusIcon />}
            {saving ? "Adding…" : "Add task"}
          </button>
        </div>
      </div>
      <FieldError id={`${id}-title-error`} message={errors.title} />
      <div id={`${id}-details`} hidden={!showDetails} className="mt-3">
        <DescriptionField
          id={id}
          value={description}
          error={errors.description}
          placeholder="Notes, links, anything that helps"
          onChange={setDescription}
        />
      </div>
    </form>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M9 4h2v5h5v2h-5v5H9v-5H4V9h5V4z" />
    </svg>
  );
}
