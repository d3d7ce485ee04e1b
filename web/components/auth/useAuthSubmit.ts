"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiTokens } from "@/lib/api/browser-token";
import { describeAuthError, type AuthErrorLike, type AuthProblem } from "@/lib/auth-errors";

type AuthResult = { error: AuthErrorLike | null };

/**
 * Runs a Better Auth sign-in/sign-up call: tracks "busy", turns failures into
 * an AuthProblem (a thrown fetch means the server is unreachable), and on
 * success drops any API token of a previous user and opens the tasks page.
 */
export function useAuthSubmit() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AuthProblem | null>(null);

  async function submit(call: () => Promise<AuthResult>): Promise<void> {
    setBusy(true);
    setProblem(null);
    let result: AuthResult;
    try {
      result = await call();
    } catch {
      setProblem(describeAuthError(null)); // no response at all: server unreachable
      setBusy(false);
      return;
    }
    if (result.error) {
      setProblem(describeAuthError(result.error));
      setBusy(false);
      return;
    }
    apiTokens.clear();
    router.replace("/tasks");
    router.refresh();
  }

  return { busy, problem, setProblem, submit };
}
