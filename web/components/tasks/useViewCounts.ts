"use client";
// How many tasks each view holds: one limit=1 request per view (and per
// known tag), read from X-Total-Count; while a tag's view is open, also that
// tag's pending and completed tasks, for its status buttons. A change whose
// before and after are known shifts the numbers here (`shift`) instead of
// asking again; `refresh` asks again.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { ListParams, Task } from "@/lib/api/types";
import { shiftTagCounts, shiftViewCounts } from "@/lib/tasks/count-shift";
import type { TagStatusCounts, ViewCounts } from "@/lib/tasks/counts";
import { viewParams, type DayWindows } from "@/lib/tasks/views";

async function total(api: Pick<TaskApi, "list">, params: ListParams): Promise<number> {
  return (await api.list({ ...params, limit: 1 })).total;
}

export async function fetchCounts(api: Pick<TaskApi, "list">, windows: DayWindows, tags: readonly string[]): Promise<ViewCounts> {
  const [pending = 0, completed = 0, today = 0, upcoming = 0, overdue = 0, ...perTag] = await Promise.all([
    total(api, { status: "pending" }),
    total(api, { status: "completed" }),
    total(api, viewParams({ kind: "today" }, windows)),
    total(api, viewParams({ kind: "upcoming" }, windows)),
    total(api, viewParams({ kind: "overdue" }, windows)),
    ...tags.map((tag) => total(api, viewParams({ kind: "tag", tag }, windows))),
  ]);
  const byTag = Object.fromEntries(tags.map((tag, i) => [tag.toLowerCase(), perTag[i] ?? 0]));
  return { all: pending + completed, pending, completed, today, upcoming, overdue, tags: byTag };
}

export async function fetchTagStatusCounts(api: Pick<TaskApi, "list">, windows: DayWindows, tag: string): Promise<TagStatusCounts> {
  const params = viewParams({ kind: "tag", tag }, windows);
  const [pending, completed] = await Promise.all([
    total(api, { ...params, status: "pending" }),
    total(api, { ...params, status: "completed" }),
  ]);
  return { tag, pending, completed };
}

export function useViewCounts(api: TaskApi, windows: DayWindows, tags: readonly string[], openTag: string | null) {
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const [tagCounts, setTagCounts] = useState<TagStatusCounts | null>(null);
  const sequence = useRef(0);
  const tagSequence = useRef(0);
  // Loads on their way, and whether a shift happened meanwhile: their answer
  // may or may not include that change, so it is asked once more.
  const pending = useRef(0);
  const shiftedMeanwhile = useRef(false);
  const reload = useRef<() => void>(() => {});
  // The request list changes only when the set of tags does, not their order or case.
  const tagKey = [...new Set(tags.map((t) => t.toLowerCase()))].sort().join("\n");

  const tracked = useCallback(<T,>(load: Promise<T>): Promise<T> => {
    pending.current += 1;
    return load.finally(() => {
      pending.current -= 1;
      if (pending.current === 0 && shiftedMeanwhile.current) {
        shiftedMeanwhile.current = false;
        reload.current();
      }
    });
  }, []);

  const loadViews = useCallback(() => {
    const mine = ++sequence.current;
    return tracked(fetchCounts(api, windows, tagKey ? tagKey.split("\n") : [])).then(
      (next) => {
        if (mine === sequence.current) setCounts(next);
      },
      () => {
        // Counts are secondary: the list request reports outages and sign-outs.
      },
    );
  }, [api, windows, tagKey, tracked]);

  const loadOpenTag = useCallback(() => {
    const mine = ++tagSequence.current;
    if (openTag === null) return Promise.resolve();
    return tracked(fetchTagStatusCounts(api, windows, openTag)).then(
      (next) => {
        if (mine === tagSequence.current) setTagCounts(next);
      },
      () => {
        // As above.
      },
    );
  }, [api, windows, openTag, tracked]);

  useEffect(() => {
    void loadViews();
  }, [loadViews]);
  useEffect(() => {
    void loadOpenTag();
  }, [loadOpenTag]);

  const refresh = useCallback(async () => {
    await Promise.all([loadViews(), loadOpenTag()]);
  }, [loadViews, loadOpenTag]);
  useEffect(() => {
    reload.current = () => void refresh();
  }, [refresh]);

  /** One task went from `before` to `after` (null: absent), as the counts last saw it. */
  const shift = useCallback(
    (before: Task | null, after: Task | null) => {
      if (pending.current > 0) shiftedMeanwhile.current = true;
      setCounts((c) => c && shiftViewCounts(c, before, after, windows));
      setTagCounts((c) => c && shiftTagCounts(c, before, after));
    },
    [windows],
  );

  // `statusCounts` only uses the tag's numbers when they are the open tag's.
  const withTag = useMemo(() => counts && (tagCounts ? { ...counts, openTag: tagCounts } : counts), [counts, tagCounts]);
  return { counts: withTag, refresh, shift };
}
