"use client";
// The task list behind the page: loads the first page whenever the query (or
// the day) changes, appends pages on "load more" and reloads after changes.
// Responses that arrive after a newer request are dropped, and each answer
// passes through `reconcile` (newer copies from the change stream win).
import { useCallback, useEffect, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { Task } from "@/lib/api/types";
import type { DayWindows } from "@/lib/tasks/views";
import { MAX_PAGE, PAGE_SIZE, listParams, queryKey, type TaskQuery } from "./query";

export type FailureHandler = (error: unknown, retry: () => void) => void;

/** A list answer as it should be shown, and how many of its tasks were left out. */
export type Reconcile = (tasks: readonly Task[]) => { tasks: Task[]; dropped: number };

const asLoaded: Reconcile = (tasks) => ({ tasks: [...tasks], dropped: 0 });

export interface ListState {
  /** queryKey() of the query these items answer; null before the first answer. */
  key: string | null;
  items: Task[];
  total: number;
  error: unknown;
}

/** The rows held answer `key` (the query on screen) in full health, and more exist. */
export function canLoadMore(state: ListState, key: string): boolean {
  return state.key === key && !state.error && state.items.length < state.total;
}

export function useTaskList(api: TaskApi, query: TaskQuery, windows: DayWindows, onFailure: FailureHandler, reconcile: Reconcile = asLoaded) {
  const key = queryKey(query, windows);
  // Upcoming is grouped by day: load the whole week at once.
  const pageSize = query.view.kind === "upcoming" ? MAX_PAGE : PAGE_SIZE;
  const [state, setState] = useState<ListState>({ key: null, items: [], total: 0, error: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const sequence = useRef(0);
  const latest = useRef({ state, onFailure, reconcile });
  useEffect(() => {
    latest.current = { state, onFailure, reconcile };
  });

  /** (Re)loads the list from the top, keeping as many rows as are shown. */
  const loadFirst = useCallback(
    async (size: number): Promise<boolean> => {
      const mine = ++sequence.current;
      try {
        const page = await api.list(listParams(query, windows, 0, Math.min(size, MAX_PAGE)));
        if (mine !== sequence.current) return false;
        const { tasks, dropped } = latest.current.reconcile(page.tasks);
        setState({ key, items: tasks, total: Math.max(tasks.length, page.total - dropped), error: null });
        return true;
      } catch (error) {
        if (mine !== sequence.current) return false;
        // A failed background refresh keeps what is on screen.
        setState((s) => (s.key === key && !s.error ? s : { key, items: [], total: 0, error }));
        latest.current.onFailure(error, () => void loadFirst(size));
        return false;
      }
    },
    // `query` and `windows` are fully described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    void loadFirst(pageSize);
  }, [loadFirst, pageSize]);

  /** After a change: reload what is shown. */
  const refresh = useCallback(async () => {
    const shown = latest.current.state.key === key ? latest.current.state.items.length : 0;
    await loadFirst(Math.max(pageSize, shown));
  }, [key, loadFirst, pageSize]);

  const loadMore = useCallback(async () => {
    const shown = latest.current.state;
    // Only from a list that answers this very query: during a refresh for
    // another one (a new search), its rows say nothing about where to go on.
    if (!canLoadMore(shown, key)) return;
    const mine = sequence.current;
    const offset = shown.items.length;
    setLoadingMore(true);
    try {
      const page = await api.list(listParams(query, windows, offset, pageSize));
      if (mine !== sequence.current) return;
      const { tasks, dropped } = latest.current.reconcile(page.tasks);
      setState((s) => {
        const seen = new Set(s.items.map((task) => task.id));
        const items = [...s.items, ...tasks.filter((t) => !seen.has(t.id))];
        return { ...s, items, total: Math.max(items.length, page.total - dropped) };
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

  /** Is the task among the rows held (shown or hidden)? Read at once, not after a render. */
  const holds = useCallback((id: number) => latest.current.state.items.some((t) => t.id === id), []);

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
    loadingMore,
    refresh,
    loadMore,
    replaceTask,
    dropTask,
    holds,
  };
}
