// Test doubles for the API client: a scripted fetch and unsigned JWTs.
import { vi } from "vitest";
import type { Task } from "@/lib/api/types";

/** A JWT-shaped string whose payload holds `claims` (the signature is fake). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "EdDSA", kid: "k1" })}.${encode(claims)}.c2lnbmF0dXJl`;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title: "Error", status, detail, ...extra }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

/** A fetch that answers from a queue and records what it was asked. */
export function scriptedFetch(...answers: Array<Response | Error>) {
  const queue = [...answers];
  const fn = vi.fn<typeof fetch>(async () => {
    const next = queue.shift();
    if (!next) throw new Error("scriptedFetch: no answer left");
    if (next instanceof Error) throw next;
    return next;
  });
  return Object.assign(fn, {
    url: (call: number) => String(fn.mock.calls[call]?.[0]),
    init: (call: number) => fn.mock.calls[call]?.[1] ?? {},
    header: (call: number, name: string) => new Headers(fn.mock.calls[call]?.[1]?.headers).get(name),
  });
}

export const task: Task = {
  id: 7,
  user_id: "user-1",
  title: "Buy milk",
  description: "2 litres",
  completed: false,
  priority: "none",
  tags: [],
  due_at: null,
  due_date: null,
  recurrence: null,
  remind_at: null,
  created_at: "2026-11-22T09:15:02.123456Z",
  updated_at: "2026-11-22T09:15:02.123456Z",
  version: 1,
};

/** A task with `changes` on top of the fixture above. */
export function makeTask(changes: Partial<Task> = {}): Task {
  return { ...task, ...changes };
}
