// The numbers beside each view. They come from the API (X-Total-Count of a
// limit=1 query per view), which still counts tasks whose delete is waiting
// out its Undo window; `withoutHidden` takes those off so the numbers match
// the screen at once.
import type { Task } from "@/lib/api/types";
import { inView, type DayWindows } from "./views";

export interface ViewCounts {
  all: number;
  pending: number;
  completed: number;
  today: number;
  upcoming: number;
  overdue: number;
  /** By tag, lower-cased. */
  tags: Record<string, number>;
}

export function withoutHidden(counts: ViewCounts, hidden: readonly Task[], windows: DayWindows): ViewCounts {
  if (hidden.length === 0) return counts;
  const next: ViewCounts = { ...counts, tags: { ...counts.tags } };
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
  }
  for (const key of ["all", "pending", "completed", "today", "upcoming", "overdue"] as const) next[key] = Math.max(0, next[key]);
  for (const key of Object.keys(next.tags)) next.tags[key] = Math.max(0, next.tags[key] ?? 0);
  return next;
}
