// The list's non-list states: loading skeleton, empty, and failure.
import type { StatusFilter } from "@/lib/api/types";
import type { View } from "@/lib/tasks/views";

export function LoadingRows() {
  return (
    <div aria-busy="true" className="divide-y divide-line-soft">
      <p className="sr-only">Loading tasks…</p>
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex animate-pulse gap-3 px-5 py-4">
          <div className="size-5 rounded-full bg-line" />
          <div className="flex-1 space-y-2">
            <div className="h-4 w-2/3 rounded bg-line" />
            <div className="h-3 w-1/3 rounded bg-line-soft" />
          </div>
        </div>
      ))}
    </div>
  );
}

interface EmptyStateProps {
  view: View;
  status: StatusFilter;
  search: string;
  onClearSearch: () => void;
}

function emptyText(view: View, status: StatusFilter): [string, string] {
  switch (view.kind) {
    case "today":
      return ["Nothing due today", "Add a task above and it will be due today."];
    case "upcoming":
      return ["Nothing due this week", "Tasks due in the next seven days show up here, day by day."];
    case "overdue":
      return ["Nothing overdue", "You're on top of things."];
    case "tag":
      return [`Nothing tagged “${view.tag}”`, "Add a task above and it gets this tag."];
    case "all":
      if (status === "pending") return ["All done!", "Nothing is pending. Enjoy the quiet, or add something new."];
      if (status === "completed") return ["Nothing completed yet", "Check off a task and it will show up here."];
      return ["No tasks yet", "Add your first task above. It only takes a title."];
  }
}

export function EmptyState({ view, status, search, onClearSearch }: EmptyStateProps) {
  const query = search.trim();
  const [title, body] = query ? [`Nothing matches “${query}”`, "Try another word, or clear the search."] : emptyText(view, status);

  return (
    <div data-testid="empty-state" className="flex flex-col items-center px-6 py-14 text-center">
      <div className="grid size-14 place-items-center rounded-2xl bg-accent-soft text-accent">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-7">
          <path strokeLinecap="round" strokeLinejoin="round" d="M9 5h10M9 12h10M9 19h10M4.5 5.5l1 1 2-2M4.5 12.5l1 1 2-2M4.5 19.5l1 1 2-2" />
        </svg>
      </div>
      <h3 className="mt-4 text-lg font-semibold text-ink">{title}</h3>
      <p className="mt-1 max-w-sm text-sm text-ink-muted">{body}</p>
      {query && (
        <button type="button" className="btn-secondary mt-4" onClick={onClearSearch}>
          Clear search
        </button>
      )}
    </div>
  );
}

export function ListFailure({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <h3 className="text-lg font-semibold text-ink">Your tasks couldn&apos;t be loaded</h3>
      <p className="mt-1 max-w-sm text-sm text-ink-muted">{message}</p>
      {onRetry && (
        <button type="button" className="btn-secondary mt-4" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
