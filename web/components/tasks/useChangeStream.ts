"use client";
// One change stream per tab while the tasks page is open (see
// lib/api/live-connection.ts). A tab hidden for a while lets its stream go,
// since the API allows only a few per person and a phone's background tab
// should not hold one; coming back reconnects, and every connect reloads.
// A short hide (switching tabs for a moment) keeps it, to save that reload.
import { useEffect, useRef, useState } from "react";
import type { TaskApi } from "@/lib/api/client";
import { readChangeStream } from "@/lib/api/change-stream";
import { startLiveConnection, type LiveStatus } from "@/lib/api/live-connection";
import type { TaskChange } from "@/lib/api/types";

/** How long a hidden tab keeps its stream. */
export const HIDDEN_GRACE_MS = 60_000;

export interface ChangeStreamHandlers {
  /** Connected (again): reload the list and the counts. */
  onOpen: () => void;
  onChange: (change: TaskChange) => void;
  onSignedOut: () => void;
}

export function useChangeStream(api: TaskApi, handlers: ChangeStreamHandlers, enabled = true): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let connection: { stop: () => void } | null = null;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;

    const start = () => {
      if (connection) return;
      connection = startLiveConnection({
        read: (options) => readChangeStream({ ...options, url: api.stream.url }),
        token: (force) => api.stream.token(force),
        onOpen: () => latest.current.onOpen(),
        onChange: (change) => latest.current.onChange(change),
        onSignedOut: () => latest.current.onSignedOut(),
        onStatus: setStatus,
      });
    };
    const stop = () => {
      connection?.stop();
      connection = null;
    };
    const onVisibility = () => {
      clearTimeout(hideTimer);
      if (document.visibilityState === "hidden") hideTimer = setTimeout(stop, HIDDEN_GRACE_MS);
      else start();
    };

    start();
    if (document.visibilityState === "hidden") hideTimer = setTimeout(stop, HIDDEN_GRACE_MS);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimeout(hideTimer);
      stop();
    };
  }, [api, enabled]);

  return status;
}
