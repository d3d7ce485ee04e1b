"use client";
// The tasks page: composes the list, the forms and the status messages, and
// decides what each API failure means for the person using it.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createTaskApi } from "@/lib/api/client";
import { apiTokens } from "@/lib/api/browser-token";
import { isApiError } from "@/lib/api/errors";
import type { NewTask, StatusFilter, Task, TaskChanges } from "@/lib/api/types";
import { authClient } from "@/lib/auth-client";
import { cx } from "@/lib/cx";
import { AppHeader } from "./AppHeader";
import { EmptyState, ListFailure, LoadingRows } from "./ListStates";
import { NewTaskForm } from "./NewTaskForm";
import { OutageBanner } from "./OutageBanner";
import { FAILED, OK, type Outcome } from "./outcome";
import type { SortKey, TaskQuery } from "./query";
import { TaskItem } from "./TaskItem";
import { TaskToolbar } from "./TaskToolbar";
import { Toast, type ToastMessage } from "./Toast";
import { useDebouncedValue } from "./useDebouncedValue";
import { useTaskList } from "./useTaskList";

export interface TasksAppProps {
  /** The Todo API's base URL, resolved on the server at request time. */
  apiUrl: string;
  user: { id: string; name: string; email: string };
}

interface Outage {
  detail: string;
  retry: () => void;
}

