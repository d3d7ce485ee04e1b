// Turns Better Auth's error answers into messages a person can act on, and
// says which input they concern so the form can point at it.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

export type AuthField = "name" | "email" | "password";

export interface AuthErrorLike {
  code?: string | undefined;
  status?: number | undefined;
  message?: string | undefined;
}

export interface AuthProblem {
  message: string;
  field?: AuthField;
}

export const SERVER_DOWN_MESSAGE =
  "We can't reach the server right now. Check your connection and try again in a moment.";

/** The answer for an error response, or for no response at all (`null`). */
export function describeAuthError(error: AuthErrorLike | null): AuthProblem {
  if (!error) return { message: SERVER_DOWN_MESSAGE };
  switch (error.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return {
        field: "email",
        message: "An account with this email already exists. Sign in instead, or use another email.",
      };
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "CREDENTIAL_ACCOUNT_NOT_FOUND":
      return { message: "Wrong email or password. Check both and try again." };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter a valid email address." };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: weakPasswordMessage() };
    case "PASSWORD_TOO_LONG":
      return {
        field: "password",
        message: `That password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`,
      };
  }
  const status = error.status ?? 0;
  if (status === 429) {
    return { message: "Too many attempts. Wait a few seconds, then try again." };
  }
  if (status === 0 || status >= 500) return { message: SERVER_DOWN_MESSAGE };
  return { message: error.message?.trim() || "Something went wrong. Please try again." };
}

export function weakPasswordMessage(): string {
  return `Password is too weak: use at least ${MIN_PASSWORD_LENGTH} characters.`;
}

/** Checks done in the browser before calling the server; null when fine. */
export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return weakPasswordMessage();
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `That password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  return null;
}
