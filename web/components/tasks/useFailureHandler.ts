"use client";
// Every failure ends here: sign in again, offer a retry, or say why.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { apiTokens } from "@/lib/api/browser-token";
import { isApiError } from "@/lib/api/errors";
import type { ToastInput } from "./useToasts";

export interface Outage {
  detail: string;
  retry: () => void;
}

export function useFailureHandler(showToast: (toast: ToastInput) => number, setOutage: (outage: Outage) => void) {
  const router = useRouter();
  return useCallback(
    (error: unknown, retry: () => void) => {
      if (isApiError(error)) {
        if (error.kind === "signed_out") {
          apiTokens.clear();
          router.replace("/sign-in?reason=expired");
          return;
        }
        if (error.kind === "unavailable") {
          setOutage({ detail: error.detail, retry });
          return;
        }
        showToast({ message: error.detail, tone: "error" });
        return;
      }
      console.error(error);
      showToast({ message: "Something went wrong. Please try again.", tone: "error" });
    },
    [router, showToast, setOutage],
  );
}
