"use client";
import { useId, useState } from "react";
import type { Task, TaskChanges } from "@/lib/api/types";
import { Spinner } from "@/components/Spinner";
import { FieldError } from "@/components/FieldError";
import { DescriptionField } from "./FormFields";
import { TITLE_MAX, titleProblem, type Outcome } from "./outcome";

interface TaskEditorProps {
  task: Task;
  onSave: (changes: TaskChanges, form: HTMLFormElement) => Promise<Outcome>;
  onCancel: () => void;
}

/** Inline editing of a task's title and description. Enter saves, Escape cancels. */
export function TaskEditor({ task, onSave, onCancel }: TaskEditorProps) {
  const id = useId();
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? "");
  const [errors, setErrors] = useState<Partial<Record<"title" | "description", string>>>({});
  const [saving, setSaving] = useState(false);

  async function save(form: HTMLFormElement) {
    const problem = titleProblem(title);
    if (problem) {
      setErrors({ title: problem });
      return;
    }
    const changes: TaskChanges = {};
    if (title.trim() !== task.title) changes.title = title.trim();
    const newDescription = description.trim() ? description : null;
    if (newDescription !== task.description) changes.description = newDescription;
    if (Object.keys(changes).length === 0) {
      onCancel(); // nothing changed: nothing to send
      return;
    }
    setSaving(true);
    setErrors({});
    const outcome = await onSave(changes, form);
    setSaving(false);
    if (!outcome.ok && outcome.fieldErrors) setErrors(outcome.fieldErrors);
  }

  return (
    <form
      aria-label={`Edit task: ${task.title}`}
      className="flex-1 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save(event.currentTarget);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
        // Ctrl/Cmd+Enter saves from inside the description too.
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }
      }}
    >
      <div>
        <label htmlFor={`${id}-title`} className="label">
          Title
        </label>
        <input
          id={`${id}-title`}
          className="input mt-1"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
          autoFocus
        />
        <FieldError id={`${id}-title-error`} message={errors.title} />
      </div>
      <div>
        <DescriptionField
          id={id}
          value={description}
          error={errors.description}
          onChange={setDescription}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={saving}>
          {saving && <Spinner />}
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <p className="ml-auto hidden text-xs text-slate-600 sm:block">Enter to save · Esc to cancel</p>
      </div>
    </form>
  );
}
