// Keeps the API token (a short-lived JWT from Better Auth) in memory, reuses it
// until shortly before it expires, and fetches a new one when asked to.
import { jwtExpiry } from "./jwt";

export interface TokenSource {
  /** A token for the API; `force` skips the cache (after the API said 401). */
  get(force?: boolean): Promise<string>;
  /** Forgets the cached token (sign-in, sign-out). */
  clear(): void;
}

export interface TokenCacheOptions {
  /** Fetches a new token; throws SignedOutError when there is no session. */
  fetchToken: () => Promise<string>;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Refresh when fewer than this many seconds of validity remain. */
  refreshMarginSeconds?: number;
}

export const DEFAULT_REFRESH_MARGIN_SECONDS = 60;

export function createTokenCache(options: TokenCacheOptions): TokenSource {
  const now = options.now ?? (() => Date.now());
  const margin = options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS;
  let cached: { token: string; exp: number } | null = null;
  // Concurrent callers share one fetch instead of each hitting /api/auth/token.
  let inFlight: Promise<string> | null = null;
  // Bumped by clear(), so a fetch started before a sign-out cannot refill the cache.
  let generation = 0;

  function fresh(): string | null {
    if (!cached) return null;
    const secondsLeft = cached.exp - now() / 1000;
    return secondsLeft > margin ? cached.token : null;
  }

  async function refresh(): Promise<string> {
    const startedIn = generation;
    const token = await options.fetchToken();
    const exp = jwtExpiry(token);
    // A token without a readable exp is used once and never cached.
    if (startedIn === generation) cached = exp === undefined ? null : { token, exp };
    return token;
  }

  return {
    async get(force = false) {
      if (!force) {
        const token = fresh();
        if (token) return token;
      }
      if (!inFlight) {
        inFlight = refresh().finally(() => {
          inFlight = null;
        });
      }
      return inFlight;
    },
    clear() {
      cached = null;
      inFlight = null;
      generation += 1;
    },
  };
}
