"use client";
// How a reminder reaches the person: a system notification when they allowed
// it, else a toast in the page that stays until dismissed.
import { useCallback } from "react";
import type { Task } from "@/lib/api/types";
import { dueText } from "@/lib/tasks/labels";
import { reminderKey } from "@/lib/tasks/reminders";
import type { DayWindows } from "@/lib/tasks/views";
import { notify } from "./notifications";
import type { ToastInput } from "./useToasts";

export function useReminderAlerts(windows: DayWindows, showToast: (toast: ToastInput) => number) {
  return useCallback(
    (task: Task) => {
      const due = dueText(task, windows.today, windows.timeZone);
      const detail = due ? `Due ${due.text}` : undefined;
      if (notify(`Reminder: ${task.title}`, detail ?? "", reminderKey(task))) return;
      showToast({ message: task.title, detail, tone: "reminder", durationMs: null });
    },
    [windows, showToast],
  );
}
