"use client";
import Link from "next/link";
import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { checkPassword, type AuthField } from "@/lib/auth-errors";
import { MIN_PASSWORD_LENGTH } from "@/lib/password-rules";
import { FormAlert } from "./FormAlert";
import { SubmitButton } from "./SubmitButton";
import { TextField } from "./TextField";
import { useAuthSubmit } from "./useAuthSubmit";

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignUpForm() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, problem, setProblem, submit } = useAuthSubmit();

  // Checks the browser can do, so the obvious mistakes need no round trip.
  function localProblem(): { field: AuthField; message: string } | null {
    if (!name.trim()) return { field: "name", message: "Enter your name." };
    if (!EMAIL_PATTERN.test(email.trim())) return { field: "email", message: "Enter a valid email address." };
    const weak = checkPassword(password);
    return weak ? { field: "password", message: weak } : null;
  }

  const fieldError = (field: AuthField) => (problem?.field === field ? problem.message : undefined);

  return (
    <form
      noValidate
      aria-labelledby="sign-up-title"
      onSubmit={(event) => {
        event.preventDefault();
        const local = localProblem();
        if (local) {
          setProblem(local);
          return;
        }
        void submit(() =>
          authClient.signUp.email({ name: name.trim(), email: email.trim(), password }),
        );
      }}
      className="space-y-5"
    >
      <div>
        <h1 id="sign-up-title" className="text-2xl font-bold tracking-tight text-ink">
          Create your account
        </h1>
        <p className="mt-1 text-sm text-ink-muted">Free, and it takes ten seconds.</p>
      </div>
      {/* Field problems show under their field; only the rest go in the banner. */}
      <FormAlert message={problem && !problem.field ? problem.message : null} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={setName}
        error={fieldError("name")}
        required
        autoFocus
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={fieldError("email")}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError("password")}
        required
      />
      <SubmitButton busy={busy} busyLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-ink-muted">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-accent underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
