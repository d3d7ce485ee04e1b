import { describe, expect, it } from "vitest";
import { authBaseUrl, trustedOrigins } from "@/lib/auth-options";
import { apiBaseUrl } from "@/lib/runtime-config";
import { defaultSort, listParams, queryKey } from "@/components/tasks/query";
import { dayWindows } from "@/lib/tasks/views";

describe("runtime configuration", () => {
  it("defaults the auth origin to localhost on PORT", () => {
    expect(authBaseUrl({})).toBe("http://localhost:3000");
    expect(authBaseUrl({ PORT: "3100" })).toBe("http://localhost:3100");
    expect(authBaseUrl({ BETTER_AUTH_URL: "https://todo.example.com/", PORT: "1" })).toBe("https://todo.example.com");
  });

  it("trusts the base origin, its localhost twin, and configured extras", () => {
    expect(trustedOrigins({ PORT: "3100", BETTER_AUTH_TRUSTED_ORIGINS: "https://a.example/, " })).toEqual([
      "http://localhost:3100",
      "http://127.0.0.1:3100",
      "https://a.example",
    ]);
  });

  it("reads the API URL at run time, defaulting to localhost:8000", () => {
    expect(apiBaseUrl({})).toBe("http://localhost:8000");
    expect(apiBaseUrl({ NEXT_PUBLIC_API_URL: "http://localhost:8100/" })).toBe("http://localhost:8100");
  });
});

describe("task list query", () => {
  const windows = dayWindows(Date.parse("2026-12-02T10:00:00Z"), "Europe/Paris");

  it("maps toolbar choices onto API parameters", () => {
    expect(listParams({ view: { kind: "all" }, status: "pending", sort: "title-asc", search: " milk " }, windows, 20, 20)).toEqual({
      status: "pending",
      sort: "title",
      order: "asc",
      q: "milk",
      limit: 20,
      offset: 20,
      tz: "Europe/Paris",
    });
    const all = { view: { kind: "all" }, status: "all", sort: "created-desc" } as const;
    expect(queryKey({ ...all, search: "a " }, windows)).toBe(queryKey({ ...all, search: " a" }, windows));
  });

  it("asks for a view's window and leaves the status filter to All and tag views", () => {
    const today = listParams({ view: { kind: "today" }, status: "completed", sort: "title-asc", search: "" }, windows, 0, 20);
    expect(today).toMatchObject({
      status: "pending",
      due_after: "2026-12-01T23:00:00.000Z",
      due_before: "2026-12-02T23:00:00.000Z",
      sort: "title",
    });
    // Upcoming is grouped by day, so it is always in due order.
    expect(listParams({ view: { kind: "upcoming" }, status: "all", sort: "title-asc", search: "" }, windows, 0, 200)).toMatchObject({
      sort: "due",
      order: "asc",
      due_before: "2026-12-08T23:00:00.000Z",
    });
    expect(listParams({ view: { kind: "tag", tag: "Home" }, status: "completed", sort: "due-asc", search: "" }, windows, 0, 20)).toMatchObject({
      status: "completed",
      tag: ["Home"],
      sort: "due",
    });
    expect(defaultSort({ kind: "today" })).toBe("due-asc");
    expect(defaultSort({ kind: "all" })).toBe("created-desc");
  });

  it("gives each day its own query key, so the list reloads at midnight", () => {
    const q = { view: { kind: "today" }, status: "all", sort: "due-asc", search: "" } as const;
    const tomorrow = dayWindows(Date.parse("2026-12-03T10:00:00Z"), "Europe/Paris");
    expect(queryKey(q, windows)).not.toBe(queryKey(q, tomorrow));
  });
});
