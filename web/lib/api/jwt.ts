// Reads (does not verify) a JWT's `exp`: the browser only needs it to know
// when to fetch a new token. The API does the verifying.

/** Seconds since the epoch, or undefined if the token has no readable `exp`. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "=");
    const claims: unknown = JSON.parse(atob(padded));
    if (claims && typeof claims === "object" && "exp" in claims) {
      const exp = (claims as { exp: unknown }).exp;
      return typeof exp === "number" && Number.isFinite(exp) ? exp : undefined;
    }
  } catch {
    // fall through: an unreadable token is simply never reused
  }
  return undefined;
}
