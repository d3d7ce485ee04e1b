import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeletionQueue, forEachLimited } from "@/lib/tasks/deletion-queue";
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

  it("shows the tasks again and reports when the delete failed", async () => {
    const failure = new Error("offline");
    const { queue, onError } = setup(vi.fn(async () => Promise.reject(failure)));
    queue.schedule([a]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(onError).toHaveBeenCalledWith(failure, [a]);
    expect(queue.hidden()).toEqual([]);
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
