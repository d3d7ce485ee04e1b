"use client";
// Lets reminders use the system's notifications. Until the person allows
// them (or when they refuse), reminders appear as toasts in the page.
import { useState, useSyncExternalStore } from "react";
import { askForNotifications, notificationState, subscribeNotificationState } from "./notifications";

export function NotificationsToggle() {
  const state = useSyncExternalStore(subscribeNotificationState, notificationState, () => "unsupported" as const);
  const [asking, setAsking] = useState(false);

  if (state === "unsupported") return null;
  if (state === "granted") return <p className="text-xs text-ink-muted">Reminders use system notifications.</p>;
  if (state === "denied") {
    return <p className="text-xs text-ink-muted">Notifications are blocked; reminders show here in the page.</p>;
  }
  return (
    <button
      type="button"
      className="btn-ghost px-2 py-1 text-xs"
      disabled={asking}
      onClick={() => {
        setAsking(true);
        void askForNotifications().finally(() => setAsking(false));
      }}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
        <path d="M10 2a5 5 0 0 0-5 5v3.3L3.5 13v1.5h13V13L15 10.3V7a5 5 0 0 0-5-5zm-2 14h4a2 2 0 0 1-4 0z" />
      </svg>
      Turn on notifications for reminders
    </button>
  );
}
