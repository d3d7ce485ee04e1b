"use client";
// The browser's one token cache, fed by Better Auth's jwt plugin
// (`authClient.token()` → GET /api/auth/token with the session cookie).
import { authClient } from "@/lib/auth-client";
import { SignedOutError, TokenUnavailableError } from "./errors";
import { createTokenCache } from "./token";

async function tokenFromBetterAuth(): Promise<string> {
  let result: Awaited<ReturnType<typeof authClient.token>>;
  try {
    result = await authClient.token();
  } catch {
    throw new TokenUnavailableError();
  }
  const { data, error } = result;
  if (data?.token) return data.token;
  // 401/403: no session. Anything else (5xx, 429, a body without a token) is
  // a problem on our side that a retry may fix, not a reason to sign out.
  if (error?.status === 401 || error?.status === 403) throw new SignedOutError();
  throw new TokenUnavailableError();
}

export const apiTokens = createTokenCache({ fetchToken: tokenFromBetterAuth });
