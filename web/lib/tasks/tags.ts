// Tags as the API keeps them: trimmed, 1 to 32 characters, no commas or
// control characters, at most 10 per task, one per spelling ignoring case
// (the first spelling wins), sorted ignoring case. Checking here first lets
// the tag field refuse a bad tag as it is typed instead of after a 422.

export const TAG_MAX_LENGTH = 32;
export const TAGS_PER_TASK = 10;

/** Tags are compared ignoring case, as the API does. */
export function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function compareTags(a: string, b: string): number {
  const folded = a.toLowerCase().localeCompare(b.toLowerCase());
  return folded !== 0 ? folded : a.localeCompare(b);
}

export type TagCheck = { ok: true; tag: string } | { ok: false; message: string };

// C0, DEL and C1 control characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A typed tag, trimmed and checked. */
export function normaliseTag(raw: string): TagCheck {
  const tag = raw.trim();
  if (!tag) return { ok: false, message: "A tag needs at least one character." };
  if ([...tag].length > TAG_MAX_LENGTH) return { ok: false, message: `Keep tags to ${TAG_MAX_LENGTH} characters.` };
  if (tag.includes(",")) return { ok: false, message: "Tags can't contain commas." };
  if (CONTROL.test(tag)) return { ok: false, message: "Tags can't contain control characters." };
  return { ok: true, tag };
}

export type TagAdd = { ok: true; tags: string[] } | { ok: false; message: string };

/**
 * `tags` with `raw` added (sorted). Adding a tag already there, in any case,
 * changes nothing; an eleventh tag is refused.
 */
export function addTag(tags: readonly string[], raw: string): TagAdd {
  const check = normaliseTag(raw);
  if (!check.ok) return check;
  if (tags.some((tag) => sameTag(tag, check.tag))) return { ok: true, tags: [...tags] };
  if (tags.length >= TAGS_PER_TASK) return { ok: false, message: `A task can have at most ${TAGS_PER_TASK} tags.` };
  return { ok: true, tags: [...tags, check.tag].sort(compareTags) };
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => !sameTag(t, tag));
}

/** One spelling per tag (the first seen), sorted: e.g. every tag of the tasks loaded. */
export function uniqueTags(lists: Iterable<readonly string[]>): string[] {
  const byKey = new Map<string, string>();
  for (const list of lists) {
    for (const tag of list) {
      const key = tag.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, tag);
    }
  }
  return [...byKey.values()].sort(compareTags);
}

/**
 * Known tags worth offering for `typed`, leaving out those the task has:
 * those starting with it first, then those containing it.
 */
export function suggestTags(known: readonly string[], current: readonly string[], typed: string, limit = 8): string[] {
  const q = typed.trim().toLowerCase();
  const available = known.filter((tag) => !current.some((c) => sameTag(c, tag)));
  if (!q) return available.slice(0, limit);
  const starts = available.filter((tag) => tag.toLowerCase().startsWith(q));
  const contains = available.filter((tag) => !tag.toLowerCase().startsWith(q) && tag.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

export function sameTagList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
