// A timeout that can be held and let go again, keeping the time it has left.
// An Undo toast and the delete waiting behind it run on one each: WCAG 2.2.1
// asks that a time limit wait while the person is reading or reaching it
// (pointer over the toast, keyboard focus in it).

export interface CountdownTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** Milliseconds, for measuring what is left when held. */
  now(): number;
}

export interface Countdown {
  /** Stops the clock; what is left is kept. No effect unless running. */
  hold(): void;
  /** Starts the clock again with what was left. No effect unless held. */
  release(): void;
  /** Never calls back. */
  cancel(): void;
}

const defaultTimers: CountdownTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Calls `onDone` once `ms` of running (not held) time have passed. */
export function startCountdown(ms: number, onDone: () => void, timers: CountdownTimers = defaultTimers): Countdown {
  let state: "running" | "held" | "over" = "running";
  let left = ms;
  let startedAt = timers.now();
  const finish = () => {
    state = "over";
    onDone();
  };
  let handle = timers.set(finish, left);

  return {
    hold() {
      if (state !== "running") return;
      timers.clear(handle);
      left = Math.max(0, left - (timers.now() - startedAt));
      state = "held";
    },
    release() {
      if (state !== "held") return;
      startedAt = timers.now();
      handle = timers.set(finish, left);
      state = "running";
    },
    cancel() {
      if (state === "running") timers.clear(handle);
      state = "over";
    },
  };
}
