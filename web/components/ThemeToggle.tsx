"use client";
// System / light / dark, remembered in localStorage. "System" keeps following
// the OS setting as it changes.
import { useEffect, useSyncExternalStore } from "react";
import { cx } from "@/lib/cx";
import {
  THEME_CHOICES,
  applyTheme,
  chooseTheme,
  resolveTheme,
  storedThemeChoice,
  subscribeThemeChoice,
  type ThemeChoice,
} from "@/lib/theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

const LABELS: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

const ICONS: Record<ThemeChoice, string> = {
  system: "M3 4h14v9H3V4zm1.5 1.5v6h11v-6h-11zM7 15h6v1.5H7V15z",
  light:
    "M10 6.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7zM9.25 1.5h1.5v2.5h-1.5V1.5zm0 14.5h1.5v2.5h-1.5V16zM1.5 9.25H4v1.5H1.5v-1.5zm14.5 0h2.5v1.5H16v-1.5zM3.4 4.46l1.06-1.06 1.77 1.77-1.06 1.06L3.4 4.46zm10.37 10.37 1.06-1.06 1.77 1.77-1.06 1.06-1.77-1.77zM3.4 15.54l1.77-1.77 1.06 1.06-1.77 1.77-1.06-1.06zM13.77 5.17l1.77-1.77 1.06 1.06-1.77 1.77-1.06-1.06z",
  dark: "M8.5 2.5a7.5 7.5 0 1 0 9 9A6 6 0 0 1 8.5 2.5z",
};

function subscribeToSystem(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function ThemeToggle({ className }: { className?: string }) {
  // The server cannot know the stored choice: it renders "system", and the
  // boot script has already applied the real theme before hydration.
  const choice = useSyncExternalStore(subscribeThemeChoice, storedThemeChoice, () => "system" as const);
  const systemDark = useSyncExternalStore(
    subscribeToSystem,
    () => window.matchMedia(DARK_QUERY).matches,
    () => false,
  );

  // Reads the truth rather than the snapshots: during hydration those are
  // still the server's ("system", light), and applying them would flash.
  useEffect(() => {
    applyTheme(resolveTheme(storedThemeChoice(), window.matchMedia(DARK_QUERY).matches));
  }, [choice, systemDark]);

  return (
    <div role="group" aria-label="Theme" className={cx("inline-flex rounded-lg border border-line bg-subtle p-0.5", className)}>
      {THEME_CHOICES.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={choice === option}
          aria-label={LABELS[option]}
          title={LABELS[option]}
          onClick={() => chooseTheme(option)}
          className={cx(
            "grid size-7 place-items-center rounded-md transition-colors",
            choice === option ? "bg-surface text-ink shadow-sm" : "text-ink-muted hover:text-ink",
          )}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path fillRule="evenodd" d={ICONS[option]} />
          </svg>
        </button>
      ))}
    </div>
  );
}
