"use client";
// The tasks page: composes the views, the list, the forms and the status
// messages, and decides what each API failure means for the person using it.
// Changes from other tabs and devices arrive on the change stream and go
// through the same path as the answers to this tab's writes (useLiveTasks).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { apiTokens } from "@/lib/api/browser-token";
import { createTaskApi } from "@/lib/api/client";
import { ApiError } from "@/lib/api/errors";
import type { StatusFilter, Task } from "@/lib/api/types";
import { formatDate } from "@/lib/dates/zoned";
import { statusCounts, withoutHidden } from "@/lib/tasks/counts";
import { uniqueTags } from "@/lib/tasks/tags";
import { hasStatusFilter, inView, isOverdue, matchesFilters, viewTitle, type View } from "@/lib/tasks/views";
import { AppHeader } from "./AppHeader";
import { NewTaskForm } from "./NewTaskForm";
import { NotificationsToggle } from "./NotificationsToggle";
import { OutageBanner } from "./OutageBanner";
import { defaultSort, type SortKey, type TaskQuery } from "./query";
import { ShortcutsHint } from "./ShortcutsHint";
import { TaskItem } from "./TaskItem";
import { TaskListSection } from "./TaskListSection";
import { Toaster } from "./Toaster";
import { LiveStatusNote } from "./LiveStatusNote";
import { useChangeStream } from "./useChangeStream";
import { useClock } from "./useClock";
import { useDebouncedValue } from "./useDebouncedValue";
import { useDeferredDeletes } from "./useDeferredDeletes";
import { useFailureHandler, type Outage } from "./useFailureHandler";
import { useLiveTasks } from "./useLiveTasks";
import { useReminderAlerts } from "./useReminderAlerts";
import { useReminders } from "./useReminders";
import { useShortcuts } from "./useShortcuts";
import { useSignOut } from "./useSignOut";
import { useTaskActions } from "./useTaskActions";
import { useTaskList } from "./useTaskList";
import { useToasts } from "./useToasts";
import { useViewCounts } from "./useViewCounts";
import { useViewState } from "./useViewState";
import { ViewNav } from "./ViewNav";

export interface TasksAppProps {
  /** The Todo API's base URL, resolved on the server at request time. */
  apiUrl: string;
  user: { id: string; name: string; email: string };
  initialView: View;
}

