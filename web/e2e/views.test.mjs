// End-to-end, the planning features: priorities, tags, dues, repeats,
// reminders, the Today/Upcoming/Overdue/tag views, dark mode, deferred
// deletion with Undo. Same stack as app.test.mjs (see there for what it needs).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addDetailedTask,
  apiFromPage,
  currentUserId,
  eventually,
  expectCounts,
  expectListed,
  expectViewCount,
  listedTitles,
  localDate,
  localDateTimeIn,
  openView,
  seedTasks,
  signUp,
  taskRow,
} from "./support/page-helpers.mjs";
import { person, useStack } from "./support/suite.mjs";

const ada = person("Ada Planner");

describe("Planning: views, priorities, tags, dues, repeats, reminders", { timeout: 240_000 }, () => {
  const env = useStack("views");
  let page;
  let userId;

  const api = (method, path, body) => apiFromPage(page, env.stack.apiUrl, method, `/api/${userId}/tasks${path}`, body);
  const json = async (method, path, body) => {
    const response = await api(method, path, body);
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.body}`);
    return response.body ? JSON.parse(response.body) : null;
  };

  test("a task due today with a tag and high priority is in Today and in the tag's view", async () => {
    // Far from UTC (+14): for ten hours of every day the browser's date is a day
    // ahead of UTC's, so the windows and tz= really matter.
    page = await env.newPage({ timezoneId: "Pacific/Kiritimati" });
    await signUp(page, env.stack.webOrigin, ada);
    userId = await currentUserId(page);

    // t opens Today; n puts the cursor in the new task's title.
    await page.keyboard.press("t");
    await page.getByRole("heading", { level: 2, name: "Today", exact: true }).waitFor();
    assert.match(page.url(), /\/tasks\?view=today$/);
    await page.getByText("Nothing due today").waitFor();
    await page.keyboard.press("n");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("placeholder")), "What needs doing?");
    assert.match(await page.getByTestId("shortcuts").textContent(), /n new task · \/ search · t Today/);

    // In Today a new task is due today unless told otherwise.
    const today = await localDate(page);
    await page.getByTestId("new-task-summary").getByText("Due today").waitFor();
    await addDetailedTask(page, { title: "Pay the electricity bill", priority: "High", tags: ["Bills"] });
    const row = taskRow(page, "Pay the electricity bill");
    await row.waitFor();
    assert.equal(await row.getByTestId("priority").textContent(), "High priority");
    assert.equal(await row.getByTestId("tag").getAttribute("title"), "Show tasks tagged Bills");
    assert.equal(await row.getByTestId("due").locator("time").getAttribute("datetime"), today);
    assert.equal(await row.getByTestId("due").locator("time").innerText(), "Today");
    await expectViewCount(page, "view-count-today", 1);
    await expectViewCount(page, "view-count-tag-bills", 1);

    const [stored] = await json("GET", "?q=electricity");
    assert.deepEqual([stored.priority, stored.tags, stored.due_date, stored.due_at], ["high", ["Bills"], today, null]);

    // The tag's own view, from the navigation and from the task's tag.
    await openView(page, "#Bills");
    assert.match(page.url(), /\/tasks\?tag=Bills$/);
    await expectListed(page, ["Pay the electricity bill"]);
    await openView(page, "All tasks");
    await taskRow(page, "Pay the electricity bill").getByTestId("tag").click();
    await page.getByRole("heading", { level: 2, name: "#Bills" }).waitFor();
    // Back returns to the view before.
    await page.goBack();
    await page.getByRole("heading", { level: 2, name: "All tasks" }).waitFor();
  });

  test("completing a weekly task brings next week's occurrence", async () => {
    await openView(page, "All tasks");
    const today = await localDate(page);
    const nextWeek = await localDate(page, 7);
    await addDetailedTask(page, { title: "Water the plants", due: today, repeat: "Weekly" });
    const rows = taskRow(page, "Water the plants");
    await rows.getByTestId("recurrence").getByText("Every week").waitFor();

    // click, not check(): the checkbox's name changes as it is checked, and a new unchecked twin appears.
    await rows.getByRole("checkbox").click();
    // The next one appears, due in a week, and the toast says so.
    await page.getByTestId("toast").getByText(/^Next “Water the plants” added, due /).waitFor();
    await eventually(async () => (await rows.count()) === 2, "two rows for the repeating task");
    const next = rows.filter({ has: page.getByRole("checkbox", { name: "Mark as done: Water the plants" }) });
    assert.equal(await next.getByTestId("due").locator("time").getAttribute("datetime"), nextWeek);
    await rows.filter({ has: page.getByRole("checkbox", { name: "Mark as not done: Water the plants" }) }).waitFor();

    const stored = await json("GET", "?q=Water&sort=due");
    // The form names the browser's zone in the rule (recurrence.tz), and the next occurrence keeps it.
    const rule = { every: "week", interval: 1, tz: "Pacific/Kiritimati" };
    assert.deepEqual(
      stored.map((t) => [t.due_date, t.completed, t.recurrence]),
      [
        [today, true, rule],
        [nextWeek, false, rule],
      ],
    );
    assert.equal(await next.getAttribute("data-task-id"), String(stored[1].id));
  });

  test("a reminder a few seconds ahead shows up while the app is open", async () => {
    const today = await localDate(page);
    // In the last seconds of a day the reminder would fall after a date-only due.
    const due = (await localDateTimeIn(page, 10)).startsWith(today) ? today : await localDate(page, 1);
    await addDetailedTask(page, {
      title: "Stretch your legs",
      due,
      reminder: "Custom date and time",
      reminderAt: await localDateTimeIn(page, 4),
    });
    await taskRow(page, "Stretch your legs").getByTestId("reminder").waitFor();
    // Headless Chromium has not granted notifications, so the page shows it.
    const reminder = page.getByRole("alert").getByTestId("reminder-toast");
    await reminder.getByText("Stretch your legs").waitFor({ timeout: 20_000 });
    await env.screenshot(page, "reminder");
    await reminder.getByRole("button", { name: "Dismiss" }).click();
    await reminder.waitFor({ state: "detached" });
  });

  test("Upcoming groups the week by day; Overdue holds what is past, labelled so", async () => {
    const [yesterday, inThree, inTen] = [await localDate(page, -1), await localDate(page, 3), await localDate(page, 10)];
    await seedTasks(page, env.stack.apiUrl, [
      { title: "Return the library books", due_date: yesterday, priority: "medium" },
      { title: "Dentist", due_date: inThree, tags: ["Health"] },
      { title: "Renew the passport", due_date: inTen },
    ]);
    await page.reload();
    await expectViewCount(page, "view-count-overdue", 1);

    await openView(page, "Upcoming");
    const days = page.getByTestId("upcoming-day");
    await eventually(async () => (await days.count()) === 7, "seven days in Upcoming");
    assert.equal(await days.first().getAttribute("data-date"), await localDate(page));
    const dentistDay = days.filter({ has: page.getByText("Dentist", { exact: true }) });
    assert.equal(await dentistDay.getAttribute("data-date"), inThree);
    assert.equal(await page.getByText("Renew the passport").count(), 0, "ten days out is not upcoming");
    assert.equal(await page.getByLabel("Sort", { exact: true }).count(), 0, "Upcoming is always in due order");

    await openView(page, "Overdue");
    await expectListed(page, ["Return the library books"]);
    const overdue = taskRow(page, "Return the library books");
    assert.equal(await overdue.getByTestId("overdue").innerText(), "Overdue");
    assert.equal(await overdue.getAttribute("data-overdue"), "true");
  });

  test("All sorts by due (no due last) and by priority (high first)", async () => {
    await openView(page, "All tasks");
    await page.getByLabel("Search tasks").fill("sorting");
    const [d1, d2, d5] = [await localDate(page, 1), await localDate(page, 2), await localDate(page, 5)];
    await seedTasks(page, env.stack.apiUrl, [
      { title: "sorting A", priority: "low", due_date: d2 },
      { title: "sorting B", priority: "high", due_date: d5 },
      { title: "sorting C" },
      { title: "sorting D", priority: "medium", due_date: d1 },
    ]);
    const sort = page.getByLabel("Sort", { exact: true });
    await sort.selectOption({ label: "Priority" });
    await expectListed(page, ["sorting B", "sorting D", "sorting A", "sorting C"], { ordered: true });
    await sort.selectOption({ label: "Due date" });
    await expectListed(page, ["sorting D", "sorting A", "sorting B", "sorting C"], { ordered: true });
    await sort.selectOption({ label: "Newest first" });
    await page.getByLabel("Search tasks").fill("");
  });

  test("delete and Undo bring back the very same task; without Undo it is deleted for good", async () => {
    await openView(page, "All tasks");
    const [kept] = await seedTasks(page, env.stack.apiUrl, [{ title: "Keep me", priority: "low", tags: ["Home"] }]);
    const [gone] = await seedTasks(page, env.stack.apiUrl, [{ title: "Throw me away" }]);
    await page.reload();
    await taskRow(page, "Keep me").waitFor();

    await page.getByRole("button", { name: "Delete: Keep me" }).click();
    await taskRow(page, "Keep me").waitFor({ state: "detached" });
    await page.getByTestId("toast").filter({ hasText: "Deleted “Keep me”" }).getByRole("button", { name: "Undo" }).click();
    await taskRow(page, "Keep me").waitFor();
    assert.equal(await taskRow(page, "Keep me").getAttribute("data-task-id"), String(kept.id));

    await page.getByRole("button", { name: "Delete: Throw me away" }).click();
    await taskRow(page, "Throw me away").waitFor({ state: "detached" });
    // The DELETE goes out when the Undo window closes.
    await eventually(async () => (await api("GET", `/${gone.id}`)).status === 404, "the delete to be sent", 15_000);
    // By now the first task's window is long over: Undo really kept it.
    const same = await json("GET", `/${kept.id}`);
    assert.deepEqual([same.id, same.created_at, same.tags], [kept.id, kept.created_at, ["Home"]]);
  });

  test("a delete still waiting for its Undo window is sent when the page goes away", async () => {
    const [task] = await seedTasks(page, env.stack.apiUrl, [{ title: "Leave with the tab" }]);
    await page.reload();
    await page.getByRole("button", { name: "Delete: Leave with the tab" }).click();
    await taskRow(page, "Leave with the tab").waitFor({ state: "detached" });
    await page.reload(); // well within the 6 s window
    await eventually(async () => (await api("GET", `/${task.id}`)).status === 404, "the flushed delete", 5_000);
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
    assert.equal(await taskRow(page, "Leave with the tab").count(), 0);
  });

  test("Clear completed finds every completed task, Undo restores them all, and then they go", async () => {
    // More than one page of the API's largest limit (200), nearly all off screen.
    const many = Array.from({ length: 205 }, (_, i) => ({ title: `Done ${String(i + 1).padStart(3, "0")}`, completed: true }));
    await seedTasks(page, env.stack.apiUrl, many);
    await page.reload();
    const completedIds = async () => {
      const first = await json("GET", "?status=completed&limit=200&sort=created&order=asc");
      const second = await json("GET", "?status=completed&limit=200&offset=200&sort=created&order=asc");
      return [...first, ...second].map((t) => t.id);
    };
    const before = await completedIds();
    assert.ok(before.length >= 206, `expected 206 completed tasks, got ${before.length}`);
    const pending = (await json("GET", "?status=pending&limit=200")).length;
    await expectCounts(page, { all: before.length + pending, pending, completed: before.length });

    await page.getByRole("button", { name: "Clear completed" }).click();
    const toast = page.getByTestId("toast").filter({ hasText: `Cleared ${before.length} completed tasks` });
    await toast.waitFor();
    await expectCounts(page, { all: pending, pending, completed: 0 });
    assert.ok((await listedTitles(page)).every((title) => !title.startsWith("Done ")));

    await toast.getByRole("button", { name: "Undo" }).click();
    await expectCounts(page, { all: before.length + pending, pending, completed: before.length });
    assert.deepEqual(await completedIds(), before, "the same tasks, by id");

    await page.getByRole("button", { name: "Clear completed" }).click();
    await page.getByTestId("toast").filter({ hasText: "Cleared" }).waitFor();
    await eventually(async () => (await completedIds()).length === 0, "every completed task deleted", 20_000);
    assert.equal((await json("GET", "?status=pending&limit=200")).length, pending, "pending tasks untouched");
    await expectCounts(page, { all: pending, pending, completed: 0 });
  });

  test("dark mode: a toggle that persists, applied before the first paint", async () => {
    const html = page.locator("html");
    await page.getByRole("button", { name: "Dark theme" }).click();
    await eventually(async () => (await html.getAttribute("class"))?.includes("dark"), "the dark class");
    // What <html> says when <body> first appears, i.e. before anything is painted.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.body) return;
        window.__darkAtFirstPaint = document.documentElement.classList.contains("dark");
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    assert.equal(await page.evaluate(() => window.__darkAtFirstPaint), true);
    const darkButton = page.getByRole("button", { name: "Dark theme" });
    await eventually(async () => (await darkButton.getAttribute("aria-pressed")) === "true", "the toggle to show Dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(background, "rgb(248, 250, 252)", "not the light background");
    await env.screenshot(page, "dark-all");

    // "System" follows the operating system's setting.
    await page.getByRole("button", { name: "System theme" }).click();
    await page.emulateMedia({ colorScheme: "light" });
    await eventually(async () => !(await html.getAttribute("class"))?.includes("dark"), "light with a light system");
    await page.emulateMedia({ colorScheme: "dark" });
    await eventually(async () => (await html.getAttribute("class"))?.includes("dark"), "dark with a dark system");
    await page.getByRole("button", { name: "Light theme" }).click();
    await page.reload();
    assert.equal(await page.evaluate(() => window.__darkAtFirstPaint), false);
    await page.context().close();
  });
});
