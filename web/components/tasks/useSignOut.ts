"use client";
// Signing out, here and in this browser's other tabs: the tab that signs out
// tells the others (lib/auth-broadcast.ts), and each of them sends the deletes
// still waiting for their Undo window (the cached API token outlives the
// session by minutes) and goes to the sign-in page.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiTokens } from "@/lib/api/browser-token";
import { announceSignOut, onSignOutElsewhere } from "@/lib/auth-broadcast";
import { authClient } from "@/lib/auth-client";

export function useSignOut(flushDeletes: () => Promise<void>) {
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const flush = useRef(flushDeletes);
  useEffect(() => {
    flush.current = flushDeletes;
  });

  useEffect(
    () =>
      onSignOutElsewhere(() => {
        setSigningOut(true);
        void flush.current().finally(() => {
          apiTokens.clear();
          router.replace("/sign-in?reason=signed-out");
          router.refresh();
        });
      }),
    [router],
  );

  async function signOut(): Promise<void> {
    setSigningOut(true);
    await flush.current(); // with the token still valid
    try {
      await authClient.signOut();
    } catch {
      // Unreachable server: the sign-in page still follows; the cookie expires on its own.
    }
    announceSignOut();
    apiTokens.clear();
    router.replace("/sign-in?reason=signed-out");
    router.refresh();
  }

  return { signingOut, signOut };
}
