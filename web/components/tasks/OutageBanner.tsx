"use client";
import { UNREACHABLE_DETAIL } from "@/lib/api/errors";

interface OutageBannerProps {
  detail: string;
  onRetry: () => void;
}

/** Shown while the API cannot be reached or answers 503. */
export function OutageBanner({ detail, onRetry }: OutageBannerProps) {
  return (
    <div
      role="alert"
      data-testid="outage-banner"
      className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950/70 dark:text-amber-50 sm:flex-row sm:items-center"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="hidden size-5 shrink-0 text-amber-600 sm:block dark:text-amber-400">
        <path d="M10 2.5 1.5 17.5h17L10 2.5zm-.9 5h1.8v5H9.1v-5zm0 6.3h1.8v1.8H9.1v-1.8z" />
      </svg>
      <div className="flex-1 text-sm">
        <p className="font-semibold">Can&apos;t reach the server — retry</p>
        <p className="text-amber-900 dark:text-amber-100">
          {detail && detail !== UNREACHABLE_DETAIL ? `${detail}. ` : ""}
          Nothing you typed is lost; try again in a moment.
        </p>
      </div>
      <button type="button" className="btn bg-amber-900 text-white hover:bg-amber-950 dark:bg-amber-300 dark:text-amber-950 dark:hover:bg-amber-200" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