export function TasksApp({ apiUrl, user, initialView }: TasksAppProps) {
  const api = useMemo(() => createTaskApi({ baseUrl: apiUrl, userId: user.id, tokens: apiTokens }), [apiUrl, user.id]);
  const { now, windows } = useClock();
  const [view, goToView] = useViewState(initialView);
  const [status, setStatus] = useState<StatusFilter>("all");
  const [sorts, setSorts] = useState<Partial<Record<View["kind"], SortKey>>>({});
  const sort = sorts[view.kind] ?? defaultSort(view);
  const [searchInput, setSearchInput] = useState("");
  const search = useDebouncedValue(searchInput, 250);
  const query = useMemo<TaskQuery>(() => ({ view, status, sort, search }), [view, status, sort, search]);

  const [outage, setOutage] = useState<Outage | null>(null);
  const toasts = useToasts();
  const [announcement, setAnnouncement] = useState("");
  const [editingId, setEditingId] = useState<number | null>(null);
  const [freshId, setFreshId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [recentTags, setRecentTags] = useState<string[][]>([]);
  const [learnedTags, setLearnedTags] = useState<string[][]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const refreshAllRef = useRef<() => Promise<void>>(async () => {});
  const { show: showToast, remove: removeToast } = toasts;

  const handleFailure = useFailureHandler(showToast, setOutage);

  const live = useLiveTasks();
  const list = useTaskList(api, query, windows, handleFailure, live.reconcile);
  const deletes = useDeferredDeletes(api, {
    showToast,
    removeToast,
    afterCommit: () => refreshAllRef.current(),
    onError: handleFailure,
    onUndone: (tasks) => setAnnouncement(tasks.length === 1 ? `Restored task: ${tasks[0]?.title}` : `Restored ${tasks.length} tasks`),
    onDeleted: live.applyDelete,
    onConflict: (error, task) => {
      if (error.current) live.applyTask(error.current);
      showToast({ message: `“${task.title}” was changed elsewhere, so it was not deleted.`, tone: "error" });
    },
  });
  const hiddenIds = useMemo(() => new Set(deletes.hidden.map((task) => task.id)), [deletes.hidden]);

  const onRemind = useReminderAlerts(windows, showToast);
  const reminders = useReminders({ api, windows, loaded: list.items, hidden: deletes.hidden, version, onRemind });

  // Tag suggestions and tag views come from the tasks this page has seen.
  useEffect(() => {
    api.list({ sort: "updated", limit: 200 }).then(
      (page) => setRecentTags(page.tasks.map((task) => task.tags)),
      () => {}, // the list reports outages
    );
  }, [api]);
  const knownTags = useMemo(
    () => uniqueTags([...recentTags, ...learnedTags, ...list.items.map((t) => t.tags), ...reminders.watched.map((t) => t.tags)]),
    [recentTags, learnedTags, list.items, reminders.watched],
  );
  const viewCounts = useViewCounts(api, windows, knownTags, view.kind === "tag" ? view.tag : null);
  const counts = useMemo(
    () => viewCounts.counts && withoutHidden(viewCounts.counts, deletes.hidden, windows),
    [viewCounts.counts, deletes.hidden, windows],
  );

  const { refresh: refreshList, holds, replaceTask, dropTask } = list;
  const { refresh: refreshCounts, shift: shiftCounts } = viewCounts;
  const refreshAll = useCallback(async () => {
    setVersion((v) => v + 1);
    await Promise.all([refreshList(), refreshCounts()]);
  }, [refreshList, refreshCounts]);
  useEffect(() => {
    refreshAllRef.current = refreshAll;
  }, [refreshAll]);

  const stillShown = (task: Task) =>
    inView(task, view, windows) && matchesFilters(task, hasStatusFilter(view) ? status : "all", search);

  const whyNotShown = (task: Task) => {
    if (stillShown(task)) return null;
    if (inView(task, view, windows)) return "hidden by the filter";
    return view.kind === "tag" ? `not tagged ${view.tag}` : `not in ${viewTitle(view)}`;
  };

  useEffect(() => {
    live.bind({
      // The row being edited stays even if it no longer belongs: it holds what was typed.
      ...{ belongs: (task: Task) => task.id === editingId || stillShown(task), holds, replaceTask, dropTask, shiftCounts, hiddenIds },
      ...{ reloadList: refreshList, reloadCounts: refreshCounts, reloadReminders: () => setVersion((v) => v + 1) },
    });
  });
  const { signingOut, signOut } = useSignOut(deletes.flushNow);
  const liveStatus = useChangeStream(
    api,
    {
      onOpen: () => {
        live.forget();
        void refreshAll();
      },
      onChange: live.applyChange,
      onSignedOut: () => handleFailure(new ApiError({ kind: "signed_out", status: 401, detail: "Signed out" }), () => {}),
    },
    !signingOut,
  );

  const actions = useTaskActions({
    api,
    windows,
    replaceTask,
    live,
    refresh: refreshAll,
    handleFailure,
    clearOutage: () => setOutage(null),
    showToast,
    announce: setAnnouncement,
    stillShown,
    whyNotShown,
    learnTags: (tags) => setLearnedTags((known) => [...known, [...tags]]),
    closeEditor: (id) => setEditingId((current) => (current === id ? null : current)),
    markFresh: setFreshId,
    scheduleDelete: deletes.schedule,
    hiddenIds,
  });

  useShortcuts(
    {
      n: () => titleRef.current?.focus(),
      "/": () => searchRef.current?.focus(),
      t: () => goToView({ kind: "today" }),
    },
    // While a task is being edited a view change would take the editor, and what was typed in it, away.
    { editorOpen: editingId !== null },
  );

  const items = list.items.filter((task) => !hiddenIds.has(task.id));
  const hiddenHere = deletes.hidden.filter((task) => stillShown(task)).length;
  const total = Math.max(items.length, list.total - hiddenHere);
  const newTaskDefaults = useMemo(() => {
    if (view.kind === "today" || view.kind === "upcoming") return { dueDate: formatDate(windows.today) };
    return view.kind === "tag" ? { tags: [view.tag] } : {};
  }, [view, windows.today]);

  const renderTask = (task: Task) => (
    <TaskItem
      key={task.id}
      task={task}
      editing={editingId === task.id}
      busy={actions.busyIds.has(task.id)}
      overdue={isOverdue(task, now, windows)}
      fresh={freshId === task.id}
      windows={windows}
      knownTags={knownTags}
      onTag={(tag) => goToView({ kind: "tag", tag })}
      onToggle={(t) => void actions.toggleTask(t)}
      onEdit={(t) => setEditingId(t.id)}
      onCancelEdit={() => setEditingId(null)}
      onSave={actions.saveTask}
      onDelete={actions.deleteTask}
    />
  );

  return (
    <div className="min-h-dvh">
      <AppHeader
        name={user.name}
        email={user.email}
        signingOut={signingOut}
        onSignOut={() => void signOut()}
        onHome={() => goToView({ kind: "all" })}
      />

      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        <div className="mb-5">
          <h1 className="text-2xl font-bold tracking-tight text-ink sm:text-3xl">My tasks</h1>
          <p data-testid="summary" className="mt-1 min-h-5 text-sm text-ink-muted">
            {counts &&
              (counts.all === 0 ? "Nothing on your list yet." : `${counts.pending} pending · ${counts.completed} completed`)}
            <LiveStatusNote status={liveStatus} />
          </p>
        </div>

        <div className="lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-8">
          <div className="mb-5 lg:mb-0">
            <div className="lg:sticky lg:top-20">
              <ViewNav view={view} counts={counts} tags={knownTags} onView={goToView} />
            </div>
          </div>

          <main className="min-w-0 space-y-5">
            {outage && (
              <OutageBanner
                detail={outage.detail}
                onRetry={() => {
                  const retry = outage.retry;
                  setOutage(null);
                  retry();
                }}
              />
            )}

            <NewTaskForm
              onCreate={actions.createTask}
              defaults={newTaskDefaults}
              knownTags={knownTags}
              windows={windows}
              titleRef={titleRef}
            />

            <TaskListSection
              view={view}
              status={status}
              sort={sort}
              searchInput={searchInput}
              search={search}
              counts={statusCounts(counts, view)}
              list={{ ...list, items, total }}
              windows={windows}
              searchRef={searchRef}
              clearing={actions.clearing}
              onStatus={setStatus}
              onSort={(next) => setSorts((all) => ({ ...all, [view.kind]: next }))}
              onSearch={setSearchInput}
              onClearCompleted={() => void actions.clearCompleted()}
              renderTask={renderTask}
            />

            <div className="flex flex-wrap items-center justify-between gap-2">
              <ShortcutsHint />
              <NotificationsToggle />
            </div>
          </main>
        </div>
      </div>

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <Toaster toasts={toasts.toasts} onDismiss={toasts.dismiss} onRemove={removeToast} />
    </div>
  );
}
