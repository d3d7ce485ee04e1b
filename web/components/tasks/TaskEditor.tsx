"use client";
import { useId, useState } from "react";
import { FieldError } from "@/components/FieldError";
import { Spinner } from "@/components/Spinner";
import type { Task, TaskChanges } from "@/lib/api/types";
import type { CivilDate } from "@/lib/dates/zoned";
import { changesFrom, formFromTask, TITLE_MAX, validateForm, type FieldErrors } from "@/lib/tasks/task-form";
import { ConflictNotice } from "./ConflictNotice";
import { TaskDetailsFields } from "./fields/TaskDetailsFields";
import { DescriptionField } from "./FormFields";
import type { Outcome } from "./outcome";

interface TaskEditorProps {
  task: Task;
  knownTags: readonly string[];
  timeZone: string;
  today: CivilDate;
  /** `version`: the If-Match to send, the task's version the edit is based on. */
  onSave: (changes: TaskChanges, form: HTMLFormElement, version: number) => Promise<Outcome>;
  onCancel: () => void;
}

/**
 * Inline editing of every field of a task. Enter in the title saves, Escape cancels.
 * The edit is based on the task as it was when the editor opened, even if
 * the row behind changes meanwhile (another tab): only the fields the person
 * changed are sent, with If-Match of that version, and a 412 asks whose wins.
 */
export function TaskEditor({ task, knownTags, timeZone, today, onSave, onCancel }: TaskEditorProps) {
  const id = useId();
  const [base] = useState(task);
  const [values, setValues] = useState(() => formFromTask(task, timeZone));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Task | null>(null);

  /** `version`: the one to overwrite; after a conflict, the current one ("Keep my changes"). */
  async function save(form: HTMLFormElement, version = conflict ? null : base.version) {
    if (version === null) return; // Enter while the conflict waits for an answer: the buttons decide
    const problems = validateForm(values, timeZone);
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    const changes = changesFrom(base, values, timeZone);
    if (Object.keys(changes).length === 0) {
      onCancel(); // nothing changed: nothing to send
      return;
    }
    setSaving(true);
    setErrors({});
    const outcome = await onSave(changes, form, version);
    setSaving(false);
    setConflict(!outcome.ok && outcome.conflict ? outcome.conflict : null);
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
      {conflict && (
        <ConflictNotice
          current={conflict}
          timeZone={timeZone}
          today={today}
          saving={saving}
          onKeepMine={(event) => void save(event.currentTarget.form as HTMLFormElement, conflict.version)}
          onUseTheirs={onCancel}
        />
      )}
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
        <button type="submit" className="btn-primary" disabled={saving || conflict !== null}>
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