export function TasksApp({ apiUrl, user }: TasksAppProps) {
  const router = useRouter();
  const api = useMemo(
    () => createTaskApi({ baseUrl: apiUrl, userId: user.id, tokens: apiTokens }),
    [apiUrl, user.id],
  );

  const [status, setStatus] = useState<StatusFilter>("all");
  const [sort, setSort] = useState<SortKey>("created-desc");
  const [searchInput, setSearchInput] = useState("");
  const search = useDebouncedValue(searchInput, 250);
  const query = useMemo<TaskQuery>(() => ({ status, sort, search }), [status, sort, search]);

  const [outage, setOutage] = useState<Outage | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [editingId, setEditingId] = useState<number | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<number>>(new Set());
  const [signingOut, setSigningOut] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const toastId = useRef(0);

  const showToast = useCallback((message: Omit<ToastMessage, "id">) => {
    toastId.current += 1;
    setToast({ ...message, id: toastId.current });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);

  /** Every failure ends here: sign in again, offer a retry, or say why. */
  const handleFailure = useCallback(
    (error: unknown, retry: () => void) => {
      if (isApiError(error)) {
        if (error.kind === "signed_out") {
          apiTokens.clear();
          router.replace("/sign-in?reason=expired");
          return;
        }
        if (error.kind === "unavailable") {
          setOutage({ detail: error.detail, retry });
          return;
        }
        showToast({ message: error.detail, tone: "error" });
        return;
      }
      console.error(error);
      showToast({ message: "Something went wrong. Please try again.", tone: "error" });
    },
    [router, showToast],
  );

  const list = useTaskList(api, query, handleFailure);
  const { replaceTask, dropTask, refresh } = list;

  function setBusy(id: number, busy: boolean) {
    setBusyIds((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** A form's view of a failure: field messages for 422, else the usual handling. */
  function formOutcome(error: unknown, retry: () => void): Outcome {
    if (isApiError(error) && error.kind === "validation") {
      const title = fieldText("Title", error.fieldMessage("title"));
      const description = fieldText("Description", error.fieldMessage("description"));
      if (title || description) {
        return {
          ok: false,
          fieldErrors: { ...(title && { title }), ...(description && { description }) },
        };
      }
    }
    handleFailure(error, retry);
    return FAILED;
  }

  async function createTask(input: NewTask, form: HTMLFormElement): Promise<Outcome> {
    try {
      const task = await api.create(input);
      setOutage(null);
      setAnnouncement(`Added task: ${task.title}`);
      await refresh();
      return OK;
    } catch (error) {
      // Retrying re-submits the form, with whatever it holds by then.
      return formOutcome(error, () => form.requestSubmit());
    }
  }

  async function saveTask(task: Task, changes: TaskChanges, form: HTMLFormElement): Promise<Outcome> {
    setBusy(task.id, true);
    try {
      const updated = await api.update(task.id, changes);
      setOutage(null);
      replaceTask(updated);
      setEditingId(null);
      setAnnouncement(`Saved task: ${updated.title}`);
      return OK;
    } catch (error) {
      if (isApiError(error) && error.kind === "not_found") {
        dropTask(task.id);
        setEditingId(null);
        showToast({ message: "That task no longer exists.", tone: "error" });
        return FAILED;
      }
      return formOutcome(error, () => form.requestSubmit());
    } finally {
      setBusy(task.id, false);
    }
  }

  async function toggleTask(task: Task): Promise<void> {
    const completed = !task.completed;
    replaceTask({ ...task, completed }); // show it at once; undone below on failure
    setBusy(task.id, true);
    try {
      const updated = await api.setCompleted(task.id, completed);
      setOutage(null);
      const stillMatches = status === "all" || (status === "completed") === updated.completed;
      if (stillMatches) replaceTask(updated);
      else dropTask(updated.id);
      setAnnouncement(`${updated.title}: ${updated.completed ? "done" : "not done"}`);
      void refresh();
    } catch (error) {
      replaceTask(task);
      if (isApiError(error) && error.kind === "not_found") dropTask(task.id);
      else handleFailure(error, () => void toggleTask(task));
    } finally {
      setBusy(task.id, false);
    }
  }

  async function deleteTask(task: Task): Promise<void> {
    setBusy(task.id, true);
    try {
      await api.remove(task.id);
    } catch (error) {
      // Already gone is as good as deleted.
      if (!(isApiError(error) && error.kind === "not_found")) {
        setBusy(task.id, false);
        handleFailure(error, () => void deleteTask(task));
        return;
      }
    }
    setBusy(task.id, false);
    setOutage(null);
    dropTask(task.id);
    if (editingId === task.id) setEditingId(null);
    void refresh();
    showToast({
      message: `Deleted “${task.title}”`,
      action: { label: "Undo", run: () => void restoreTask(task) },
    });
  }

  /** Undo of a delete: the same title, description and status, as a new task. */
  async function restoreTask(task: Task): Promise<void> {
    try {
      await api.create({ title: task.title, description: task.description, completed: task.completed });
      setOutage(null);
      setAnnouncement(`Restored task: ${task.title}`);
      await refresh();
    } catch (error) {
      handleFailure(error, () => void restoreTask(task));
    }
  }

  async function signOut(): Promise<void> {
    setSigningOut(true);
    try {
      await authClient.signOut();
    } catch {
      // Unreachable server: the sign-in page still follows; the cookie expires on its own.
    }
    apiTokens.clear();
    router.replace("/sign-in?reason=signed-out");
    router.refresh();
  }

  // "/" jumps to the search box, unless the user is typing somewhere.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      searchRef.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const { counts, items, total, phase } = list;
  const listError = list.error;

  let body: React.ReactNode;
  if (phase === "loading") {
    body = <LoadingRows />;
  } else if (phase === "error") {
    body =
      isApiError(listError) && listError.kind === "unavailable" ? (
        <ListFailure message="The server isn't answering right now. Your tasks are safe; use Retry above." />
      ) : (
        <ListFailure
          message={isApiError(listError) ? listError.detail : "Something went wrong."}
          onRetry={() => void refresh()}
        />
      );
  } else if (items.length === 0) {
    body = <EmptyState status={status} search={search} onClearSearch={() => setSearchInput("")} />;
  } else {
    body = (
      <ul
        aria-label="Tasks"
        aria-busy={phase === "updating" || undefined}
        className={cx("divide-y divide-slate-100 transition-opacity", phase === "updating" && "opacity-60")}
      >
        {items.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            editing={editingId === task.id}
            busy={busyIds.has(task.id)}
            onToggle={(t) => void toggleTask(t)}
            onEdit={(t) => setEditingId(t.id)}
            onCancelEdit={() => setEditingId(null)}
            onSave={saveTask}
            onDelete={(t) => void deleteTask(t)}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="min-h-dvh">
      <AppHeader name={user.name} email={user.email} signingOut={signingOut} onSignOut={() => void signOut()} />

      <main className="mx-auto max-w-4xl space-y-5 px-4 py-6 sm:px-6 sm:py-8">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">My tasks</h1>
            <p data-testid="summary" className="mt-1 min-h-5 text-sm text-slate-600">
              {counts &&
                (counts.all === 0
                  ? "Nothing on your list yet."
                  : `${counts.pending} pending · ${counts.completed} completed`)}
            </p>
          </div>
        </div>

        {outage && (
          <OutageBanner
            detail={outage.detail}
            retrying={false}
            onRetry={() => {
              const retry = outage.retry;
              setOutage(null);
              retry();
            }}
          />
        )}

        <NewTaskForm onCreate={createTask} />

        <section
          aria-labelledby="task-list-heading"
          className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
        >
          <h2 id="task-list-heading" className="sr-only">
            Task list
          </h2>
          <div className="border-b border-slate-200 bg-slate-50/60 px-3 py-3 sm:px-5">
            <TaskToolbar
              status={status}
              sort={sort}
              search={searchInput}
              counts={counts}
              searchRef={searchRef}
              onStatus={setStatus}
              onSort={setSort}
              onSearch={setSearchInput}
            />
          </div>

          {body}

          {items.length > 0 && phase !== "loading" && phase !== "error" && (
            <div className="flex flex-col items-center gap-3 border-t border-slate-200 px-4 py-3 sm:flex-row sm:justify-between sm:px-5">
              <p data-testid="showing" className="text-sm text-slate-600">
                Showing {items.length} of {total} {total === 1 ? "task" : "tasks"}
              </p>
              {items.length < total && (
                <button
                  type="button"
                  className="btn-secondary w-full sm:w-auto"
                  onClick={() => void list.loadMore()}
                  disabled={list.loadingMore}
                >
                  {list.loadingMore ? "Loading…" : `Load more (${total - items.length} left)`}
                </button>
              )}
            </div>
          )}
        </section>
      </main>

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <Toast toast={toast} onDismiss={dismissToast} />
    </div>
  );
}

/** "must be 1 to 200 characters" → "Title must be 1 to 200 characters." */
function fieldText(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const sentence = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
