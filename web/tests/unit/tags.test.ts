import { describe, expect, it } from "vitest";
import { addTag, normaliseTag, removeTag, suggestTags, uniqueTags } from "@/lib/tasks/tags";

describe("tag rules", () => {
  it("trim, and refuse empty, long, comma and control-character tags", () => {
    expect(normaliseTag("  errands ")).toEqual({ ok: true, tag: "errands" });
    expect(normaliseTag("   ").ok).toBe(false);
    expect(normaliseTag("x".repeat(32)).ok).toBe(true);
    expect(normaliseTag("x".repeat(33)).ok).toBe(false);
    expect(normaliseTag("🏠".repeat(32)).ok).toBe(true); // characters, not UTF-16 units
    expect(normaliseTag("a,b")).toEqual({ ok: false, message: "Tags can't contain commas." });
    expect(normaliseTag("a\tb").ok).toBe(false);
    expect(normaliseTag("a\u0085b").ok).toBe(false);
  });

  it("add tags sorted ignoring case, once per spelling (the first wins), at most ten", () => {
    let tags: string[] = [];
    for (const raw of ["home", "Errands", "HOME", " work "]) {
      const result = addTag(tags, raw);
      if (result.ok) tags = result.tags;
    }
    expect(tags).toEqual(["Errands", "home", "work"]);
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`);
    expect(addTag(ten, "eleven")).toEqual({ ok: false, message: "A task can have at most 10 tags." });
    expect(addTag(ten, "T3")).toEqual({ ok: true, tags: ten });
    expect(removeTag(tags, "HOME")).toEqual(["Errands", "work"]);
  });

  it("collect one spelling per tag from the tasks loaded", () => {
    expect(uniqueTags([["home", "Work"], ["Home", "errands"], []])).toEqual(["errands", "home", "Work"]);
  });

  it("suggest known tags the task lacks, those starting with the text first", () => {
    const known = ["errands", "garden", "Groceries", "home", "programming"];
    expect(suggestTags(known, ["home"], "")).toEqual(["errands", "garden", "Groceries", "programming"]);
    expect(suggestTags(known, [], "gr")).toEqual(["Groceries", "programming"]);
    expect(suggestTags(known, ["GROCERIES"], "G")).toEqual(["garden", "programming"]);
    expect(suggestTags(known, [], "r", 2)).toEqual(["errands", "garden"]);
  });
});
