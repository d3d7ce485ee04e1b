"use client";
import { Logo } from "@/components/Logo";

interface AppHeaderProps {
  name: string;
  email: string;
  signingOut: boolean;
  onSignOut: () => void;
}

export function AppHeader({ name, email, signingOut, onSignOut }: AppHeaderProps) {
  const initial = (name.trim() || email).charAt(0).toUpperCase();
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-4xl items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Logo href="/tasks" />
        <div className="flex min-w-0 items-center gap-3">
          <div className="hidden min-w-0 text-right sm:block">
            <p className="truncate text-sm font-semibold text-slate-900">{name}</p>
            <p className="truncate text-xs text-slate-600">{email}</p>
          </div>
          <span
            aria-hidden="true"
            className="grid size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-bold text-brand-800"
          >
            {initial}
          </span>
          <button type="button" className="btn-secondary" onClick={onSignOut} disabled={signingOut}>
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>
    </header>
  );
}
