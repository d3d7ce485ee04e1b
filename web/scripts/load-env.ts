// Loads .env.local then .env into process.env, as `next start` does, for the
// scripts that run outside Next. Variables already set always win.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function loadLocalEnv(): void {
  for (const name of [".env.local", ".env"]) {
    const path = fileURLToPath(new URL(`../${name}`, import.meta.url));
    if (existsSync(path)) process.loadEnvFile(path);
  }
}
