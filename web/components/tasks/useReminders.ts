"use client";
// Reminders while the app is open. The tasks watched are the pending ones due
// from the start of today on and the pending ones without a due (see
// `watchedLists`), plus whatever the page has loaded; one timer waits for the
// soonest reminder, and everything is planned again whenever those tasks
// change. A reminder whose time passed before the page opened (or before its
// task was created) is not replayed: the task shows as due or overdue.
import { useEffect, useMemo, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import type { Task } from "@/lib/api/types";
import { planReminders, reminderKey, watchedLists, watchedTasks } from "@/lib/tasks/reminders";
import type { DayWindows } from "@/lib/tasks/views";

/** Catch changes made elsewhere (another tab, another device) now and then. */
const RESYNC_MS = 5 * 60_000;
/** Browsers run longer timeouts at once (32-bit overflow); wake up and re-plan instead. */
const MAX_WAIT_MS = 60 * 60_000;

interface RemindersOptions {
  api: TaskApi;
  windows: DayWindows;
  loaded: readonly Task[];
  /** Tasks off screen (a delete waiting for its Undo window). */
  hidden: readonly Task[];
  /** Bumped after every change the page makes. */
  version: number;
  onRemind: (task: Task) => void;
}

export function useReminders({ api, windows, loaded, hidden, version, onRemind }: RemindersOptions) {
  const [lists, setLists] = useState<ReadonlyArray<readonly Task[]>>([]);
  const [since] = useState(() => Date.now());
  // Keyed by reminder (task and time), across every list: each fires once.
  const fired = useRef(new Set<string>());
  const remind = useRef(onRemind);
  useEffect(() => {
    remind.current = onRemind;
  });

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const pages = await Promise.allSettled(watchedLists(windows).map((params) => api.list(params)));
      if (cancelled) return;
      // A list that could not be loaded keeps what it had; the list on screen reports outages.
      setLists((known) => pages.map((page, i) => (page.status === "fulfilled" ? page.value.tasks : (known[i] ?? []))));
    };
    void load();
    const timer = window.setInterval(() => void load(), RESYNC_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [api, windows, version]);

  const watched = useMemo(() => watchedTasks([...lists, loaded], hidden), [lists, loaded, hidden]);

  useEffect(() => {
    let timer: number | undefined;
    const run = () => {
      const plan = planReminders(watched, Date.now(), since, fired.current);
      for (const task of plan.fireNow) {
        fired.current.add(reminderKey(task));
        remind.current(task);
      }
      const next = plan.later[0];
      if (next) timer = window.setTimeout(run, Math.min(Math.max(0, next.at - Date.now()) + 25, MAX_WAIT_MS));
    };
    run();
    return () => window.clearTimeout(timer);
  }, [watched, since]);

  return { watched };
}
