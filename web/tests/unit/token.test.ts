import { describe, expect, it, vi } from "vitest";
import { createTokenCache } from "@/lib/api/token";
import { jwtExpiry } from "@/lib/api/jwt";
import { SignedOutError } from "@/lib/api/errors";
import { fakeJwt } from "./helpers";

const T0 = 1_800_000_000; // seconds

/** A token cache over a fake clock and a fetcher that mints `exp = now + 900`. */
function setup() {
  let nowMs = T0 * 1000;
  let minted = 0;
  const fetchToken = vi.fn(async () => {
    minted += 1;
    return fakeJwt({ sub: "user-1", n: minted, exp: Math.floor(nowMs / 1000) + 900 });
  });
  const cache = createTokenCache({ fetchToken, now: () => nowMs });
  return {
    cache,
    fetchToken,
    advance: (seconds: number) => {
      nowMs += seconds * 1000;
    },
  };
}

describe("token cache", () => {
  it("fetches a token on first use and reuses it while it is fresh", async () => {
    const { cache, fetchToken, advance } = setup();
    const first = await cache.get();
    advance(600); // 300 s left
    expect(await cache.get()).toBe(first);
    advance(239); // 61 s left: still more than the 60 s margin
    expect(await cache.get()).toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("refreshes once fewer than 60 seconds of validity remain", async () => {
    const { cache, fetchToken, advance } = setup();
    const first = await cache.get();
    advance(841); // 59 s left
    const second = await cache.get();
    expect(second).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(await cache.get()).toBe(second);
  });

  it("refreshes an already expired token", async () => {
    const { cache, fetchToken, advance } = setup();
    await cache.get();
    advance(3600);
    await cache.get();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("force-refreshes even when the cached token is fresh", async () => {
    const { cache, fetchToken } = setup();
    const first = await cache.get();
    const forced = await cache.get(true);
    expect(forced).not.toBe(first);
    expect(await cache.get()).toBe(forced); // the forced token is cached too
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("shares one fetch between concurrent callers", async () => {
    const { cache, fetchToken } = setup();
    const [a, b, c] = await Promise.all([cache.get(), cache.get(), cache.get(true)]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("forgets the token on clear() (sign-out, another user signing in)", async () => {
    const { cache, fetchToken } = setup();
    const first = await cache.get();
    cache.clear();
    expect(await cache.get()).not.toBe(first);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("does not cache a token fetched before clear()", async () => {
    let release!: (token: string) => void;
    const fetchToken = vi
      .fn<() => Promise<string>>()
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
      .mockResolvedValue(fakeJwt({ exp: T0 + 900, who: "new" }));
    const cache = createTokenCache({ fetchToken, now: () => T0 * 1000 });
    const pending = cache.get();
    cache.clear();
    release(fakeJwt({ exp: T0 + 900, who: "old" }));
    await pending;
    expect(await cache.get()).toBe(fakeJwt({ exp: T0 + 900, who: "new" }));
  });

  it("never reuses a token without a readable exp", async () => {
    const fetchToken = vi.fn(async () => "not-a-jwt");
    const cache = createTokenCache({ fetchToken, now: () => T0 * 1000 });
    await cache.get();
    await cache.get();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("passes on SignedOutError and retries the fetch next time", async () => {
    const fetchToken = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new SignedOutError())
      .mockResolvedValue(fakeJwt({ exp: T0 + 900 }));
    const cache = createTokenCache({ fetchToken, now: () => T0 * 1000 });
    await expect(cache.get()).rejects.toBeInstanceOf(SignedOutError);
    await expect(cache.get()).resolves.toMatch(/\./);
  });
});

describe("jwtExpiry", () => {
  it("reads exp from a base64url payload", () => {
    expect(jwtExpiry(fakeJwt({ exp: 1795315716, name: "Zoë ✓" }))).toBe(1795315716);
  });

  it("is undefined for malformed tokens or a missing exp", () => {
    expect(jwtExpiry("garbage")).toBeUndefined();
    expect(jwtExpiry("a.!!!.c")).toBeUndefined();
    expect(jwtExpiry(fakeJwt({ sub: "x" }))).toBeUndefined();
    expect(jwtExpiry(fakeJwt({ exp: "soon" }))).toBeUndefined();
  });

  it("peeks at the cached token synchronously while it stays valid, and never fetches", async () => {
    const { cache, fetchToken, advance } = setup();
    expect(cache.peek()).toBeNull(); // nothing cached yet
    const token = await cache.get();
    expect(cache.peek()).toBe(token);
    advance(870); // 30 s left: due for a refresh, still good for a request
    expect(cache.peek()).toBe(token);
    advance(25); // 5 s left: too close to expiry to send
    expect(cache.peek()).toBeNull();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await cache.get();
    cache.clear();
    expect(cache.peek()).toBeNull();
  });
});
