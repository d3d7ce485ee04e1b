// Keeps the API token (a short-lived JWT from Better Auth) in memory, reuses it
// until shortly before it expires, and fetches a new one when asked to. A page
// being closed cannot wait for a fetch, so `peek` hands out the cached token
// synchronously while it is still valid.
import { jwtExpiry } from "./jwt";

export interface TokenSource {
  /** A token for the API; `force` skips the cache (after the API said 401). */
  get(force?: boolean): Promise<string>;
  /**
   * The cached token if it stays valid for a few more seconds, else null;
   * never fetches. For requests that must start at once (a page being closed).
   */
  peek(): string | null;
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
/** `peek` hands out a token only with more than this many seconds left: time for the request to arrive. */
export const PEEK_MARGIN_SECONDS = 10;

export function createTokenCache(options: TokenCacheOptions): TokenSource {
  const now = options.now ?? (() => Date.now());
  const margin = options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS;
  let cached: { token: string; exp: number } | null = null;
  // Concurrent callers share one fetch instead of each hitting /api/auth/token.
  let inFlight: Promise<string> | null = null;
  // Bumped by clear(), so a fetch started before a sign-out cannot refill the cache.
  let generation = 0;

  /** The cached token if more than `seconds` of validity remain. */
  function lasting(seconds: number): string | null {
    if (!cached) return null;
    const secondsLeft = cached.exp - now() / 1000;
    return secondsLeft > seconds ? cached.token : null;
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
        const token = lasting(margin);
        if (token) return token;
      }
      if (!inFlight) {
        inFlight = refresh().finally(() => {
          inFlight = null;
        });
      }
      return inFlight;
    },
    peek() {
      return lasting(Math.min(margin, PEEK_MARGIN_SECONDS));
    },
    clear() {
      cached = null;
      inFlight = null;
      generation += 1;
    },
  };
}
