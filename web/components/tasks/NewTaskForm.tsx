"use client";
import { useId, useState, type RefObject } from "react";
import { FieldError } from "@/components/FieldError";
import { Spinner } from "@/components/Spinner";
import type { NewTask } from "@/lib/api/types";
import { dueText, midSentence, priorityLabel, recurrenceLabel } from "@/lib/tasks/labels";
import { carryEdits, sameDetails } from "@/lib/tasks/form-edits";
import { emptyForm, newTaskFrom, TITLE_MAX, validateForm, type FieldErrors, type TaskFormValues } from "@/lib/tasks/task-form";
import type { DayWindows } from "@/lib/tasks/views";
import { TaskDetailsFields } from "./fields/TaskDetailsFields";
import { DescriptionField } from "./FormFields";
import type { Outcome } from "./outcome";
import { useShortcutsEnabled } from "./useShortcuts";

interface NewTaskFormProps {
  onCreate: (task: NewTask, form: HTMLFormElement) => Promise<Outcome>;
  /** What a new task starts with in this view (Today: due today; a tag view: that tag). */
  defaults: Partial<TaskFormValues>;
  knownTags: readonly string[];
  windows: DayWindows;
  titleRef: RefObject<HTMLInputElement | null>;
}

/**
 * Adds a task. What was typed stays until the API has stored it, so a failed
 * attempt (server down, validation) loses nothing; once stored, only what was
 * sent is cleared, so what was typed meanwhile stays too.
 */
export function NewTaskForm({ onCreate, defaults, knownTags, windows, titleRef }: NewTaskFormProps) {
  const id = useId();
  const timeZone = windows.timeZone;
  const defaultsKey = JSON.stringify(defaults);
  const [values, setValues] = useState(() => emptyForm(defaults));
  const [applied, setApplied] = useState({ key: defaultsKey, defaults });
  /** What the last successful submit sent, until the form has let go of it. */
  const [stored, setStored] = useState<TaskFormValues | null>(null);
  const [showDetails, setShowDetails] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [shortcutsOn] = useShortcutsEnabled();

  // Another view, other defaults: they replace the old ones where those are
  // untouched; whatever the person chose stays.
  if (applied.key !== defaultsKey) {
    setApplied({ key: defaultsKey, defaults });
    setValues(carryEdits(values, emptyForm(applied.defaults), emptyForm(defaults)));
  }
  // Done while rendering, so that it compares with the very latest values.
  if (stored) {
    const next = carryEdits(values, stored, emptyForm(defaults));
    setStored(null);
    setValues(next);
    if (sameDetails(next, emptyForm(defaults))) setShowDetails(false);
  }

  async function create(form: HTMLFormElement) {
    const problems = validateForm(values, timeZone);
    if (Object.keys(problems).length) {
      setErrors(problems);
      if (problems.title) titleRef.current?.focus();
      else setShowDetails(true);
      return;
    }
    setSaving(true);
    setErrors({});
    const sent = values;
    const outcome = await onCreate(newTaskFrom(sent, timeZone), form);
    setSaving(false);
    if (outcome.ok) {
      setStored(sent);
      // Back to the title for the next task, unless the person has moved on
      // meanwhile (the disabled button let go of the focus).
      const active = document.activeElement;
      if (!active || active === document.body || active === form.querySelector("[type=submit]")) titleRef.current?.focus();
    } else if (outcome.fieldErrors) {
      setErrors(outcome.fieldErrors);
      if (Object.keys(outcome.fieldErrors).some((field) => field !== "title")) setShowDetails(true);
    }
  }

  const summary = showDetails ? [] : detailsSummary(values, windows);

  return (
    <form
      aria-label="Add a task"
      className="rounded-2xl border border-line bg-surface p-3 shadow-sm sm:p-4"
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
            value={values.title}
            maxLength={TITLE_MAX}
            onChange={(event) => setValues({ ...values, title: event.target.value })}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? `${id}-title-error` : undefined}
            aria-keyshortcuts={shortcutsOn ? "n" : undefined}
            title={shortcutsOn ? "New task (n)" : undefined}
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
      {summary.length > 0 && (
        <p data-testid="new-task-summary" className="mt-2 text-sm text-ink-muted">
          {summary.join(" · ")}
        </p>
      )}
      <div id={`${id}-details`} hidden={!showDetails} className="mt-3 space-y-3">
        <div>
          <DescriptionField
            id={id}
            value={values.description}
            error={errors.description}
            placeholder="Notes, links, anything that helps"
            onChange={(description) => setValues({ ...values, description })}
          />
        </div>
        <TaskDetailsFields id={id} values={values} errors={errors} knownTags={knownTags} timeZone={timeZone} onChange={setValues} />
      </div>
    </form>
  );
}

/** What the hidden details hold, so a default (due today, a tag) is never a surprise. */
function detailsSummary(values: TaskFormValues, windows: DayWindows): string[] {
  const body = newTaskFrom(values, windows.timeZone);
  const parts: string[] = [];
  const due = dueText({ due_at: body.due_at ?? null, due_date: body.due_date ?? null }, windows.today, windows.timeZone);
  if (due) parts.push(`Due ${midSentence(due.text)}`);
  if (body.recurrence) parts.push(recurrenceLabel(body.recurrence));
  if (body.priority && body.priority !== "none") parts.push(`${priorityLabel(body.priority)} priority`);
  if (body.remind_at) parts.push("Reminder set");
  for (const tag of values.tags) parts.push(`#${tag}`);
  return parts;
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M9 4h2v5h5v2h-5v5H9v-5H4V9h5V4z" />
    </svg>
  );
}
