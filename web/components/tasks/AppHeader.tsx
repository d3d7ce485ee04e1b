"use client";
import { Logo } from "@/components/Logo";
import { ThemeToggle } from "@/components/ThemeToggle";

interface AppHeaderProps {
  name: string;
  email: string;
  signingOut: boolean;
  onSignOut: () => void;
  /** The logo: back to All tasks, in place. */
  onHome: () => void;
}

export function AppHeader({ name, email, signingOut, onSignOut, onHome }: AppHeaderProps) {
  const initial = (name.trim() || email).charAt(0).toUpperCase();
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-surface/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-3 sm:gap-3 sm:px-6">
        <Logo href="/tasks" onPlainClick={onHome} />
        <div className="flex min-w-0 items-center gap-2 sm:gap-3">
          <ThemeToggle />
          <div className="hidden min-w-0 text-right md:block">
            <p className="truncate text-sm font-semibold text-ink">{name}</p>
            <p className="truncate text-xs text-ink-muted">{email}</p>
          </div>
          <span
            aria-hidden="true"
            className="hidden size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-bold text-brand-800 sm:grid dark:bg-brand-900 dark:text-brand-100"
          >
            {initial}
          </span>
          <button type="button" className="btn-secondary px-3 sm:px-4" onClick={onSignOut} disabled={signingOut}>
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>
    </header>
  );
}
