// Configuration read on the server at request time, never at build time.

export const DEFAULT_API_URL = "http://localhost:8000";

/**
 * The Todo API's base URL for the browser. Next inlines `process.env.NEXT_PUBLIC_*`
 * member expressions at build time; reading the variable through a computed key
 * keeps it a runtime lookup, so one build can point at different APIs.
 */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const key = "NEXT_PUBLIC_API_URL";
  const value = env[key]?.trim() || DEFAULT_API_URL;
  return value.replace(/\/+$/, "");
}
