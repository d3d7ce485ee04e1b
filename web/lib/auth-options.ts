// The one source of truth for Better Auth's configuration. Shared by the Next
// server (lib/auth.ts) and the migration script (scripts/migrate.ts), so the
// schema that `npm run db:migrate` creates always matches what the app uses.
// It must not import anything from Next: the migration runs outside Next.
import type { BetterAuthOptions } from "better-auth";
import { jwt } from "better-auth/plugins";
import { Pool } from "pg";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

type Env = Record<string, string | undefined>;

/** The app's public origin: it becomes the JWT `iss` and `aud` the API checks. */
export function authBaseUrl(env: Env = process.env): string {
  const configured = env.BETTER_AUTH_URL?.trim();
  const url = configured || `http://localhost:${env.PORT?.trim() || "3000"}`;
  return new URL(url).origin;
}

/**
 * Origins allowed to call the auth routes. The base origin is always trusted;
 * its 127.0.0.1/localhost twin is added so that either spelling works locally.
 * BETTER_AUTH_TRUSTED_ORIGINS (comma-separated) adds more.
 */
export function trustedOrigins(env: Env = process.env): string[] {
  const base = new URL(authBaseUrl(env));
  const origins = new Set([base.origin]);
  if (base.hostname === "localhost" || base.hostname === "127.0.0.1") {
    const twin = new URL(base.origin);
    twin.hostname = base.hostname === "localhost" ? "127.0.0.1" : "localhost";
    origins.add(twin.origin);
  }
  for (const extra of (env.BETTER_AUTH_TRUSTED_ORIGINS ?? "").split(",")) {
    if (extra.trim()) origins.add(extra.trim().replace(/\/+$/, ""));
  }
  return [...origins];
}

/**
 * Better Auth rate-limits sign-in/sign-up (3 per 10 s per IP) in production.
 * AUTH_RATE_LIMIT=off turns that off, for the end-to-end suite, whose browser
 * signs in several users from one IP within seconds.
 */
function rateLimitEnabled(env: Env): boolean | undefined {
  const value = env.AUTH_RATE_LIMIT?.trim().toLowerCase();
  if (value === "off" || value === "false" || value === "0") return false;
  if (value === "on" || value === "true" || value === "1") return true;
  return undefined; // Better Auth's default: on in production only
}

export function createAuthOptions(env: Env = process.env) {
  const origin = authBaseUrl(env);
  return {
    appName: "Todo",
    baseURL: origin,
    secret: env.BETTER_AUTH_SECRET,
    // One pool per process; connections are opened lazily, so building the
    // app without a database is fine.
    database: new Pool({ connectionString: env.DATABASE_URL, max: 10 }),
    trustedOrigins: trustedOrigins(env),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    rateLimit: { enabled: rateLimitEnabled(env) },
    telemetry: { enabled: false },
    plugins: [
      jwt({
        // Stated explicitly (they are also Better Auth's defaults) because the
        // API compares them byte for byte with TODO_JWT_ISSUER/AUDIENCE.
        jwt: { issuer: origin, audience: origin, expirationTime: "15m" },
      }),
    ],
  } satisfies BetterAuthOptions;
}
