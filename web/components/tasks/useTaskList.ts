"use client";
// The task list behind the page: loads the first page whenever the query
// changes, appends pages on "load more", refreshes after changes, and keeps
// the per-status counts. Responses that arrive after a newer request are dropped.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { Task } from "@/lib/api/types";
import { PAGE_SIZE, listParams, queryKey, type TaskQuery } from "./query";

export interface StatusCounts {
  all: number;
  pending: number;
  completed: number;
}

export type FailureHandler = (error: unknown, retry: () => void) => void;

interface ListState {
  /** queryKey() of the query these items answer; null before the first answer. */
  key: string | null;
  items: Task[];
  total: number;
  error: unknown;
}

const MAX_PAGE = 200; // the API's largest `limit`

export function useTaskList(api: TaskApi, query: TaskQuery, onFailure: FailureHandler) {
  const key = queryKey(query);
  const [state, setState] = useState<ListState>({ key: null, items: [], total: 0, error: null });
  const [counts, setCounts] = useState<StatusCounts | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const sequence = useRef(0);
  const latest = useRef({ state, onFailure });
  useEffect(() => {
    latest.current = { state, onFailure };
  });

  const refreshCounts = useCallback(async () => {
    try {
      const [pending, completed] = await Promise.all([
        api.list({ status: "pending", limit: 1 }),
        api.list({ status: "completed", limit: 1 }),
      ]);
      setCounts({ pending: pending.total, completed: completed.total, all: pending.total + completed.total });
    } catch {
      // Counts are secondary: the list request reports outages and sign-outs.
    }
  }, [api]);

  /** (Re)loads the list from the top, keeping as many rows as are shown. */
  const loadFirst = useCallback(
    async (size: number): Promise<boolean> => {
      const mine = ++sequence.current;
      try {
        const page = await api.list(listParams(query, 0, Math.min(size, MAX_PAGE)));
        if (mine !== sequence.current) return false;
        setState({ key, items: page.tasks, total: page.total, error: null });
        return true;
      } catch (error) {
        if (mine !== sequence.current) return false;
        // A failed background refresh keeps what is on screen.
        setState((s) => (s.key === key && !s.error ? s : { key, items: [], total: 0, error }));
        latest.current.onFailure(error, () => void loadFirst(size));
        return false;
      }
    },
    // `query` is fully described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    void loadFirst(PAGE_SIZE);
  }, [loadFirst]);

  useEffect(() => {
    void refreshCounts();
  }, [refreshCounts]);

  /** After a change: reload what is shown, and the counts. */
  const refresh = useCallback(async () => {
    const shown = latest.current.state.key === key ? latest.current.state.items.length : 0;
    await Promise.all([loadFirst(Math.max(PAGE_SIZE, shown)), refreshCounts()]);
  }, [key, loadFirst, refreshCounts]);

  const loadMore = useCallback(async () => {
    const mine = sequence.current;
    const offset = latest.current.state.items.length;
    setLoadingMore(true);
    try {
      const page = await api.list(listParams(query, offset, PAGE_SIZE));
      if (mine !== sequence.current) return;
      setState((s) => {
        const seen = new Set(s.items.map((task) => task.id));
        return { ...s, items: [...s.items, ...page.tasks.filter((t) => !seen.has(t.id))], total: page.total };
      });
    } catch (error) {
      latest.current.onFailure(error, () => void loadMore());
    } finally {
      setLoadingMore(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  /** Puts the server's copy of a task in place of the shown one. */
  const replaceTask = useCallback((task: Task) => {
    setState((s) => ({ ...s, items: s.items.map((t) => (t.id === task.id ? task : t)) }));
  }, []);

  /** Drops a task from view (deleted, or no longer matching the filter). */
  const dropTask = useCallback((id: number) => {
    setState((s) =>
      s.items.some((t) => t.id === id)
        ? { ...s, items: s.items.filter((t) => t.id !== id), total: Math.max(0, s.total - 1) }
        : s,
    );
  }, []);

  // "updating": a new query is on its way while the previous results stay on
  // screen (dimmed), so typing in the search box does not flash a skeleton.
  const phase: "loading" | "updating" | "error" | "ready" =
    state.key === null || (state.key !== key && state.error)
      ? "loading"
      : state.key !== key
        ? "updating"
        : state.error
          ? "error"
          : "ready";

  return {
    phase,
    items: state.error ? [] : state.items,
    total: state.error ? 0 : state.total,
    error: state.key === key ? state.error : null,
    counts,
    loadingMore,
    refresh,
    loadMore,
    replaceTask,
    dropTask,
  };
}
