"use client";
// The keyboard shortcuts, written out where people look for help, with the
// switch that turns them off. The switch shows at every width: someone
// zoomed in far enough to get the phone layout may well type on a keyboard.
import { useShortcutsEnabled } from "./useShortcuts";

const SHORTCUTS: Array<[string, string]> = [
  ["n", "new task"],
  ["/", "search"],
  ["t", "Today"],
];

export function ShortcutsHint() {
  const [enabled, setEnabled] = useShortcutsEnabled();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-ink-muted">
      {enabled && (
        <p data-testid="shortcuts" className="hidden sm:block">
          <span className="font-medium">Keyboard:</span>{" "}
          {SHORTCUTS.map(([key, what], i) => (
            <span key={key}>
              {i > 0 && " · "}
              <kbd className="rounded border border-line-strong bg-surface px-1.5 py-0.5 font-mono text-[11px] text-ink">{key}</kbd> {what}
            </span>
          ))}
        </p>
      )}
      <label className="inline-flex cursor-pointer items-center gap-1.5 py-1">
        <input
          type="checkbox"
          className="size-3.5 cursor-pointer accent-brand-600 dark:accent-brand-300"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        Single-key shortcuts
      </label>
    </div>
  );
}
