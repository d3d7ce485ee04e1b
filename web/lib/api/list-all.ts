// Every task matching a query, page by page at the API's largest limit: for
// work that must see all of them ("Clear completed"), not just those on screen.
import type { TaskApi } from "./client";
import type { ListParams, Task } from "./types";

export const LIST_ALL_PAGE = 200;

export async function listAll(api: Pick<TaskApi, "list">, params: ListParams, pageSize = LIST_ALL_PAGE): Promise<Task[]> {
  const tasks: Task[] = [];
  const seen = new Set<number>();
  for (let offset = 0; ; offset += pageSize) {
    const page = await api.list({ ...params, limit: pageSize, offset });
    for (const task of page.tasks) {
      if (!seen.has(task.id)) {
        seen.add(task.id);
        tasks.push(task);
      }
    }
    if (page.tasks.length < pageSize || offset + pageSize >= page.total) return tasks;
  }
}
