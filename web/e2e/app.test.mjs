// End-to-end: real Chromium, the web app's production build, the real
// todo-server and a real PostgreSQL. Run with `npm run test:e2e`.
//
// Needs: E2E_DATABASE_URL (an empty database), TODO_SERVER_BIN (the API binary).
// Optional: E2E_ARTIFACTS (screenshots and server logs; default e2e/artifacts).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "./support/browser.mjs";
import {
  addTask,
  apiFromPage,
  currentUserId,
  eventually,
  expectCounts,
  expectListed,
  filter,
  listedTitles,
  search,
  signIn,
  signOut,
  signUp,
  taskRow,
} from "./support/page-helpers.mjs";
import { WEB_DIR, startStack } from "./support/stack.mjs";

const databaseUrl = process.env.E2E_DATABASE_URL;
const serverBin = process.env.TODO_SERVER_BIN;
const artifactsDir = process.env.E2E_ARTIFACTS || join(WEB_DIR, "e2e", "artifacts");

const run = randomBytes(3).toString("hex");
const userA = { name: "Ada Lovelace", email: `ada-${run}@example.com`, password: "analytical-engine-1843" };
const userB = { name: "Grace Hopper", email: `grace-${run}@example.com`, password: "cobol-compiler-1959" };

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 375, height: 812 };

let stack;
let browser;
let pageA; // Ada's tab, kept across tests
let pageB; // Grace's tab

