"use client";
// How many tasks each view holds: one limit=1 request per view (and per
// known tag), read from X-Total-Count. Refreshed after every change.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { ListParams } from "@/lib/api/types";
import type { ViewCounts } from "@/lib/tasks/counts";
import { viewParams, type DayWindows } from "@/lib/tasks/views";

async function total(api: TaskApi, params: ListParams): Promise<number> {
  return (await api.list({ ...params, limit: 1 })).total;
}

export async function fetchCounts(api: TaskApi, windows: DayWindows, tags: readonly string[]): Promise<ViewCounts> {
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

export function useViewCounts(api: TaskApi, windows: DayWindows, tags: readonly string[]) {
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const sequence = useRef(0);
  // The request list changes only when the set of tags does, not their order or case.
  const tagKey = [...new Set(tags.map((t) => t.toLowerCase()))].sort().join("\n");

  const load = useCallback(() => {
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

  useEffect(() => {
    void load();
  }, [load]);

  return { counts, refresh: load };
}
