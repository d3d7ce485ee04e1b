"use client";
// The views: Today, Upcoming, Overdue, All, then one per tag, each with its
// count. A column beside the list on wide screens, a scrolling row of pills
// on a phone. They are links (to /tasks?view=…), so they can be opened in a
// new tab; a plain click switches the view in place.
import type { ViewCounts } from "@/lib/tasks/counts";
import { cx } from "@/lib/cx";
import { VIEW_LABELS, viewKey, viewSearch, type View, type ViewKind } from "@/lib/tasks/views";

const VIEW_ORDER: ViewKind[] = ["today", "upcoming", "overdue", "all"];

const ICONS: Record<ViewKind, string> = {
  today: "M6 2h1.5v2h5V2H14v2h2a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h2V2zM4.5 8v7.5h11V8h-11zM8 10h4v4H8v-4z",
  upcoming: "M6 2h1.5v2h5V2H14v2h2a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h2V2zM4.5 8v7.5h11V8h-11zM6 10h2v2H6v-2zm3 0h2v2H9v-2zm3 0h2v2h-2v-2z",
  overdue: "M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-.9 4h1.8v5.2H9.1V6zm0 6.6h1.8v1.8H9.1v-1.8z",
  all: "M3 4h2v2H3V4zm4 0h10v2H7V4zM3 9h2v2H3V9zm4 0h10v2H7V9zm-4 5h2v2H3v-2zm4 0h10v2H7v-2z",
};

interface ViewNavProps {
  view: View;
  counts: ViewCounts | null;
  tags: readonly string[];
  onView: (view: View) => void;
}

export function ViewNav({ view, counts, tags, onView }: ViewNavProps) {
  const active = viewKey(view);
  // A tag no task has any more drops out of the list (unless it is open).
  const shownTags = tags.filter((tag) => {
    const count = counts?.tags[tag.toLowerCase()];
    return count === undefined || count > 0 || active === viewKey({ kind: "tag", tag });
  });

  return (
    <nav aria-label="Views" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:overflow-visible lg:px-0">
      <ul className="flex gap-1.5 lg:flex-col lg:gap-0.5">
        {VIEW_ORDER.map((kind) => (
          <NavItem
            key={kind}
            view={{ kind }}
            label={VIEW_LABELS[kind]}
            icon={ICONS[kind]}
            count={counts?.[kind]}
            testId={`view-count-${kind}`}
            current={active === kind}
            alert={kind === "overdue" && (counts?.overdue ?? 0) > 0}
            onView={onView}
          />
        ))}
      </ul>
      {shownTags.length > 0 && (
        <>
          <h2 className="mt-5 mb-1 hidden px-3 text-xs font-semibold tracking-wide text-ink-muted uppercase lg:block">Tags</h2>
          <ul aria-label="Tags" className="mt-1.5 flex gap-1.5 lg:mt-0 lg:flex-col lg:gap-0.5">
            {shownTags.map((tag) => (
              <NavItem
                key={tag.toLowerCase()}
                view={{ kind: "tag", tag }}
                label={`#${tag}`}
                count={counts?.tags[tag.toLowerCase()]}
                testId={`view-count-tag-${tag.toLowerCase()}`}
                current={active === viewKey({ kind: "tag", tag })}
                onView={onView}
              />
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}

interface NavItemProps {
  view: View;
  label: string;
  icon?: string;
  count: number | undefined;
  testId: string;
  current: boolean;
  alert?: boolean;
  onView: (view: View) => void;
}

function NavItem({ view, label, icon, count, testId, current, alert, onView }: NavItemProps) {
  return (
    <li className="shrink-0">
      <a
        href={`/tasks${viewSearch(view)}`}
        aria-current={current ? "page" : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
          event.preventDefault();
          onView(view);
        }}
        className={cx(
          "flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors lg:py-2",
          current
            ? "bg-accent-soft text-accent-strong"
            : "border border-line bg-surface text-ink-soft hover:bg-hover hover:text-ink lg:border-transparent lg:bg-transparent",
        )}
      >
        {icon && (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="hidden size-4 shrink-0 lg:block">
            <path d={icon} />
          </svg>
        )}
        <span className="max-w-40 truncate lg:flex-1">{label}</span>
        {count !== undefined && (
          <span
            data-testid={testId}
            className={cx(
              "rounded-full px-1.5 py-px text-xs tabular-nums",
              alert ? "bg-red-700 text-white dark:bg-red-400 dark:text-red-950" : "bg-subtle text-ink-soft ring-1 ring-line ring-inset",
            )}
          >
            {count}
          </span>
        )}
      </a>
    </li>
  );
}
