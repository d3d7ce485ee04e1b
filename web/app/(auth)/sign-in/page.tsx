import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentSession } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[] }>;
}) {
  const { reason } = await searchParams;
  // An expired-session redirect must show the form even if a stale cookie remains.
  if (!reason && (await currentSession())) redirect("/tasks");
  return <SignInForm reason={typeof reason === "string" ? reason : undefined} />;
}
