"use client";
// Tags as removable chips plus a text box with suggestions (a native
// <datalist>, which browsers and screen readers present as a combobox).
// Enter or a comma adds what was typed; Backspace in the empty box removes
// the last chip; leaving the box keeps what was typed as a tag.
import { useState } from "react";
import { FieldError } from "@/components/FieldError";
import { addTag, removeTag, suggestTags, TAG_MAX_LENGTH } from "@/lib/tasks/tags";

interface TagsFieldProps {
  id: string;
  tags: string[];
  knownTags: readonly string[];
  error?: string | undefined;
  onChange: (tags: string[]) => void;
}

export function TagsField({ id, tags, knownTags, error, onChange }: TagsFieldProps) {
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const message = problem ?? error;
  const inputId = `${id}-tags`;
  const hintId = `${id}-tags-hint`;
  const errorId = `${id}-tags-error`;

  function commit(text: string): boolean {
    if (!text.trim()) return false;
    const result = addTag(tags, text);
    if (!result.ok) {
      setProblem(result.message);
      return false;
    }
    setProblem(null);
    setDraft("");
    onChange(result.tags);
    return true;
  }

  const suggestions = suggestTags(knownTags, tags, draft);

  return (
    <div>
      <label htmlFor={inputId} className="label">
        Tags
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 rounded-lg border border-line-strong bg-surface px-2 py-1.5 shadow-sm focus-within:border-brand-500">
        {tags.map((tag) => (
          <span
            key={tag.toLowerCase()}
            data-testid="tag-chip"
            className="inline-flex items-center gap-1 rounded-full bg-accent-soft py-0.5 pr-1 pl-2.5 text-sm font-medium text-accent-strong"
          >
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              className="grid size-5 place-items-center rounded-full hover:bg-brand-200/60 dark:hover:bg-brand-800"
              onClick={() => onChange(removeTag(tags, tag))}
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
                <path d="m5.7 4.3 4.3 4.3 4.3-4.3 1.4 1.4-4.3 4.3 4.3 4.3-1.4 1.4-4.3-4.3-4.3 4.3-1.4-1.4 4.3-4.3-4.3-4.3z" />
              </svg>
            </button>
          </span>
        ))}
        <input
          id={inputId}
          list={`${id}-tag-options`}
          autoComplete="off"
          className="min-w-24 flex-1 bg-transparent px-1 py-1 text-base text-ink outline-none placeholder:text-slate-500 sm:text-sm dark:placeholder:text-slate-400"
          placeholder={tags.length ? "Add another" : "e.g. errands"}
          value={draft}
          maxLength={TAG_MAX_LENGTH + 8}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => {
            const text = event.target.value;
            // A comma ends a tag (tags cannot contain one).
            if (text.includes(",")) {
              const [first = "", ...rest] = text.split(",");
              if (commit(first)) setDraft(rest.join(",").trimStart());
              return;
            }
            setProblem(null);
            // Picking a suggestion from the list adds it at once.
            const picked = (event.nativeEvent as InputEvent).inputType === "insertReplacementText";
            if (picked && suggestions.some((s) => s === text)) commit(text);
            else setDraft(text);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && draft.trim()) {
              event.preventDefault(); // add the tag, don't submit the form
              commit(draft);
            } else if (event.key === "Backspace" && !draft && tags.length) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim()) commit(draft);
          }}
        />
        <datalist id={`${id}-tag-options`}>
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
      </div>
      <p id={hintId} className="field-hint">
        Enter or comma adds a tag; up to 10.
      </p>
      <FieldError id={errorId} message={message} />
    </div>
  );
}
