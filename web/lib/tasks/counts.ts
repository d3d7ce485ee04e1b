// The numbers beside each view and on the status buttons. They come from the
// API (X-Total-Count of a limit=1 query per view), which still counts tasks
// whose delete is waiting out its Undo window; `withoutHidden` takes those
// off so the numbers match the screen at once.
import type { Task } from "@/lib/api/types";
import { sameTag } from "./tags";
import { inView, type DayWindows, type View } from "./views";

/** What the All / Pending / Completed buttons say. */
export interface StatusCounts {
  all: number;
  pending: number;
  completed: number;
}

/** The status counts of the tag whose view is open. */
export interface TagStatusCounts {
  tag: string;
  pending: number;
  completed: number;
}

export interface ViewCounts {
  all: number;
  pending: number;
  completed: number;
  today: number;
  upcoming: number;
  overdue: number;
  /** By tag, lower-cased. */
  tags: Record<string, number>;
  /** Only while a tag's view is open. */
  openTag?: TagStatusCounts;
}

/**
 * The status counts that belong to the open view: the whole list's in All,
 * the tag's in a tag view (null until they are known, rather than numbers of
 * another list), none elsewhere.
 */
export function statusCounts(counts: ViewCounts | null, view: View): StatusCounts | null {
  if (!counts) return null;
  if (view.kind === "all") return { all: counts.all, pending: counts.pending, completed: counts.completed };
  if (view.kind !== "tag" || !counts.openTag || !sameTag(counts.openTag.tag, view.tag)) return null;
  const { pending, completed } = counts.openTag;
  return { all: pending + completed, pending, completed };
}

export function withoutHidden(counts: ViewCounts, hidden: readonly Task[], windows: DayWindows): ViewCounts {
  if (hidden.length === 0) return counts;
  const next: ViewCounts = { ...counts, tags: { ...counts.tags }, ...(counts.openTag && { openTag: { ...counts.openTag } }) };
  const seen = new Set<number>();
  for (const task of hidden) {
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    next.all -= 1;
    if (task.completed) next.completed -= 1;
    else next.pending -= 1;
    for (const kind of ["today", "upcoming", "overdue"] as const) {
      if (inView(task, { kind }, windows)) next[kind] -= 1;
    }
    for (const tag of task.tags) {
      const key = tag.toLowerCase();
      if (key in next.tags) next.tags[key] = (next.tags[key] ?? 0) - 1;
    }
    const open = next.openTag;
    if (open && task.tags.some((tag) => sameTag(tag, open.tag))) {
      if (task.completed) open.completed = Math.max(0, open.completed - 1);
      else open.pending = Math.max(0, open.pending - 1);
    }
  }
  for (const key of ["all", "pending", "completed", "today", "upcoming", "overdue"] as const) next[key] = Math.max(0, next[key]);
  for (const key of Object.keys(next.tags)) next.tags[key] = Math.max(0, next.tags[key] ?? 0);
  return next;
}
