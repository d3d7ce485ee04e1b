// The current Better Auth session, read on the server from the request cookies.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { auth } from "./auth";

export async function currentSession() {
  const requestHeaders = await headers();
  try {
    return await auth.api.getSession({ headers: requestHeaders });
  } catch (error) {
    unstable_rethrow(error); // let Next's own control-flow errors through
    // A database outage must not turn every page into a 500: treat the
    // visitor as signed out; the sign-in form then reports the outage itself.
    console.error("getSession failed:", error instanceof Error ? error.message : error);
    return null;
  }
}
