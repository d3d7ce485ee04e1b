// What the add form keeps of the person's typing when something else wants to
// reset it: a task was just added (while they kept typing the next one), or
// the view changed and brought other defaults (due today in Today, the tag in
// a tag's view). Only fields still as they were get replaced; nothing typed
// is ever thrown away.
import type { TaskFormValues } from "./task-form";

type Field = keyof TaskFormValues;

/**
 * Fields that only mean something together: the due and what counts from it
 * (the repeat rule, the reminder). They are kept or replaced as one, so a
 * repeat rule is never left without the due it repeats.
 */
const FIELD_GROUPS: ReadonlyArray<readonly Field[]> = [
  ["title"],
  ["description"],
  ["priority"],
  ["tags"],
  ["dueDate", "dueTime", "repeat", "interval", "reminder", "reminderAt"],
];

function sameValue(a: TaskFormValues[Field], b: TaskFormValues[Field]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

function sameGroup(a: TaskFormValues, b: TaskFormValues, group: readonly Field[]): boolean {
  return group.every((field) => sameValue(a[field], b[field]));
}

function copyField<K extends Field>(to: TaskFormValues, from: TaskFormValues, field: K): void {
  to[field] = from[field];
}

/**
 * `current`, with each group of fields that still holds `base`'s values
 * replaced by `next`'s; groups changed since `base` stay as the person left
 * them. After a task was added, `base` is what was sent and `next` the empty
 * form; on a view change they are the two views' empty forms.
 */
export function carryEdits(current: TaskFormValues, base: TaskFormValues, next: TaskFormValues): TaskFormValues {
  const result = { ...current, tags: [...current.tags] };
  for (const group of FIELD_GROUPS) {
    if (!sameGroup(current, base, group)) continue;
    for (const field of group) copyField(result, next, field);
  }
  return result;
}

/** Every field but the title is the same in both: the details hold nothing of the person's. */
export function sameDetails(a: TaskFormValues, b: TaskFormValues): boolean {
  return FIELD_GROUPS.every((group) => group.includes("title") || sameGroup(a, b, group));
}
