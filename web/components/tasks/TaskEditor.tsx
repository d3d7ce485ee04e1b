"use client";
import { useId, useState } from "react";
import { FieldError } from "@/components/FieldError";
import { Spinner } from "@/components/Spinner";
import type { Task, TaskChanges } from "@/lib/api/types";
import { changesFrom, formFromTask, TITLE_MAX, validateForm, type FieldErrors } from "@/lib/tasks/task-form";
import { TaskDetailsFields } from "./fields/TaskDetailsFields";
import { DescriptionField } from "./FormFields";
import type { Outcome } from "./outcome";

interface TaskEditorProps {
  task: Task;
  knownTags: readonly string[];
  timeZone: string;
  onSave: (changes: TaskChanges, form: HTMLFormElement) => Promise<Outcome>;
  onCancel: () => void;
}

/** Inline editing of every field of a task. Enter in the title saves, Escape cancels. */
export function TaskEditor({ task, knownTags, timeZone, onSave, onCancel }: TaskEditorProps) {
  const id = useId();
  const [values, setValues] = useState(() => formFromTask(task, timeZone));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  async function save(form: HTMLFormElement) {
    const problems = validateForm(values, timeZone);
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    const changes = changesFrom(task, values, timeZone);
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
      className="min-w-0 flex-1 space-y-3"
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
          value={values.title}
          maxLength={TITLE_MAX}
          onChange={(event) => setValues({ ...values, title: event.target.value })}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
          autoFocus
        />
        <FieldError id={`${id}-title-error`} message={errors.title} />
      </div>
      <div>
        <DescriptionField
          id={id}
          value={values.description}
          error={errors.description}
          onChange={(description) => setValues({ ...values, description })}
        />
      </div>
      <TaskDetailsFields id={id} values={values} errors={errors} knownTags={knownTags} timeZone={timeZone} onChange={setValues} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={saving}>
          {saving && <Spinner />}
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <p className="ml-auto hidden text-xs text-ink-muted sm:block">Enter to save · Esc to cancel</p>
      </div>
    </form>
  );
}
