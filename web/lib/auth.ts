// Better Auth on the server: the instance behind /api/auth/* and getSession().
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { createAuthOptions } from "./auth-options";

const options = createAuthOptions();

export const auth = betterAuth({
  ...options,
  // nextCookies must stay last: it lets server actions set auth cookies.
  plugins: [...options.plugins, nextCookies()],
});

export type Session = typeof auth.$Infer.Session;
