"use client";
import Link from "next/link";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { FormAlert, FormNotice } from "./FormAlert";
import { SubmitButton } from "./SubmitButton";
import { TextField } from "./TextField";
import { useAuthSubmit } from "./useAuthSubmit";

const NOTICES: Record<string, string> = {
  expired: "Your session has ended. Please sign in again.",
  "signed-out": "You have been signed out.",
};

export function SignInForm({ reason }: { reason?: string | undefined }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, problem, submit } = useAuthSubmit();
  const notice = reason ? NOTICES[reason] : undefined;

  return (
    <form
      noValidate
      aria-labelledby="sign-in-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => authClient.signIn.email({ email: email.trim(), password }));
      }}
      className="space-y-5"
    >
      <div>
        <h1 id="sign-in-title" className="text-2xl font-bold tracking-tight text-ink">
          Welcome back
        </h1>
        <p className="mt-1 text-sm text-ink-muted">Sign in to see your tasks.</p>
      </div>
      {notice && !problem && <FormNotice message={notice} />}
      <FormAlert message={problem?.message ?? null} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        required
        autoFocus
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        required
      />
      <SubmitButton busy={busy} busyLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-ink-muted">
        New here?{" "}
        <Link href="/sign-up" className="font-semibold text-accent underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
