"use client";
// Shown in the editor when saving found the task changed elsewhere (412):
// what it says now, and the choice between the person's edits and theirs.
// The form below keeps everything that was typed.
import type { MouseEvent } from "react";
import type { Task } from "@/lib/api/types";
import type { CivilDate } from "@/lib/dates/zoned";
import { dueText, priorityLabel } from "@/lib/tasks/labels";

interface ConflictNoticeProps {
  current: Task;
  timeZone: string;
  today: CivilDate;
  saving: boolean;
  onKeepMine: (event: MouseEvent<HTMLButtonElement>) => void;
  onUseTheirs: () => void;
}

export function ConflictNotice({ current, timeZone, today, saving, onKeepMine, onUseTheirs }: ConflictNoticeProps) {
  const due = dueText(current, today, timeZone);
  const facts = [
    current.completed ? "Done" : "Not done",
    current.priority !== "none" && priorityLabel(current.priority),
    due?.text,
    current.tags.length > 0 && current.tags.map((tag) => `#${tag}`).join(" "),
  ].filter(Boolean);
  return (
    <div
      role="alert"
      data-testid="conflict"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <p className="font-semibold">Changed elsewhere</p>
      <p className="mt-1">
        This task was changed on another tab or device while you were editing. Your changes are not saved yet. It now
        reads:
      </p>
      <blockquote data-testid="conflict-current" className="mt-2 border-l-4 border-amber-400 pl-3 dark:border-amber-600">
        <p className="font-medium break-words">{current.title}</p>
        {current.description && <p className="mt-0.5 break-words whitespace-pre-line">{current.description}</p>}
        <p className="mt-0.5 text-xs">{facts.join(" · ")}</p>
      </blockquote>
      <p className="mt-2 text-xs">“Keep my changes” saves the fields you changed over theirs; the others stay as they are now.</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={onKeepMine} disabled={saving}>
          Keep my changes
        </button>
        <button type="button" className="btn-secondary" onClick={onUseTheirs} disabled={saving}>
          Use theirs
        </button>
      </div>
    </div>
  );
}
