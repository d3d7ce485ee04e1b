// Calendar arithmetic in an IANA time zone, with nothing but Intl. The
// browser's zone decides what "today" is, and the API counts a date-only due
// as the start of that date in the zone we send as `tz=`; both sides must agree
// on where a day starts, including on days when the clocks change.

/** A calendar date; `month` is 1 to 12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The zone the browser is in; UTC when the engine cannot say (ICU answers
 * `Etc/Unknown` when the system's zone is not one it knows). */
export function browserTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== "Etc/Unknown" ? zone : "UTC";
  } catch {
    return "UTC";
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in `timeZone` shows at `instant` (ms since the epoch). */
export function wallTime(instant: number, timeZone: string): WallTime {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    // Some engines still write midnight as 24 under h23.
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** The zone's offset from UTC at `instant`, in ms (Paris in winter: +3 600 000). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallTime(whole, timeZone)) - whole;
}

/**
 * The instant at which `timeZone`'s clocks show `wall`. A time skipped by a
 * spring-forward gap resolves to the moment the clocks jumped past it (so the
 * start of a day that begins at 01:00 is that 01:00); a time repeated in the
 * autumn resolves to one of its two instants.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const target = wallAsUtc(wall);
  const first = target - offsetAt(target - offsetAt(target, timeZone), timeZone);
  if (wallAsUtc(wallTime(first, timeZone)) === target) return first;
  const second = target - offsetAt(first, timeZone);
  if (wallAsUtc(wallTime(second, timeZone)) === target) return second;
  return Math.max(first, second);
}

/** The first instant of `date` in `timeZone`. */
export function startOfDate(date: CivilDate, timeZone: string): number {
  return instantOf({ ...date, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The calendar date in `timeZone` at `instant`. */
export function dateAt(instant: number, timeZone: string): CivilDate {
  const { year, month, day } = wallTime(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = new Date(wallAsUtc({ ...date, hour: 12, minute: 0, second: 0 }) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  const noon = (d: CivilDate) => wallAsUtc({ ...d, hour: 12, minute: 0, second: 0 });
  return Math.round((noon(to) - noon(from)) / DAY_MS);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "2026-12-04". */
export function formatDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** "2026-12-04" → a date; null when it is not a real date. */
export function parseDate(text: string): CivilDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1) return null;
  return formatDate(addDays(date, 0)) === text ? date : null;
}

/** "17:05" or "17:05:30" → [hour, minute, second]; null when malformed. */
export function parseTime(text: string): [number, number, number] | null {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  if (!match) return null;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 ? [hour, minute, second] : null;
}

/** The value of an `<input type="time">` for `instant` in `timeZone`: "17:05", or "17:05:30". */
export function formatTime(instant: number, timeZone: string): string {
  const { hour, minute, second } = wallTime(instant, timeZone);
  return second ? `${pad(hour)}:${pad(minute)}:${pad(second)}` : `${pad(hour)}:${pad(minute)}`;
}

/** "2026-12-04T17:05" (an `<input type="datetime-local">` value) in `timeZone` → an instant. */
export function parseLocalDateTime(text: string, timeZone: string): number | null {
  const [datePart, timePart] = text.split("T");
  const date = parseDate(datePart ?? "");
  const time = parseTime(timePart ?? "");
  if (!date || !time) return null;
  const [hour, minute, second] = time;
  return instantOf({ ...date, hour, minute, second }, timeZone);
}

/** The `<input type="datetime-local">` value showing `instant` in `timeZone`. */
export function formatLocalDateTime(instant: number, timeZone: string): string {
  return `${formatDate(dateAt(instant, timeZone))}T${formatTime(instant, timeZone)}`;
}

/** RFC 3339 in UTC, as the API's list parameters take it. */
export function isoInstant(instant: number): string {
  return new Date(instant).toISOString();
}
