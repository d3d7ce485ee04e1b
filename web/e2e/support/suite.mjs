// What every browser suite shares: the stack and Chromium for the suite's
// lifetime, people with unique emails, pages at the two widths we check, and
// numbered screenshots in the artifacts folder.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before } from "node:test";
import { launchChromium } from "./browser.mjs";
import { WEB_DIR, artifactPrefix, startStack } from "./stack.mjs";

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 812 };

export const artifactsDir = process.env.E2E_ARTIFACTS || join(WEB_DIR, "e2e", "artifacts");

const run = randomBytes(3).toString("hex");

/** Someone new, unique to this run. */
export function person(name, password = "correct-horse-battery") {
  const handle = name.toLowerCase().split(" ")[0];
  return { name, email: `${handle}-${run}@example.com`, password };
}

/**
 * Starts the stack and a browser before the suite's tests and stops them
 * after; call inside `describe`. The returned object is filled in by then.
 */
export function useStack(suite) {
  const env = { stack: null, browser: null, suite };
  let shot = 0;
  before(async () => {
    assert.ok(process.env.E2E_DATABASE_URL, "E2E_DATABASE_URL must name an empty PostgreSQL database");
    assert.ok(process.env.TODO_SERVER_BIN, "TODO_SERVER_BIN must be the path of the todo-server binary");
    env.stack = await startStack({
      databaseUrl: process.env.E2E_DATABASE_URL,
      serverBin: process.env.TODO_SERVER_BIN,
      artifactsDir,
      suite,
    });
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.stack?.stop();
  });

  env.newPage = async (options = {}) => {
    const context = await env.browser.newContext({ viewport: DESKTOP, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  /** Saves `<suite>-NN-<name>.png`; the whole page unless `fullPage: false`. */
  env.screenshot = async (page, name, { fullPage = true } = {}) => {
    shot += 1;
    const file = join(artifactsDir, `${artifactPrefix(suite)}${String(shot).padStart(2, "0")}-${name}.png`);
    await page.mouse.move(0, 0); // no hover highlight in the picture
    await page.screenshot({ path: file, fullPage, animations: "disabled" });
    return file;
  };
  return env;
}
