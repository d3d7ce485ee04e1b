"use client";
// How many tasks each view holds: one limit=1 request per view (and per
// known tag), read from X-Total-Count; while a tag's view is open, also that
// tag's pending and completed tasks, for its status buttons. Refreshed after
// every change.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { ListParams } from "@/lib/api/types";
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
  // The request list changes only when the set of tags does, not their order or case.
  const tagKey = [...new Set(tags.map((t) => t.toLowerCase()))].sort().join("\n");

  const loadViews = useCallback(() => {
    const mine = ++sequence.current;
    return fetchCounts(api, windows, tagKey ? tagKey.split("\n") : []).then(
      (next) => {
        if (mine === sequence.current) setCounts(next);
      },
      () => {
        // Counts are secondary: the list request reports outages and sign-outs.
      },
    );
  }, [api, windows, tagKey]);

  const loadOpenTag = useCallback(() => {
    const mine = ++tagSequence.current;
    if (openTag === null) return Promise.resolve();
    return fetchTagStatusCounts(api, windows, openTag).then(
      (next) => {
        if (mine === tagSequence.current) setTagCounts(next);
      },
      () => {
        // As above.
      },
    );
  }, [api, windows, openTag]);

  useEffect(() => {
    void loadViews();
  }, [loadViews]);
  useEffect(() => {
    void loadOpenTag();
  }, [loadOpenTag]);

  const refresh = useCallback(async () => {
    await Promise.all([loadViews(), loadOpenTag()]);
  }, [loadViews, loadOpenTag]);

  // `statusCounts` only uses the tag's numbers when they are the open tag's.
  const withTag = useMemo(() => counts && (tagCounts ? { ...counts, openTag: tagCounts } : counts), [counts, tagCounts]);
  return { counts: withTag, refresh };
}
