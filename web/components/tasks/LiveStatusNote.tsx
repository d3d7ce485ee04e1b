"use client";
import type { LiveStatus } from "@/lib/api/live-connection";

/**
 * Says so when changes from other tabs and devices are not arriving (the
 * stream is reconnecting); silent otherwise. `data-state` lets tests wait
 * until the stream is live.
 */
export function LiveStatusNote({ status }: { status: LiveStatus }) {
  return (
    <span data-testid="live-status" data-state={status} className="ml-2 text-xs">
      {status === "retrying" && "· Live updates paused, reconnecting…"}
    </span>
  );
}
