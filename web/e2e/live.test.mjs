// End-to-end, live updates and concurrency (issue 9): tabs of one person see
// each other's changes without a reload, a conflicting edit asks whose wins
// and keeps what was typed, people never see each other's changes, a toggle
// is one request, and signing out in one tab signs out the others. Same
// stack as app.test.mjs (see there for what it needs).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addTask, eventually, expectCounts, expectListed, signUp, taskRow } from "./support/page-helpers.mjs";
import { person, useStack } from "./support/suite.mjs";

const lin = person("Lin Live");
const other = person("Oskar Other");

/** Within this long a change in one tab must show in the other (the API promises 1 s; the rest is rendering). */
const LIVE_MS = 5000;

async function waitLive(page) {
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor({ state: "attached", timeout: 15_000 });
}

describe("Live on every tab: change stream, conflicts, sign-out everywhere", { timeout: 240_000 }, () => {
  const env = useStack("live");
  let a; // Lin's first browser (context)
  let b; // Lin again, in another context: another device

  test("a create, an edit, a toggle and a delete in one context appear in the other without a reload", async () => {
    a = await env.newPage();
    await signUp(a, env.stack.webOrigin, lin);
    b = await env.newPage({ storageState: await a.context().storageState() });
    await b.goto(`${env.stack.webOrigin}/tasks`);
    await b.getByTestId("empty-state").waitFor();
    await Promise.all([waitLive(a), waitLive(b)]);
    // A reload in B would reset this marker: it proves the changes came without one.
    await b.evaluate(() => {
      window.__noReload = true;
    });

    await addTask(a, "Water the tomatoes");
    await taskRow(b, "Water the tomatoes").waitFor({ timeout: LIVE_MS });
    await expectCounts(b, { all: 1, pending: 1, completed: 0 });

    await b.getByRole("button", { name: "Edit: Water the tomatoes" }).click();
    const editor = b.getByRole("form", { name: "Edit task: Water the tomatoes" });
    await editor.getByLabel("Title").fill("Water the tomatoes and basil");
    await editor.getByLabel("Title").press("Enter");
    await taskRow(a, "Water the tomatoes and basil").waitFor({ timeout: LIVE_MS });

    await a.getByRole("checkbox", { name: "Mark as done: Water the tomatoes and basil" }).check();
    await b.getByRole("checkbox", { name: "Mark as not done: Water the tomatoes and basil" }).waitFor({ timeout: LIVE_MS });
    await expectCounts(b, { all: 1, pending: 0, completed: 1 });

    await addTask(a, "Repot the cactus");
    await taskRow(b, "Repot the cactus").waitFor({ timeout: LIVE_MS });
    await b.getByRole("button", { name: "Delete: Repot the cactus" }).click();
    // Closing the Undo toast sends the delete at once.
    await b.getByTestId("toast").filter({ hasText: "Deleted “Repot the cactus”" }).getByRole("button", { name: "Dismiss" }).click();
    await taskRow(a, "Repot the cactus").waitFor({ state: "detached", timeout: LIVE_MS });
    await expectCounts(a, { all: 1, pending: 0, completed: 1 });
    assert.equal(await b.evaluate(() => window.__noReload), true, "B was never reloaded");
    await env.screenshot(b, "after-live-changes");
  });

  test("a toggle sends exactly one request to the API", async () => {
    await addTask(a, "Count my requests");
    await eventually(async () => (await a.getByRole("checkbox", { name: "Mark as done: Count my requests" }).count()) === 1, "row ready");
    await a.waitForTimeout(1000); // let the reloads after the create settle
    const sent = [];
    const onRequest = (request) => {
      if (!request.url().startsWith(env.stack.apiUrl)) return;
      if ((request.headers().accept ?? "").includes("text/event-stream")) return; // a stream reconnect is no part of it
      sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    };
    a.on("request", onRequest);
    await a.getByRole("checkbox", { name: "Mark as done: Count my requests" }).check();
    await a.getByRole("checkbox", { name: "Mark as not done: Count my requests" }).waitFor();
    await expectCounts(a, { all: 2, pending: 0, completed: 2 });
    await a.waitForTimeout(1500); // anything it would send later (a reload, counts) is sent by now
    a.off("request", onRequest);
    assert.equal(sent.length, 1, `one request, got: ${JSON.stringify(sent)}`);
    assert.match(sent[0], /^PATCH \/api\/[^/]+\/tasks\/\d+\/complete$/);
  });

  test("an edit of a task changed elsewhere meanwhile shows the conflict and keeps what was typed", async () => {
    await addTask(a, "Plan the trip");
    await taskRow(b, "Plan the trip").waitFor({ timeout: LIVE_MS });

    // A starts editing; B changes the description meanwhile.
    await a.getByRole("button", { name: "Edit: Plan the trip" }).click();
    const editorA = a.getByRole("form", { name: "Edit task: Plan the trip" });
    await editorA.getByLabel("Title").fill("Plan the trip to Lisbon");

    await b.getByRole("button", { name: "Edit: Plan the trip" }).click();
    const editorB = b.getByRole("form", { name: "Edit task: Plan the trip" });
    await editorB.getByLabel("Description").fill("Book the train first");
    await editorB.getByRole("button", { name: "Save" }).click();
    await taskRow(b, "Plan the trip").getByText("Book the train first").waitFor();

    await editorA.getByRole("button", { name: "Save" }).click();
    const conflict = a.getByTestId("conflict");
    await conflict.getByText("Changed elsewhere").waitFor();
    await conflict.getByTestId("conflict-current").getByText("Book the train first").waitFor();
    assert.equal(await editorA.getByLabel("Title").inputValue(), "Plan the trip to Lisbon", "what A typed is kept");
    await env.screenshot(a, "conflict", { fullPage: false });

    // A keeps their title; B's description stays (only the fields A changed are sent).
    await conflict.getByRole("button", { name: "Keep my changes" }).click();
    await taskRow(a, "Plan the trip to Lisbon").getByText("Book the train first").waitFor();
    await taskRow(b, "Plan the trip to Lisbon").getByText("Book the train first").waitFor({ timeout: LIVE_MS });
  });

  test("a toggle of a task changed elsewhere is not applied blindly: the row shows the current task", async () => {
    await addTask(a, "Stale checkbox");
    // A tab of B whose stream never connects, so it keeps showing the version it loaded.
    const stale = await b.context().newPage();
    const isApi = (url) => url.href.startsWith(env.stack.apiUrl);
    await stale.route(isApi, (route) =>
      (route.request().headers().accept ?? "").includes("text/event-stream") ? route.abort() : route.continue(),
    );
    await stale.goto(`${env.stack.webOrigin}/tasks`);
    await taskRow(stale, "Stale checkbox").waitFor();

    await a.getByRole("button", { name: "Edit: Stale checkbox" }).click();
    const editor = a.getByRole("form", { name: "Edit task: Stale checkbox" });
    await editor.getByLabel("Title").fill("Fresh checkbox");
    await editor.getByLabel("Title").press("Enter");
    await taskRow(a, "Fresh checkbox").waitFor();

    // If-Match of the version it shows: refused, and the row catches up instead.
    await stale.getByRole("checkbox", { name: "Mark as done: Stale checkbox" }).check();
    await taskRow(stale, "Fresh checkbox").waitFor();
    await stale.getByTestId("toast").getByText(/was changed elsewhere/).waitFor();
    await stale.getByRole("checkbox", { name: "Mark as done: Fresh checkbox" }).waitFor();
    await a.getByRole("checkbox", { name: "Mark as done: Fresh checkbox" }).waitFor();
    await stale.close();
  });

  test("two people never see each other's changes", async () => {
    const c = await env.newPage();
    await signUp(c, env.stack.webOrigin, other);
    await waitLive(c);
    await addTask(c, "Oskar's private errand");
    await addTask(a, "Lin's private errand");
    await taskRow(b, "Lin's private errand").waitFor({ timeout: LIVE_MS }); // the stream works meanwhile
    await c.waitForTimeout(1500);
    await expectListed(c, ["Oskar's private errand"]);
    await expectCounts(c, { all: 1, pending: 1, completed: 0 });
    assert.equal(await taskRow(a, "Oskar's private errand").count(), 0);
    assert.equal(await taskRow(b, "Oskar's private errand").count(), 0);
    await c.context().close();
  });

  test("signing out in one tab signs out the other tabs of that browser", async () => {
    const second = await a.context().newPage();
    await second.goto(`${env.stack.webOrigin}/tasks`);
    await taskRow(second, "Lin's private errand").waitFor();
    await a.getByRole("button", { name: "Sign out" }).click();
    await a.waitForURL("**/sign-in**");
    await second.waitForURL("**/sign-in**", { timeout: LIVE_MS });
    await second.getByText("You have been signed out.").waitFor();
    await a.context().close();
    await b.context().close();
  });
});
