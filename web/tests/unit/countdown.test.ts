import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startCountdown } from "@/lib/countdown";

describe("a countdown that can be held", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("calls back once its time has run, not counting the time it was held", () => {
    const done = vi.fn();
    const countdown = startCountdown(6000, done);
    vi.advanceTimersByTime(1000);
    countdown.hold();
    vi.advanceTimersByTime(30_000);
    expect(done).not.toHaveBeenCalled();
    countdown.release();
    vi.advanceTimersByTime(4999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledTimes(1);
    countdown.release(); // over: nothing to restart
    vi.advanceTimersByTime(60_000);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it("keeps counting when let go without being held, and never calls back once cancelled", () => {
    const done = vi.fn();
    const countdown = startCountdown(1000, done);
    countdown.release();
    vi.advanceTimersByTime(600);
    countdown.hold();
    countdown.cancel();
    countdown.release();
    vi.advanceTimersByTime(10_000);
    expect(done).not.toHaveBeenCalled();
  });
});
