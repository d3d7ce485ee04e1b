import { describe, expect, it } from "vitest";
import {
  addDays,
  dateAt,
  daysBetween,
  formatLocalDateTime,
  instantOf,
  parseDate,
  parseLocalDateTime,
  parseTime,
  startOfDate,
} from "@/lib/dates/zoned";

const iso = (ms: number) => new Date(ms).toISOString();

describe("calendar arithmetic in a time zone", () => {
  it("starts a date where the API does: 2026-12-04 in Paris is 2026-12-03T23:00Z", () => {
    expect(iso(startOfDate({ year: 2026, month: 12, day: 4 }, "Europe/Paris"))).toBe("2026-12-03T23:00:00.000Z");
    expect(iso(startOfDate({ year: 2026, month: 12, day: 4 }, "Pacific/Auckland"))).toBe("2026-12-03T11:00:00.000Z");
    expect(iso(startOfDate({ year: 2026, month: 12, day: 4 }, "America/Los_Angeles"))).toBe("2026-12-04T08:00:00.000Z");
    expect(iso(startOfDate({ year: 1, month: 1, day: 1 }, "UTC"))).toBe("0001-01-01T00:00:00.000Z");
  });

  it("copes with the days the clocks change", () => {
    // Paris springs forward at 02:00 on 29 March 2026: that day has 23 hours.
    const start = startOfDate({ year: 2026, month: 3, day: 29 }, "Europe/Paris");
    const next = startOfDate({ year: 2026, month: 3, day: 30 }, "Europe/Paris");
    expect((next - start) / 3_600_000).toBe(23);
    // Santiago skips midnight itself (00:00 → 01:00 on 6 September 2026): the day starts at 01:00.
    expect(iso(startOfDate({ year: 2026, month: 9, day: 6 }, "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
    // A wall time inside the gap moves forward, as JavaScript's Date does.
    expect(iso(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, "Europe/Paris"))).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });

  it("reads the date of an instant in a zone", () => {
    const instant = Date.parse("2026-12-03T23:30:00Z");
    expect(dateAt(instant, "Europe/Paris")).toEqual({ year: 2026, month: 12, day: 4 });
    expect(dateAt(instant, "UTC")).toEqual({ year: 2026, month: 12, day: 3 });
  });

  it("adds and counts calendar days across months, years and leap days", () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(daysBetween({ year: 2026, month: 12, day: 2 }, { year: 2026, month: 12, day: 9 })).toBe(7);
    expect(daysBetween({ year: 2026, month: 12, day: 2 }, { year: 2026, month: 11, day: 30 })).toBe(-2);
  });

  it("parses only real dates and times", () => {
    expect(parseDate("2026-02-29")).toBeNull();
    expect(parseDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate("26-1-1")).toBeNull();
    expect(parseTime("24:00")).toBeNull();
    expect(parseTime("17:05:30")).toEqual([17, 5, 30]);
  });

  it("round-trips datetime-local values in a zone", () => {
    const instant = parseLocalDateTime("2026-12-04T09:30", "Europe/Paris");
    expect(iso(instant ?? 0)).toBe("2026-12-04T08:30:00.000Z");
    expect(formatLocalDateTime(instant ?? 0, "Europe/Paris")).toBe("2026-12-04T09:30");
    expect(formatLocalDateTime(Date.parse("2026-12-04T08:30:15Z"), "Europe/Paris")).toBe("2026-12-04T09:30:15");
    expect(parseLocalDateTime("2026-12-04", "Europe/Paris")).toBeNull();
  });
});
