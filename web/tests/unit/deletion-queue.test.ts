import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createDeletionQueue, forEachLimited, PARALLEL_DELETES, sendDeletes } from "@/lib/tasks/deletion-queue";
import { makeTask } from "./helpers";

const a = makeTask({ id: 1, title: "a" });
const b = makeTask({ id: 2, title: "b" });
const c = makeTask({ id: 3, title: "c" });
const ids = (tasks: { id: number }[]) => tasks.map((t) => t.id);

function setup(commit = vi.fn(async () => {})) {
  const onChange = vi.fn();
  const onError = vi.fn();
  const queue = createDeletionQueue({ delayMs: 6000, commit, onChange, onError });
  return { queue, commit, onChange, onError };
}

describe("deferred deletion", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hides tasks at once and sends nothing until the Undo window has passed", async () => {
    const { queue, commit, onChange } = setup();
    queue.schedule([a]);
    expect(ids(queue.hidden())).toEqual([1]);
    expect(onChange).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5999);
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(commit).toHaveBeenCalledWith([a], { keepalive: false });
    expect(queue.hidden()).toEqual([]);
  });

  it("undo within the window gives back the very same tasks and never sends a delete", async () => {
    const { queue, commit } = setup();
    const batch = queue.schedule([a, b]);
    expect(queue.undo(batch)).toEqual([a, b]);
    expect(queue.hidden()).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(commit).not.toHaveBeenCalled();
    expect(queue.undo(batch)).toBeNull();
  });

  it("keeps batches apart: undoing one leaves the other to be deleted", async () => {
    const { queue, commit } = setup();
    const first = queue.schedule([a]);
    queue.schedule([b, c]);
    expect(ids(queue.hidden())).toEqual([1, 2, 3]);
    queue.undo(first);
    await vi.advanceTimersByTimeAsync(6000);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit).toHaveBeenCalledWith([b, c], { keepalive: false });
  });

  it("keeps tasks hidden while their delete is being sent; too late to undo then", async () => {
    let finish: () => void = () => {};
    const commit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { queue } = setup(commit);
    const batch = queue.schedule([a]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(queue.isWaiting(batch)).toBe(false);
    expect(queue.undo(batch)).toBeNull();
    expect(ids(queue.hidden())).toEqual([1]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.hidden()).toEqual([]);
  });

  it("flushes everything waiting with keepalive when the page is left", async () => {
    const { queue, commit } = setup();
    queue.schedule([a]);
    queue.schedule([b]);
    await queue.flush({ keepalive: true });
    expect(commit).toHaveBeenCalledTimes(2);
    expect(commit).toHaveBeenNthCalledWith(1, [a], { keepalive: true });
    await vi.advanceTimersByTimeAsync(6000);
    expect(commit).toHaveBeenCalledTimes(2); // the timers were cancelled
  });

  it("sends one batch at once when its toast is dismissed", async () => {
    const { queue, commit } = setup();
    const batch = queue.schedule([a]);
    queue.schedule([b]);
    await queue.commitNow(batch);
    expect(commit).toHaveBeenCalledWith([a], { keepalive: false });
    expect(ids(queue.hidden())).toEqual([2]);
  });

  it("waits while held, keeping the time left, and runs again once let go", async () => {
    const { queue, commit } = setup();
    const batch = queue.schedule([a]);
    await vi.advanceTimersByTimeAsync(4000);
    queue.hold(batch, true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(commit).not.toHaveBeenCalled();
    queue.hold(batch, true); // holding twice changes nothing
    queue.hold(batch, false);
    await vi.advanceTimersByTimeAsync(1999);
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(commit).toHaveBeenCalledWith([a], { keepalive: false });
  });

  it("flushes a held batch too when the page is left: losing a delete is worse than losing Undo", async () => {
    const { queue, commit } = setup();
    const held = queue.schedule([a]);
    queue.hold(held, true);
    await queue.flush({ keepalive: true });
    expect(commit).toHaveBeenCalledWith([a], { keepalive: true });
    queue.hold(held, false); // let go after it went: no second send
    await vi.advanceTimersByTimeAsync(60_000);
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it("on a keepalive flush, starts every DELETE of every batch before awaiting anything", async () => {
    const remove = vi.fn(() => new Promise<void>(() => {})); // requests that never answer
    const queue = createDeletionQueue({ delayMs: 6000, commit: (tasks, options) => sendDeletes(tasks, remove, options) });
    const many = Array.from({ length: 3 * PARALLEL_DELETES }, (_, i) => makeTask({ id: 100 + i }));
    queue.schedule(many.slice(0, 5));
    queue.schedule(many.slice(5));
    void queue.flush({ keepalive: true });
    expect(remove).toHaveBeenCalledTimes(many.length);
    expect(remove).toHaveBeenLastCalledWith(100 + many.length - 1, { keepalive: true });
  });

  it("shows the tasks again and reports when the delete failed", async () => {
    const failure = new Error("offline");
    const { queue, onError } = setup(vi.fn(async () => Promise.reject(failure)));
    queue.schedule([a]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(onError).toHaveBeenCalledWith(failure, [a]);
    expect(queue.hidden()).toEqual([]);
  });
});

describe("sendDeletes", () => {
  it("keeps at most PARALLEL_DELETES in flight when the page stays, and counts a 404 as deleted", async () => {
    let running = 0;
    let peak = 0;
    const remove = vi.fn(async (id: number) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      if (id === 3) throw new ApiError({ kind: "not_found", status: 404, detail: "gone" });
    });
    const tasks = Array.from({ length: 10 }, (_, i) => makeTask({ id: i + 1 }));
    await sendDeletes(tasks, remove, { keepalive: false });
    expect(remove).toHaveBeenCalledTimes(10);
    expect(peak).toBe(PARALLEL_DELETES);
  });

  it("with keepalive, calls remove for every task synchronously and reports a failure after all settled", async () => {
    const remove = vi.fn(async (id: number) => {
      if (id === 2) throw new ApiError({ kind: "unavailable", status: 0, detail: "offline" });
    });
    const sent = sendDeletes([a, b, c], remove, { keepalive: true });
    expect(remove.mock.calls).toEqual([
      [1, { keepalive: true }],
      [2, { keepalive: true }],
      [3, { keepalive: true }],
    ]);
    await expect(sent).rejects.toThrow("offline");
  });
});

describe("forEachLimited", () => {
  it("runs at most `limit` at once, does all the work, and reports the first failure", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await expect(
      forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        if (n === 4) throw new Error("four");
        done.push(n);
      }),
    ).rejects.toThrow("four");
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 5, 6, 7]);
    await forEachLimited([], 4, async () => {});
  });
});
