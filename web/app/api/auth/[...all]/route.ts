// Better Auth's routes: sign-up/in/out, session, /token (the API's JWT), /jwks.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";

export const { GET, POST } = toNextJsHandler(auth);
