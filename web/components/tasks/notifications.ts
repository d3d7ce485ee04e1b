"use client";
// The browser's notification permission as an external store, so the
// "Turn on notifications" button and the reminders agree on it.
export type NotificationState = "unsupported" | NotificationPermission;

const listeners = new Set<() => void>();

export function notificationState(): NotificationState {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

export function subscribeNotificationState(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export async function askForNotifications(): Promise<void> {
  if (notificationState() === "unsupported") return;
  try {
    await Notification.requestPermission();
  } finally {
    for (const listener of listeners) listener();
  }
}

/**
 * Shows a system notification when allowed; false when it could not (no
 * permission, or a browser that only notifies from a service worker).
 */
export function notify(title: string, body: string, tag: string): boolean {
  if (notificationState() !== "granted") return false;
  try {
    new Notification(title, { body, tag });
    return true;
  } catch {
    return false;
  }
}
