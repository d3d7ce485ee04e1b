// The view counts after one task changed, computed here rather than asked of
// the API again: a toggle must cost one request, and a change from another
// tab should not cost a dozen. `before` is the task as the counts last saw it
// (null: it did not exist), `after` as it is now (null: deleted). The rules
// are the views' own (`inView`), so the numbers stay what the API would say.
import type { Task } from "@/lib/api/types";
import type { TagStatusCounts, ViewCounts } from "./counts";
import { sameTag } from "./tags";
import { inView, type DayWindows } from "./views";

const VIEW_KINDS = ["today", "upcoming", "overdue"] as const;

export function shiftViewCounts(counts: ViewCounts, before: Task | null, after: Task | null, windows: DayWindows): ViewCounts {
  const next: ViewCounts = { ...counts, tags: { ...counts.tags } };
  const apply = (task: Task | null, sign: 1 | -1) => {
    if (!task) return;
    next.all += sign;
    if (task.completed) next.completed += sign;
    else next.pending += sign;
    for (const kind of VIEW_KINDS) if (inView(task, { kind }, windows)) next[kind] += sign;
    // Only tags already counted: a new tag changes the tag list, which loads its counts anew.
    for (const key of new Set(task.tags.map((tag) => tag.toLowerCase()))) {
      if (key in next.tags) next.tags[key] = (next.tags[key] ?? 0) + sign;
    }
  };
  apply(before, -1);
  apply(after, 1);
  for (const key of ["all", "pending", "completed", ...VIEW_KINDS] as const) next[key] = Math.max(0, next[key]);
  for (const key of Object.keys(next.tags)) next.tags[key] = Math.max(0, next.tags[key] ?? 0);
  return next;
}

export function shiftTagCounts(counts: TagStatusCounts, before: Task | null, after: Task | null): TagStatusCounts {
  const next = { ...counts };
  const apply = (task: Task | null, sign: 1 | -1) => {
    if (!task || !task.tags.some((tag) => sameTag(tag, counts.tag))) return;
    if (task.completed) next.completed = Math.max(0, next.completed + sign);
    else next.pending = Math.max(0, next.pending + sign);
  };
  apply(before, -1);
  apply(after, 1);
  return next;
}