async function screenshot(page, name) {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe("Todo web app, end to end", { timeout: 280_000 }, () => {
  before(async () => {
    assert.ok(databaseUrl, "E2E_DATABASE_URL must name an empty PostgreSQL database");
    assert.ok(serverBin, "TODO_SERVER_BIN must be the path of the todo-server binary");
    stack = await startStack({ databaseUrl, serverBin, artifactsDir });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stack?.stop();
  });

  test("the landing page introduces the product and leads to sign-up", async () => {
    const page = await newPage();
    await page.goto(`${stack.webOrigin}/`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await screenshot(page, "01-landing");
    await page.getByRole("link", { name: "Create your free account" }).click();
    await page.waitForURL("**/sign-up");
    await page.context().close();
  });

  test("/tasks without a session redirects to sign-in", async () => {
    const page = await newPage();
    await page.goto(`${stack.webOrigin}/tasks`);
    await page.waitForURL("**/sign-in");
    await page.getByRole("heading", { name: "Welcome back" }).waitFor();
    await page.context().close();
  });

  test("user A signs up and starts with an empty list", async () => {
    pageA = await newPage();
    await pageA.goto(`${stack.webOrigin}/sign-up`);
    await pageA.getByLabel("Name").fill(userA.name);
    await pageA.getByLabel("Email").fill(userA.email);
    await screenshot(pageA, "02-sign-up");
    await signUp(pageA, stack.webOrigin, userA);
    await pageA.getByTestId("empty-state").getByText("No tasks yet").waitFor();
    await expectCounts(pageA, { all: 0, pending: 0, completed: 0 });
    await screenshot(pageA, "03-tasks-empty");
  });

  test("sign-up explains a weak password and an email already taken", async () => {
    const page = await newPage();
    await page.goto(`${stack.webOrigin}/sign-up`);
    await page.getByLabel("Name").fill("Someone Else");
    await page.getByLabel("Email").fill(userA.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Password is too weak: use at least 8 characters.").waitFor();

    await page.getByLabel("Password", { exact: true }).fill("long-enough-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("An account with this email already exists").waitFor();
    assert.match(page.url(), /\/sign-up$/);
    await screenshot(page, "04-sign-up-email-taken");
    await page.context().close();
  });

  test("user A creates, edits, completes, searches, sorts and deletes tasks", async () => {
    const page = pageA;
    await addTask(page, "Buy milk", "Two litres, oat if they have it");
    await addTask(page, "Book dentist appointment");
    await addTask(page, "Write quarterly report");
    await expectCounts(page, { all: 3, pending: 3, completed: 0 });
    await expectListed(page, ["Write quarterly report", "Book dentist appointment", "Buy milk"], { ordered: true });
    assert.equal(await page.getByTestId("showing").textContent(), "Showing 3 of 3 tasks");

    // Inline edit: title and description, saved with Enter.
    await page.getByRole("button", { name: "Edit: Book dentist appointment" }).click();
    const editor = page.getByRole("form", { name: "Edit task: Book dentist appointment" });
    await editor.getByLabel("Title").fill("Book dentist for Tuesday");
    await editor.getByLabel("Description").fill("Call before noon");
    await screenshot(page, "05-task-editing");
    await editor.getByLabel("Title").press("Enter");
    await taskRow(page, "Book dentist for Tuesday").getByText("Call before noon").waitFor();

    // Escape abandons an edit; an empty title is refused before any request.
    await page.getByRole("button", { name: "Edit: Buy milk" }).click();
    const milkEditor = page.getByRole("form", { name: "Edit task: Buy milk" });
    await milkEditor.getByLabel("Title").fill("   ");
    await milkEditor.getByRole("button", { name: "Save" }).click();
    await milkEditor.getByText("Give the task a title.").waitFor();
    await milkEditor.getByLabel("Title").press("Escape");
    await taskRow(page, "Buy milk").waitFor();

    // Complete one task; the counts follow.
    await page.getByRole("checkbox", { name: "Mark as done: Buy milk" }).check();
    await expectCounts(page, { all: 3, pending: 2, completed: 1 });
    await page.getByRole("checkbox", { name: "Mark as not done: Buy milk" }).waitFor();
    await page.mouse.move(0, 0); // no hover highlight in the screenshot
    await screenshot(page, "06-tasks-list");

    // Filters.
    await filter(page, "Completed");
    await expectListed(page, ["Buy milk"]);
    await filter(page, "Pending");
    await expectListed(page, ["Write quarterly report", "Book dentist for Tuesday"]);
    await filter(page, "All");
    await expectListed(page, ["Write quarterly report", "Book dentist for Tuesday", "Buy milk"]);

    // Search covers titles and descriptions; no match shows an empty state.
    await search(page, "report");
    await expectListed(page, ["Write quarterly report"]);
    await search(page, "OAT");
    await expectListed(page, ["Buy milk"]);
    await search(page, "zebra");
    await page.getByText("Nothing matches “zebra”").waitFor();
    await page.getByRole("button", { name: "Clear search" }).click();
    await expectListed(page, ["Write quarterly report", "Book dentist for Tuesday", "Buy milk"]);

    // Sort.
    await page.getByLabel("Sort").selectOption({ label: "Title A–Z" });
    await expectListed(page, ["Book dentist for Tuesday", "Buy milk", "Write quarterly report"], { ordered: true });
    await page.getByLabel("Sort").selectOption({ label: "Newest first" });

    // Delete, undo, delete for good.
    await page.getByRole("button", { name: "Delete: Write quarterly report" }).click();
    await taskRow(page, "Write quarterly report").waitFor({ state: "detached" });
    await page.getByTestId("toast").getByText("Deleted “Write quarterly report”").waitFor();
    await page.waitForTimeout(300); // let the toast finish sliding in
    await screenshot(page, "07-deleted-with-undo");
    await page.getByRole("button", { name: "Undo" }).click();
    await taskRow(page, "Write quarterly report").waitFor();
    await expectCounts(page, { all: 3, pending: 2, completed: 1 });
    await page.getByRole("button", { name: "Delete: Write quarterly report" }).click();
    await taskRow(page, "Write quarterly report").waitFor({ state: "detached" });
    await expectCounts(page, { all: 2, pending: 1, completed: 1 });
  });

  test("user A's tasks survive a reload and a sign-out/sign-in; a wrong password is refused", async () => {
    const page = pageA;
    await page.reload();
    await expectListed(page, ["Book dentist for Tuesday", "Buy milk"]);
    await page.getByRole("checkbox", { name: "Mark as not done: Buy milk" }).waitFor();

    await signOut(page);
    await page.getByText("You have been signed out.").waitFor();

    await signIn(page, stack.webOrigin, { email: userA.email, password: "not-the-password" });
    await page.getByRole("alert").getByText("Wrong email or password").waitFor();
    assert.match(page.url(), /\/sign-in/);
    await screenshot(page, "08-sign-in-wrong-password");

    await signIn(page, stack.webOrigin, userA);
    await page.waitForURL("**/tasks");
    await expectListed(page, ["Book dentist for Tuesday", "Buy milk"]);
    await expectCounts(page, { all: 2, pending: 1, completed: 1 });
  });

  test("user B has a separate list and never sees user A's tasks", async () => {
    pageB = await newPage();
    const page = pageB;
    await signUp(page, stack.webOrigin, userB);
    await page.getByTestId("empty-state").waitFor();
    await expectCounts(page, { all: 0, pending: 0, completed: 0 });

    await addTask(page, "Water the plants");
    await addTask(page, "Renew passport", "Photos first");
    await page.getByRole("button", { name: "Edit: Water the plants" }).click();
    const editor = page.getByRole("form", { name: "Edit task: Water the plants" });
    await editor.getByLabel("Title").fill("Water the plants on the balcony");
    await editor.getByRole("button", { name: "Save" }).click();
    await taskRow(page, "Water the plants on the balcony").waitFor();
    await page.getByRole("checkbox", { name: "Mark as done: Renew passport" }).check();
    await expectCounts(page, { all: 2, pending: 1, completed: 1 });

    // A's tasks are nowhere, not even through search.
    await search(page, "milk");
    await page.getByText("Nothing matches “milk”").waitFor();
    await search(page, "");
    await expectListed(page, ["Renew passport", "Water the plants on the balcony"]);
    for (const title of ["Buy milk", "Book dentist for Tuesday"]) {
      assert.equal(await page.getByText(title).count(), 0, `B must not see "${title}"`);
    }
    await page.getByRole("button", { name: "Delete: Renew passport" }).click();
    await taskRow(page, "Renew passport").waitFor({ state: "detached" });
    await expectCounts(page, { all: 1, pending: 1, completed: 0 });

    // And the API refuses B's token on A's tasks.
    const idA = await currentUserId(pageA);
    const idB = await currentUserId(pageB);
    assert.notEqual(idA, idB);
    const foreignList = await apiFromPage(page, stack.apiUrl, "GET", `/api/${idA}/tasks`);
    assert.equal(foreignList.status, 403);
    const tasksA = JSON.parse((await apiFromPage(pageA, stack.apiUrl, "GET", `/api/${idA}/tasks`)).body);
    assert.equal(tasksA.length, 2);
    const foreignTask = await apiFromPage(page, stack.apiUrl, "GET", `/api/${idB}/tasks/${tasksA[0].id}`);
    assert.equal(foreignTask.status, 404);

    // A still sees exactly A's tasks.
    await pageA.reload();
    await expectListed(pageA, ["Book dentist for Tuesday", "Buy milk"]);
  });

  test("a long list pages with Load more, driven by X-Total-Count", async () => {
    const page = pageB;
    const idB = await currentUserId(page);
    for (let i = 1; i <= 24; i += 1) {
      const created = await apiFromPage(page, stack.apiUrl, "POST", `/api/${idB}/tasks`, {
        title: `Errand ${String(i).padStart(2, "0")}`,
      });
      assert.equal(created.status, 201);
    }
    await page.reload();
    await eventually(
      async () => (await page.getByTestId("showing").textContent()) === "Showing 20 of 25 tasks",
      "first page of 20",
    );
    await page.getByRole("button", { name: /Load more/ }).click();
    await eventually(
      async () => (await page.getByTestId("showing").textContent()) === "Showing 25 of 25 tasks",
      "all 25 after Load more",
    );
    assert.equal(await page.getByRole("button", { name: /Load more/ }).count(), 0);
    assert.equal(new Set(await listedTitles(page)).size, 25);
  });

  test("the keyboard alone can add, complete and edit a task", async () => {
    const page = pageB;
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "search");

    await page.getByLabel("Task title").focus();
    await page.keyboard.type("Typed without a mouse");
    await page.keyboard.press("Enter");
    await taskRow(page, "Typed without a mouse").waitFor();

    await page.getByRole("checkbox", { name: "Mark as done: Typed without a mouse" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("checkbox", { name: "Mark as not done: Typed without a mouse" }).waitFor();

    await page.getByRole("button", { name: "Edit: Typed without a mouse" }).focus();
    await page.keyboard.press("Enter");
    const editor = page.getByRole("form", { name: "Edit task: Typed without a mouse" });
    await editor.waitFor();
    // The title field has focus when the editor opens.
    await page.keyboard.press("End");
    await page.keyboard.type(" (edited)");
    await page.keyboard.press("Enter");
    await taskRow(page, "Typed without a mouse (edited)").waitFor();
  });

  test("with the API down the app shows a retry message, keeps the input, and recovers", async () => {
    const page = pageA;
    await stack.stopApi();

    await page.reload();
    const banner = page.getByTestId("outage-banner");
    await banner.getByText("Can't reach the server — retry").waitFor();
    await page.getByText("The server isn't answering right now.").waitFor();

    const titleInput = page.getByLabel("Task title");
    await titleInput.fill("Call the plumber");
    await titleInput.press("Enter");
    await banner.waitFor();
    await eventually(async () => !(await page.getByRole("button", { name: "Adding…" }).count()), "submit to finish");
    assert.equal(await titleInput.inputValue(), "Call the plumber", "the typed title is kept");
    await screenshot(page, "09-api-down");

    await stack.startApi();
    await banner.getByRole("button", { name: "Retry" }).click();
    await taskRow(page, "Call the plumber").waitFor();
    await banner.waitFor({ state: "detached" });
    await expectListed(page, ["Call the plumber", "Book dentist for Tuesday", "Buy milk"]);
    assert.equal(await titleInput.inputValue(), "");
    await expectCounts(page, { all: 3, pending: 2, completed: 1 });
  });

  test("the tasks page works at phone width", async () => {
    const storageState = await pageA.context().storageState();
    const page = await newPage({ viewport: PHONE, storageState, isMobile: true, hasTouch: true });
    await page.goto(`${stack.webOrigin}/tasks`);
    await expectListed(page, ["Call the plumber", "Book dentist for Tuesday", "Buy milk"]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 375px (overflow ${overflow}px)`);
    await page.getByRole("checkbox", { name: "Mark as done: Call the plumber" }).check();
    await expectCounts(page, { all: 3, pending: 1, completed: 2 });
    await screenshot(page, "10-tasks-phone");

    await page.goto(`${stack.webOrigin}/`);
    await screenshot(page, "11-landing-phone");
    await page.context().close();
  });
});
