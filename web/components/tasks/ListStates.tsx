// The list's non-list states: loading skeleton, empty, and failure.
import type { StatusFilter } from "@/lib/api/types";

export function LoadingRows() {
  return (
    <div aria-busy="true" className="divide-y divide-slate-100">
      <p className="sr-only">Loading tasks…</p>
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex animate-pulse gap-3 px-5 py-4">
          <div className="size-5 rounded-full bg-slate-200" />
          <div className="flex-1 space-y-2">
            <div className="h-4 w-2/3 rounded bg-slate-200" />
            <div className="h-3 w-1/3 rounded bg-slate-100" />
          </div>
        </div>
      ))}
    </div>
  );
}

interface EmptyStateProps {
  status: StatusFilter;
  search: string;
  onClearSearch: () => void;
}

export function EmptyState({ status, search, onClearSearch }: EmptyStateProps) {
  const query = search.trim();
  let title = "No tasks yet";
  let body = "Add your first task above. It only takes a title.";
  if (query) {
    title = `Nothing matches “${query}”`;
    body = "Try another word, or clear the search.";
  } else if (status === "pending") {
    title = "All done!";
    body = "Nothing is pending. Enjoy the quiet, or add something new.";
  } else if (status === "completed") {
    title = "Nothing completed yet";
    body = "Check off a task and it will show up here.";
  }

  return (
    <div data-testid="empty-state" className="flex flex-col items-center px-6 py-14 text-center">
      <div className="grid size-14 place-items-center rounded-2xl bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-7">
          <path strokeLinecap="round" strokeLinejoin="round" d="M9 5h10M9 12h10M9 19h10M4.5 5.5l1 1 2-2M4.5 12.5l1 1 2-2M4.5 19.5l1 1 2-2" />
        </svg>
      </div>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600">{body}</p>
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
      <h2 className="text-lg font-semibold text-slate-900">Your tasks couldn&apos;t be loaded</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600">{message}</p>
      {onRetry && (
        <button type="button" className="btn-secondary mt-4" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
