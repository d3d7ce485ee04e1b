import { describe, expect, it } from "vitest";
import { SERVER_DOWN_MESSAGE, checkPassword, describeAuthError } from "@/lib/auth-errors";

describe("auth error messages", () => {
  it("points an email already in use at the email field", () => {
    const problem = describeAuthError({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", status: 422 });
    expect(problem.field).toBe("email");
    expect(problem.message).toMatch(/already exists/);
  });

  it("says wrong email or password without telling which", () => {
    const problem = describeAuthError({ code: "INVALID_EMAIL_OR_PASSWORD", status: 401 });
    expect(problem.field).toBeUndefined();
    expect(problem.message).toMatch(/wrong email or password/i);
  });

  it("calls a short password weak", () => {
    expect(describeAuthError({ code: "PASSWORD_TOO_SHORT", status: 400 })).toEqual({
      field: "password",
      message: "Password is too weak: use at least 8 characters.",
    });
    expect(checkPassword("short")).toMatch(/too weak/);
    expect(checkPassword("long enough")).toBeNull();
  });

  it("treats no response or a 5xx as the server being down", () => {
    expect(describeAuthError(null).message).toBe(SERVER_DOWN_MESSAGE);
    expect(describeAuthError({ status: 500, message: "boom" }).message).toBe(SERVER_DOWN_MESSAGE);
  });

  it("explains rate limiting and passes other messages through", () => {
    expect(describeAuthError({ status: 429 }).message).toMatch(/too many attempts/i);
    expect(describeAuthError({ status: 400, message: "Something specific" }).message).toBe("Something specific");
  });
});
