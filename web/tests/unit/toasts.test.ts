import { describe, expect, it } from "vitest";
import { MAX_TRANSIENT_TOASTS, pushToast, TOAST_MS, type ToastMessage } from "@/components/tasks/useToasts";

const transient = (id: number): ToastMessage => ({ id, message: `toast ${id}`, durationMs: TOAST_MS });
const reminder = (id: number): ToastMessage => ({ id, message: `reminder ${id}`, tone: "reminder", durationMs: null });
const ids = (toasts: ToastMessage[]) => toasts.map((t) => t.id);

describe("the toast stack", () => {
  it("pushes out the oldest transient toast beyond the limit", () => {
    const stack = [1, 2, 3].map(transient);
    const { shown, dropped } = pushToast(stack, transient(4));
    expect(ids(shown)).toEqual([2, 3, 4]);
    expect(ids(dropped)).toEqual([1]);
    expect(MAX_TRANSIENT_TOASTS).toBe(3);
  });

  it("never pushes out a reminder, however many arrive, and does not count them against the limit", () => {
    let stack: ToastMessage[] = [];
    for (const id of [1, 2, 3, 4, 5]) stack = pushToast(stack, reminder(id)).shown;
    expect(ids(stack)).toEqual([1, 2, 3, 4, 5]);
    for (const id of [6, 7, 8]) stack = pushToast(stack, transient(id)).shown;
    const { shown, dropped } = pushToast(stack, transient(9));
    expect(ids(shown)).toEqual([1, 2, 3, 4, 5, 7, 8, 9]);
    expect(ids(dropped)).toEqual([6]);
    // A reminder arriving on a full stack pushes nothing out.
    expect(pushToast(shown, reminder(10)).dropped).toEqual([]);
  });
});
