"use client";
// "Now" for the page: a tick every 30 s for labels such as "Overdue" on a
// task due at 10:00, and the day windows in the browser's zone, which roll
// over with the first tick after midnight while the app stays open.
import { useEffect, useMemo, useState } from "react";
import { browserTimeZone, dateAt, formatDate, parseDate, type CivilDate } from "@/lib/dates/zoned";
import { windowsOfDay, type DayWindows } from "@/lib/tasks/views";

const TICK_MS = 30_000;

export function useClock(): { now: number; windows: DayWindows } {
  const [now, setNow] = useState(() => Date.now());
  const [timeZone] = useState(browserTimeZone);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  const today = formatDate(dateAt(now, timeZone));
  // Keyed on the date, so the windows (and every list query) change once a day, not every tick.
  const windows = useMemo(() => windowsOfDay(parseDate(today) as CivilDate, timeZone), [today, timeZone]);
  return { now, windows };
}
