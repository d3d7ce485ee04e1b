"use client";
// Better Auth in the browser. No baseURL: it talks to the origin the page was
// served from, so one build works on any host and port.
import { createAuthClient } from "better-auth/react";
import { jwtClient } from "better-auth/client/plugins";

export const authClient = createAuthClient({ plugins: [jwtClient()] });
