// Runs before `npm run start`: generates BETTER_AUTH_SECRET into .env.local
// (git-ignored) on first run, so a fresh checkout starts without configuring.
// Never replaces an existing secret: it encrypts the JWT signing keys in the
// database, and changing it breaks /api/auth/token.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const envFile = fileURLToPath(new URL("../.env.local", import.meta.url));
const existing = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";

if (!process.env.BETTER_AUTH_SECRET && !/^\s*BETTER_AUTH_SECRET\s*=\s*\S/m.test(existing)) {
  const secret = randomBytes(32).toString("base64url");
  const separator = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(envFile, `${separator}BETTER_AUTH_SECRET=${secret}\n`, { mode: 0o600 });
  console.log("Generated BETTER_AUTH_SECRET into web/.env.local");
}
