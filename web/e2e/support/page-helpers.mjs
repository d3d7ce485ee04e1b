// Small helpers for driving the app like a person would: by labels and roles.
import assert from "node:assert/strict";

/** Retries `check` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually(check, description, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for: ${description} (last: ${last})`);
}

/** The list row showing a task with exactly this title. */
export function taskRow(page, title) {
  return page.getByTestId("task").filter({ has: page.getByText(title, { exact: true }) });
}

/** Titles of the rows currently listed, top to bottom. */
export async function listedTitles(page) {
  return page.getByTestId("task").locator("p.font-medium").allTextContents();
}

export async function signUp(page, origin, { name, email, password }) {
  await page.goto(`${origin}/sign-up`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/tasks");
  await page.getByRole("heading", { name: "My tasks" }).waitFor();
}

export async function signIn(page, origin, { email, password }) {
  if (!page.url().includes("/sign-in")) await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in**");
}

/** Adds a task through the form (Enter submits) and waits for its row. */
export async function addTask(page, title, description) {
  const titleInput = page.getByLabel("Task title");
  await titleInput.fill(title);
  if (description) {
    await page.getByRole("button", { name: "Add details" }).click();
    await page.getByRole("form", { name: "Add a task" }).getByLabel("Description").fill(description);
  }
  await titleInput.press("Enter");
  await taskRow(page, title).waitFor();
  await eventually(async () => (await titleInput.inputValue()) === "", "the task form to clear");
}

/** The per-status counts shown on the filter buttons. */
export async function counts(page) {
  const read = async (name) => Number(await page.getByTestId(`count-${name}`).textContent());
  return { all: await read("all"), pending: await read("pending"), completed: await read("completed") };
}

export async function expectCounts(page, expected) {
  await eventually(async () => {
    const actual = await counts(page);
    return JSON.stringify(actual) === JSON.stringify(expected) && actual;
  }, `counts ${JSON.stringify(expected)}`);
}

/** Waits for the list to show exactly `titles` (in any order unless `ordered`). */
export async function expectListed(page, titles, { ordered = false } = {}) {
  const want = ordered ? [...titles] : [...titles].sort();
  await eventually(async () => {
    const got = await listedTitles(page);
    const have = ordered ? got : [...got].sort();
    return JSON.stringify(have) === JSON.stringify(want);
  }, `tasks listed: ${JSON.stringify(want)}`);
}

export async function search(page, text) {
  await page.getByLabel("Search tasks").fill(text);
}

export async function filter(page, label) {
  await page.getByRole("group", { name: "Show tasks" }).getByRole("button", { name: new RegExp(`^${label}`) }).click();
}

/** Calls the Todo API from the page, the way the app does (token from Better Auth). */
export async function apiFromPage(page, apiUrl, method, path, body) {
  return page.evaluate(
    async ({ apiUrl, method, path, body }) => {
      const { token } = await (await fetch("/api/auth/token")).json();
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: await response.text() };
    },
    { apiUrl, method, path, body },
  );
}

export async function currentUserId(page) {
  return page.evaluate(async () => (await (await fetch("/api/auth/get-session")).json()).user.id);
}

/** Today (plus `days`) in the browser's zone, as YYYY-MM-DD. */
export async function localDate(page, days = 0) {
  return page.evaluate((days) => {
    const date = new Date();
    date.setDate(date.getDate() + days);
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }, days);
}

/** A datetime-local value (with seconds) `seconds` from now, in the browser's zone. */
export async function localDateTimeIn(page, seconds) {
  return page.evaluate((seconds) => {
    const date = new Date(Date.now() + seconds * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, seconds);
}

/** Opens a view from the navigation ("Today", "Upcoming", "Overdue", "All tasks", "#tag"). */
export async function openView(page, label) {
  const link = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: new RegExp(`^${escapeRegExp(label)}(\\s|$)`) });
  await link.click();
  await page.getByRole("heading", { level: 2, name: label, exact: true }).waitFor();
}

/** The count shown beside a view in the navigation. */
export async function viewCount(page, testId) {
  return Number(await page.getByTestId(testId).textContent());
}

export async function expectViewCount(page, testId, expected) {
  await eventually(async () => (await viewCount(page, testId)) === expected, `${testId} = ${expected}`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Fills the add form, details included, and submits it. `due` is a
 * YYYY-MM-DD date; `time`, `repeat` ("Weekly"...), `priority` ("High"...),
 * `tags`, `reminder` (a menu label) and `reminderAt` are optional.
 */
export async function addDetailedTask(page, task) {
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByLabel("Task title").fill(task.title);
  if ((await form.getByRole("button", { name: "Add details" }).count()) > 0) {
    await form.getByRole("button", { name: "Add details" }).click();
  }
  if (task.priority) await form.getByLabel("Priority").selectOption({ label: task.priority });
  if (task.due !== undefined) await form.getByLabel("Due date").fill(task.due);
  if (task.time) await form.getByLabel("Due time").fill(task.time);
  if (task.repeat) await form.getByLabel("Repeat", { exact: true }).selectOption({ label: task.repeat });
  if (task.reminder) await form.getByLabel("Reminder", { exact: true }).selectOption({ label: task.reminder });
  if (task.reminderAt) await form.getByLabel("Reminder date and time").fill(task.reminderAt);
  for (const tag of task.tags ?? []) {
    await form.getByLabel("Tags").fill(tag);
    await form.getByLabel("Tags").press("Enter");
    await form.getByTestId("tag-chip").filter({ hasText: tag }).waitFor();
  }
  await form.getByRole("button", { name: "Add task" }).click();
  await eventually(async () => (await form.getByLabel("Task title").inputValue()) === "", "the task form to clear");
}

/** Creates tasks straight through the API (many at once, a few in flight at a time). */
export async function seedTasks(page, apiUrl, tasks) {
  return page.evaluate(
    async ({ apiUrl, tasks }) => {
      const { token } = await (await fetch("/api/auth/token")).json();
      const { user } = await (await fetch("/api/auth/get-session")).json();
      const created = [];
      for (let i = 0; i < tasks.length; i += 10) {
        const batch = await Promise.all(
          tasks.slice(i, i + 10).map(async (body) => {
            const response = await fetch(`${apiUrl}/api/${user.id}/tasks`, {
              method: "POST",
              headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
              body: JSON.stringify(body),
            });
            if (response.status !== 201) throw new Error(`seeding ${body.title}: ${response.status} ${await response.text()}`);
            return response.json();
          }),
        );
        created.push(...batch);
      }
      return created;
    },
    { apiUrl, tasks },
  );
}
