// End-to-end, the safeguards for what people type and decide when things
// overlap: an editor opened while another task saves, typing while a task is
// being added, a double click on a repeating task, an Undo toast under the
// pointer, a tab closed while deletes wait; and what must hold across views:
// reminders of tasks off screen, single-key shortcuts, the logo, a tag's
// counts. Same stack as app.test.mjs (see there for what it needs).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiFromPage, currentUserId, eventually, expectCounts, localDate, openView, seedTasks, signUp, taskRow } from "./support/page-helpers.mjs";
import { person, useStack } from "./support/suite.mjs";

const lin = person("Lin Careful");

/**
 * Holds back the page's first `method` request to an API path ending in
 * `pathEnd` until `release()`, so the test can act while it is on its way.
 */
async function holdFirst(page, method, pathEnd) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let held = false;
  await page.route(
    (url) => url.pathname.endsWith(pathEnd),
    async (route) => {
      if (held || route.request().method() !== method) return route.fallback();
      held = true;
      await released;
      await route.fallback();
    },
  );
  return { release: () => release() };
}

const heading = (page, name) => page.getByRole("heading", { level: 2, name, exact: true });

describe("Safeguards: overlapping actions, reminders off screen, shortcuts", { timeout: 180_000 }, () => {
  const env = useStack("safeguards");
  let page;
  let userId;

  const json = async (method, path, body) => {
    const response = await apiFromPage(page, env.stack.apiUrl, method, `/api/${userId}/tasks${path}`, body);
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.body}`);
    return response.body ? JSON.parse(response.body) : null;
  };

  test("saving one task leaves the editor opened meanwhile on another one, and what is typed there", async () => {
    page = await env.newPage();
    await signUp(page, env.stack.webOrigin, lin);
    userId = await currentUserId(page);
    const [alpha] = await seedTasks(page, env.stack.apiUrl, [{ title: "Alpha" }, { title: "Bravo" }]);
    await page.reload();

    const save = await holdFirst(page, "PUT", `/tasks/${alpha.id}`);
    await page.getByRole("button", { name: "Edit: Alpha" }).click();
    const alphaEditor = page.getByRole("form", { name: "Edit task: Alpha" });
    await alphaEditor.getByLabel("Title").fill("Alpha, renamed");
    await alphaEditor.getByRole("button", { name: "Save" }).click();
    await alphaEditor.getByRole("button", { name: "Saving…" }).waitFor();

    await page.getByRole("button", { name: "Edit: Bravo" }).click();
    const bravoEditor = page.getByRole("form", { name: "Edit task: Bravo" });
    await bravoEditor.waitFor();
    // The editor just opened keeps the focus (the one closing does not take it back).
    await eventually(
      async () => (await page.evaluate(() => document.activeElement?.closest("form")?.getAttribute("aria-label"))) === "Edit task: Bravo",
      "focus in Bravo's editor",
    );
    await bravoEditor.getByLabel("Title").fill("Bravo, half typed");
    save.release();
    await taskRow(page, "Alpha, renamed").waitFor();
    await page.waitForTimeout(300); // what followed the save has settled
    assert.equal(await bravoEditor.getByLabel("Title").inputValue(), "Bravo, half typed");
    await bravoEditor.getByRole("button", { name: "Cancel" }).click();
    await taskRow(page, "Bravo").waitFor();
  });

  test("what is typed while a task is being added stays, and a view change keeps the details", async () => {
    const create = await holdFirst(page, "POST", "/tasks");
    const form = page.getByRole("form", { name: "Add a task" });
    const title = form.getByLabel("Task title");
    await title.fill("First errand");
    await title.press("Enter");
    await form.getByRole("button", { name: "Adding…" }).waitFor();
    await title.fill("Second errand");
    create.release();
    await taskRow(page, "First errand").waitFor();
    await form.getByRole("button", { name: "Add task" }).waitFor();
    assert.equal(await title.inputValue(), "Second errand");

    await title.fill("");
    await form.getByRole("button", { name: "Add details" }).click();
    await form.getByLabel("Description").fill("the blue folder");
    await openView(page, "Today");
    assert.equal(await form.getByLabel("Description").inputValue(), "the blue folder");
    await openView(page, "All tasks");
    await form.getByLabel("Description").fill("");
    await form.getByRole("button", { name: "Hide details" }).click();
  });

  test("a double click on a repeating task's checkbox completes it once, with one next occurrence", async () => {
    const [daily] = await seedTasks(page, env.stack.apiUrl, [
      { title: "Daily stretch", due_date: await localDate(page), recurrence: { every: "day", interval: 1 } },
    ]);
    await page.reload();
    const complete = await holdFirst(page, "PATCH", `/tasks/${daily.id}/complete`);
    await page.getByRole("checkbox", { name: "Mark as done: Daily stretch" }).dblclick();
    complete.release();
    await page.getByTestId("toast").getByText(/^Next “Daily stretch” added/).waitFor();
    await page.waitForTimeout(500); // room for a second request, were one sent
    const copies = await json("GET", "?q=Daily%20stretch&sort=created&order=asc");
    assert.deepEqual(
      copies.map((t) => [t.id === daily.id, t.completed]),
      [
        [true, true],
        [false, false],
      ],
    );
  });

  test("the Undo toast and its delete wait while the pointer is over the toast", async () => {
    const [kept] = await seedTasks(page, env.stack.apiUrl, [{ title: "Hover to keep" }]);
    await page.reload();
    await page.getByRole("button", { name: "Delete: Hover to keep" }).click();
    const toast = page.getByTestId("toast").filter({ hasText: "Deleted “Hover to keep”" });
    await toast.hover();
    await page.waitForTimeout(7_000); // longer than the 6 s window
    assert.equal((await apiFromPage(page, env.stack.apiUrl, "GET", `/api/${userId}/tasks/${kept.id}`)).status, 200);
    await toast.getByRole("button", { name: "Undo" }).click();
    await taskRow(page, "Hover to keep").waitFor();
    await page.mouse.move(0, 0);
    assert.equal(await page.getByText("Too late: that was already deleted.").count(), 0);
  });

  test("closing the tab right after Clear completed still deletes every task of the batch", async () => {
    // Far more than were ever sent in parallel, all in one batch.
    const done = Array.from({ length: 30 }, (_, i) => ({ title: `Flush ${i + 1}`, completed: true }));
    await seedTasks(page, env.stack.apiUrl, done);
    const tab = await page.context().newPage();
    await tab.goto(`${env.stack.webOrigin}/tasks`);
    await tab.getByRole("button", { name: "Clear completed" }).click();
    await tab.getByTestId("toast").filter({ hasText: /^Cleared \d+ completed tasks/ }).waitFor();
    await tab.close();
    await eventually(async () => (await json("GET", "?status=completed")).length === 0, "every completed task deleted", 5_000);
  });

  test("a task without a due reminds while another view is open; a next occurrence's past reminder does not", async () => {
    const now = await page.evaluate(() => Date.now());
    const at = (ms) => new Date(ms).toISOString();
    const yesterdaySoon = now + 3_000 - 86_400_000;
    await seedTasks(page, env.stack.apiUrl, [
      { title: "Call mum", remind_at: at(now + 8_000) },
      { title: "Daily pills", due_at: at(yesterdaySoon), remind_at: at(yesterdaySoon), recurrence: { every: "day", interval: 1 } },
    ]);
    await page.goto(`${env.stack.webOrigin}/tasks?view=overdue`);
    await taskRow(page, "Daily pills").waitFor();
    // Completing it makes today's occurrence, whose reminder (a day after
    // yesterday's) came after the page opened but before the task existed.
    await page.waitForTimeout(Math.max(0, now + 3_500 - (await page.evaluate(() => Date.now()))));
    await page.getByRole("checkbox", { name: "Mark as done: Daily pills" }).click();
    await page.getByTestId("toast").getByText(/^Next “Daily pills” added/).waitFor();

    const reminders = page.getByRole("alert").getByTestId("reminder-toast");
    await reminders.getByText("Call mum").waitFor({ timeout: 20_000 });
    assert.equal(await taskRow(page, "Call mum").count(), 0, "not on screen in Overdue");
    assert.deepEqual(await reminders.locator("p.break-words").allTextContents(), ["Reminder: Call mum"]);
    await reminders.getByRole("button", { name: "Dismiss" }).click();
    await reminders.waitFor({ state: "detached" });
  });

  test("single-key shortcuts stay out of an open editor and can be turned off for good", async () => {
    await seedTasks(page, env.stack.apiUrl, [{ title: "Buy bread", tags: ["Shop"] }]);
    await page.goto(`${env.stack.webOrigin}/tasks`);
    await page.getByRole("button", { name: "Edit: Buy bread" }).click();
    const editor = page.getByRole("form", { name: "Edit task: Buy bread" });
    await editor.getByRole("button", { name: "Remove tag Shop" }).focus();
    await page.keyboard.press("t");
    await page.getByRole("heading", { level: 1, name: "My tasks" }).click(); // focus leaves the form
    await page.keyboard.press("t");
    await page.waitForTimeout(200);
    assert.ok(await heading(page, "All tasks").isVisible(), "still in All tasks");
    assert.ok(await editor.isVisible(), "the editor is still open");
    await editor.getByRole("button", { name: "Cancel" }).click();

    const toggle = page.getByLabel("Single-key shortcuts");
    await toggle.uncheck();
    await page.reload();
    // The server renders them on; the stored choice applies once the page runs.
    await eventually(async () => !(await toggle.isChecked()), "the choice to survive a reload");
    assert.equal(await page.getByTestId("shortcuts").count(), 0, "no shortcuts advertised");
    await page.keyboard.press("t");
    await page.waitForTimeout(200);
    assert.ok(await heading(page, "All tasks").isVisible(), "t does nothing when turned off");
    await toggle.check();
    await page.getByRole("heading", { level: 1, name: "My tasks" }).click();
    await page.keyboard.press("t");
    await heading(page, "Today").waitFor();
  });

  test("the logo leads back to All tasks, and a tag's view counts only its own tasks", async () => {
    await page.getByRole("link", { name: "Todo", exact: true }).click();
    await heading(page, "All tasks").waitFor();
    assert.match(page.url(), /\/tasks$/);
    const pending = (await json("GET", "?status=pending&limit=200")).length;
    const completed = (await json("GET", "?status=completed&limit=200")).length;
    assert.ok(pending + completed > 1);
    await expectCounts(page, { all: pending + completed, pending, completed });
    await openView(page, "#Shop");
    await expectCounts(page, { all: 1, pending: 1, completed: 0 });
    await page.context().close();
  });
});
