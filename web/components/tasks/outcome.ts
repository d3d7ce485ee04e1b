// What a form learns from an attempted change.
export type Outcome =
  | { ok: true }
  | { ok: false; fieldErrors?: Partial<Record<"title" | "description", string>> };

export const OK: Outcome = { ok: true };
export const FAILED: Outcome = { ok: false };

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;

/** Client-side checks mirroring the API's rules; null when the title is fine. */
export function titleProblem(title: string): string | null {
  const trimmed = title.trim();
  if (!trimmed) return "Give the task a title.";
  if ([...trimmed].length > TITLE_MAX) return `Keep the title under ${TITLE_MAX} characters.`;
  return null;
}
