// Starts and stops the real stack for the end-to-end suite: Better Auth's
// migrations, the web app's production server, and the Rust todo-server.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(WEB_DIR, "node_modules", ".bin");

/** Every process started here, so that a crash still leaves nothing behind. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the process group we created (detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts a long-running process in its own process group, with its output in
 * `logFile`. `stop()` sends SIGTERM, then SIGKILL after 5 s, and resolves on exit.
 */
export function startProcess(name, command, args, { env, cwd = WEB_DIR, logFile }) {
  const log = createWriteStream(logFile, { flags: "a" });
  log.write(`\n=== ${new Date().toISOString()} start ${name}: ${command} ${args.join(" ")}\n`);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child);
      log.write(`=== ${name} exited (code ${code}, signal ${signal})\n`);
      resolve({ code, signal });
    });
  });
  return {
    name,
    child,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers with `status`, failing after `timeoutMs`. */
export async function waitForHttp(url, { status = 200, timeoutMs = 60_000, process: proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (proc && !proc.isRunning()) throw new Error(`${proc.name} exited while waiting for ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.status === status) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** Runs `npm run db:migrate`'s script against `databaseUrl`. */
export function migrate(databaseUrl) {
  const result = spawnSync(join(BIN, "tsx"), ["scripts/migrate.ts"], {
    cwd: WEB_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`db:migrate failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Builds the app if there is no production build yet (normally `npm run build` ran first). */
export function ensureBuild() {
  if (existsSync(join(WEB_DIR, ".next", "BUILD_ID"))) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: WEB_DIR, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/** "" for the original suite's files (01-landing.png, web.log), "views-" for the views suite's. */
export function artifactPrefix(suite) {
  return suite === "app" ? "" : `${suite}-`;
}

/**
 * The whole stack on free ports. The API can be stopped and started again
 * (same port, same settings) to test how the app behaves during an outage.
 */
export async function startStack({ databaseUrl, serverBin, artifactsDir, suite = "app" }) {
  mkdirSync(artifactsDir, { recursive: true });
  // Each suite (test file) names its files with its own prefix ("" for the
  // first suite, as before), and drops only its own files from an earlier run:
  // the folder is shared by the suites, and maybe by others.
  const prefix = artifactPrefix(suite);
  const mine = new RegExp(`^${prefix}\\d\\d-[\\w-]+\\.png$`);
  for (const name of readdirSync(artifactsDir)) {
    if (mine.test(name) || name === `${prefix}web.log` || name === `${prefix}api.log`) {
      rmSync(join(artifactsDir, name));
    }
  }
  ensureBuild();
  migrate(databaseUrl);

  const [webPort, apiPort] = [await freePort(), await freePort()];
  const webOrigin = `http://localhost:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const webEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(webPort),
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: webOrigin,
    // Better Auth encrypts its signing keys (kept in the database) with the
    // secret: the suites share one database, so they must share the secret.
    // A test-only value, derived from the database it protects.
    BETTER_AUTH_SECRET: createHash("sha256").update(`todo-e2e:${databaseUrl}`).digest("base64url"),
    NEXT_PUBLIC_API_URL: apiUrl,
    // The browser signs several users in from one IP within seconds.
    AUTH_RATE_LIMIT: "off",
  };
  const web = startProcess("web", join(BIN, "next"), ["start", "-p", String(webPort)], {
    env: webEnv,
    logFile: join(artifactsDir, `${prefix}web.log`),
  });
  await waitForHttp(`${webOrigin}/`, { process: web });

  const apiEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TODO_BIND: `127.0.0.1:${apiPort}`,
    TODO_JWKS_URL: `${webOrigin}/api/auth/jwks`,
    TODO_JWT_ISSUER: webOrigin,
    TODO_JWT_AUDIENCE: webOrigin,
    TODO_CORS_ORIGINS: webOrigin,
    RUST_LOG: process.env.RUST_LOG ?? "info",
  };
  let api = null;

  async function startApi() {
    api = startProcess("todo-server", serverBin, [], { env: apiEnv, logFile: join(artifactsDir, `${prefix}api.log`) });
    await waitForHttp(`${apiUrl}/readyz`, { process: api });
  }
  await startApi();

  return {
    webOrigin,
    apiUrl,
    startApi,
    async stopApi() {
      await api?.stop();
    },
    async stop() {
      await Promise.all([api?.stop(), web.stop()]);
    },
  };
}
