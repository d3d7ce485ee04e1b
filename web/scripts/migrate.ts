// `npm run db:migrate`: creates or updates Better Auth's tables (user, session,
// account, verification, jwks) in DATABASE_URL with Better Auth's own
// programmatic migrations. Needs no Next build and no network.
import { getMigrations } from "better-auth/db/migration";
import { createAuthOptions } from "../lib/auth-options";
import { loadLocalEnv } from "./load-env";

async function migrate(env: Record<string, string | undefined>): Promise<string[]> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const options = createAuthOptions(env);
  try {
    const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(options);
    const changes = [
      ...toBeCreated.map((t) => `create table "${t.table}"`),
      ...toBeAdded.map((t) => `add ${Object.keys(t.fields).join(", ")} to "${t.table}"`),
    ];
    if (changes.length > 0) await runMigrations();
    return changes;
  } finally {
    await options.database.end();
  }
}

async function main(): Promise<void> {
  loadLocalEnv();
  // Migrations do not use the secret; this only silences Better Auth's warning.
  const env = { ...process.env };
  env.BETTER_AUTH_SECRET ??= "migration-only-placeholder-secret-0000000000";
  const changes = await migrate(env);
  if (changes.length === 0) console.log("Better Auth schema is up to date.");
  for (const change of changes) console.log(`migrated: ${change}`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
