import { describe, expect, it, vi } from "vitest";
import { listAll } from "@/lib/api/list-all";
import type { ListParams } from "@/lib/api/types";
import { makeTask } from "./helpers";

describe("listAll", () => {
  it("pages with the largest limit until every matching task is in", async () => {
    const everything = Array.from({ length: 450 }, (_, i) => makeTask({ id: i + 1, completed: true }));
    const list = vi.fn(async (params: ListParams = {}) => {
      const offset = params.offset ?? 0;
      return { tasks: everything.slice(offset, offset + (params.limit ?? 100)), total: everything.length };
    });
    const tasks = await listAll({ list }, { status: "completed" });
    expect(tasks).toHaveLength(450);
    expect(list.mock.calls.map(([p]) => [p?.offset, p?.limit, p?.status])).toEqual([
      [0, 200, "completed"],
      [200, 200, "completed"],
      [400, 200, "completed"],
    ]);
  });

  it("stops on a short page, and drops a task seen twice when the list shifted under it", async () => {
    const list = vi
      .fn()
      .mockResolvedValueOnce({ tasks: [makeTask({ id: 1 }), makeTask({ id: 2 })], total: 5 })
      .mockResolvedValueOnce({ tasks: [makeTask({ id: 2 })], total: 5 });
    expect((await listAll({ list }, {}, 2)).map((t) => t.id)).toEqual([1, 2]);
    expect(list).toHaveBeenCalledTimes(2);
  });
});
