// The keyboard shortcuts, written out where people look for help.
const SHORTCUTS: Array<[string, string]> = [
  ["n", "new task"],
  ["/", "search"],
  ["t", "Today"],
];

export function ShortcutsHint() {
  return (
    <p data-testid="shortcuts" className="hidden text-xs text-ink-muted sm:block">
      <span className="font-medium">Keyboard:</span>{" "}
      {SHORTCUTS.map(([key, what], i) => (
        <span key={key}>
          {i > 0 && " · "}
          <kbd className="rounded border border-line-strong bg-surface px-1.5 py-0.5 font-mono text-[11px] text-ink">{key}</kbd> {what}
        </span>
      ))}
    </p>
  );
}
