// End-to-end accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every
// view, the open editor and the sign-in and sign-up pages, in light and dark,
// at desktop and phone width, with a screenshot of each. Same stack as
// app.test.mjs (see there for what it needs).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { eventually, localDate, openView, seedTasks, signUp } from "./support/page-helpers.mjs";
import { DESKTOP, PHONE, person, useStack } from "./support/suite.mjs";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const grace = person("Grace Checker");
/** West of UTC, so "today" here often is not UTC's today. */
const ZONE = "America/Los_Angeles";

/** Runs axe in the page; fails with every violation spelled out. */
async function expectNoViolations(page, where) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ")}`),
    }));
  }, WCAG_TAGS);
  const report = violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join("\n")}`)
    .join("\n");
  assert.equal(violations.length, 0, `axe found ${violations.length} violation(s) on ${where}:\n${report}`);
}

/** Waits until the list has loaded and nothing moves (toasts sliding in, rows fading), so colours are read as they settle. */
async function settle(page) {
  await eventually(async () => (await page.locator("[aria-busy='true']").count()) === 0, "the list to finish loading");
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
}

async function setTheme(page, theme) {
  await page.getByRole("button", { name: theme === "dark" ? "Dark theme" : "Light theme" }).first().click();
  await eventually(
    async () => (await page.evaluate(() => document.documentElement.classList.contains("dark"))) === (theme === "dark"),
    `the ${theme} theme`,
  );
}

const VIEWS = [
  { label: "Today", name: "today" },
  { label: "Upcoming", name: "upcoming" },
  { label: "Overdue", name: "overdue" },
  { label: "All tasks", name: "all" },
  { label: "#Errands", name: "tag" },
];

describe("Accessibility and screenshots of every view", { timeout: 240_000 }, () => {
  const env = useStack("a11y");
  let storageState;

  test("Grace signs up and has tasks of every kind", async () => {
    const page = await env.newPage({ timezoneId: ZONE });
    await signUp(page, env.stack.webOrigin, grace);
    const day = (n) => localDate(page, n);
    const soon = new Date(Date.now() + 2 * 3600_000).toISOString();
    await seedTasks(page, env.stack.apiUrl, [
      { title: "Send the quarterly report", completed: true, priority: "medium", tags: ["Work"] },
      { title: "Renew the car insurance", due_date: await day(-2), priority: "high", tags: ["Errands"] },
      { title: "Book flights for the offsite", due_date: await day(4), tags: ["Work", "Travel"] },
      { title: "Call the plumber", due_date: await day(1), priority: "low", tags: ["Home"] },
      { title: "Water the plants", due_date: await day(0), recurrence: { every: "week", interval: 1 }, tags: ["Home"] },
      {
        title: "Pick up the dry cleaning",
        description: "Ticket 4411, two shirts",
        due_at: soon,
        remind_at: new Date(Date.now() + 3600_000).toISOString(),
        priority: "high",
        tags: ["Errands"],
      },
      { title: "Stand-up with the team", due_date: await day(0), recurrence: { every: "day", interval: 2 }, priority: "medium", tags: ["Work"] },
      { title: "Read “The Pragmatic Programmer”" },
    ]);
    storageState = await page.context().storageState();
    await page.context().close();
  });

  for (const [width, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ]) {
    test(`every view, the editor, sign-in and sign-up pass axe at ${width} width, light and dark`, async () => {
      const phone = width === "phone";
      const page = await env.newPage({ viewport, storageState, timezoneId: ZONE, ...(phone && { isMobile: true, hasTouch: true }) });
      await page.goto(`${env.stack.webOrigin}/tasks`);
      await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
      for (const theme of ["light", "dark"]) {
        await setTheme(page, theme);
        for (const view of VIEWS) {
          await openView(page, view.label);
          await page.getByTestId("task").first().waitFor();
          await settle(page);
          await expectNoViolations(page, `${view.name} (${width}, ${theme})`);
          await env.screenshot(page, `${width}-${theme}-${view.name}`);
        }
        await openView(page, "All tasks");
        if (!phone && theme === "light") {
          // The picture for docs/tasks.png: what is overdue first, then by due.
          const sort = page.getByLabel("Sort", { exact: true });
          await sort.selectOption({ label: "Due date" });
          await page.getByTestId("task").first().getByText("Renew the car insurance").waitFor();
          await settle(page);
          await env.screenshot(page, "desktop-light-all-by-due", { fullPage: false });
          await sort.selectOption({ label: "Newest first" });
          await settle(page);
        }
        await page.getByRole("button", { name: "Edit: Pick up the dry cleaning" }).click();
        await page.getByRole("form", { name: "Edit task: Pick up the dry cleaning" }).waitFor();
        await settle(page);
        await expectNoViolations(page, `the editor (${width}, ${theme})`);
        await env.screenshot(page, `${width}-${theme}-editor`);
        await page.keyboard.press("Escape");

        // Signed-out pages, in the same theme (it lives in localStorage, per origin).
        const signedOut = await env.newPage({
          viewport,
          ...(phone && { isMobile: true, hasTouch: true }),
          colorScheme: theme,
        });
        for (const path of ["/sign-in", "/sign-up"]) {
          await signedOut.goto(`${env.stack.webOrigin}${path}`);
          await signedOut.getByRole("heading", { level: 1 }).waitFor();
          await settle(signedOut);
          const dark = await signedOut.evaluate(() => document.documentElement.classList.contains("dark"));
          assert.equal(dark, theme === "dark", `${path} follows the system theme`);
          await expectNoViolations(signedOut, `${path} (${width}, ${theme})`);
          await env.screenshot(signedOut, `${width}-${theme}-${path.slice(1)}`);
        }
        await signedOut.context().close();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      await setTheme(page, "light");
      await page.context().close();
    });
  }
});
