"use client";
// Everything about a task besides its title and description, shared by the
// add form and the inline editor. Changes go through withDue/withReminder so
// the rules that tie the fields together live in lib/tasks/task-form.ts.
import type { FieldErrors, TaskFormValues } from "@/lib/tasks/task-form";
import { formDue, withDue, withReminder } from "@/lib/tasks/task-form";
import { DueFields } from "./DueFields";
import { PriorityField } from "./PriorityField";
import { ReminderField } from "./ReminderField";
import { TagsField } from "./TagsField";

interface TaskDetailsFieldsProps {
  /** Prefix of the element ids, from the form's `useId()`. */
  id: string;
  values: TaskFormValues;
  errors: FieldErrors;
  knownTags: readonly string[];
  timeZone: string;
  onChange: (values: TaskFormValues) => void;
}

export function TaskDetailsFields({ id, values, errors, knownTags, timeZone, onChange }: TaskDetailsFieldsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <PriorityField id={id} value={values.priority} error={errors.priority} onChange={(priority) => onChange({ ...values, priority })} />
      <DueFields
        id={id}
        values={values}
        dueError={errors.due}
        repeatError={errors.recurrence}
        onDue={(change) => onChange(withDue(values, change, timeZone))}
        onRepeat={(change) => onChange({ ...values, ...change })}
      />
      <ReminderField
        id={id}
        choice={values.reminder}
        customAt={values.reminderAt}
        due={formDue(values, timeZone)}
        error={errors.reminder}
        onChoice={(choice) => onChange(withReminder(values, choice, Date.now(), timeZone))}
        onCustomAt={(reminderAt) => onChange({ ...values, reminderAt })}
      />
      <div className="sm:col-span-2">
        <TagsField id={id} tags={values.tags} knownTags={knownTags} error={errors.tags} onChange={(tags) => onChange({ ...values, tags })} />
      </div>
    </div>
  );
}
