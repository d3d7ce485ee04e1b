import { describe, expect, it } from "vitest";
import { authBaseUrl, trustedOrigins } from "@/lib/auth-options";
import { apiBaseUrl } from "@/lib/runtime-config";
import { listParams, queryKey } from "@/components/tasks/query";

describe("runtime configuration", () => {
  it("defaults the auth origin to localhost on PORT", () => {
    expect(authBaseUrl({})).toBe("http://localhost:3000");
    expect(authBaseUrl({ PORT: "3100" })).toBe("http://localhost:3100");
    expect(authBaseUrl({ BETTER_AUTH_URL: "https://todo.example.com/", PORT: "1" })).toBe("https://todo.example.com");
  });

  it("trusts the base origin, its localhost twin, and configured extras", () => {
    expect(trustedOrigins({ PORT: "3100", BETTER_AUTH_TRUSTED_ORIGINS: "https://a.example/, " })).toEqual([
      "http://localhost:3100",
      "http://127.0.0.1:3100",
      "https://a.example",
    ]);
  });

  it("reads the API URL at run time, defaulting to localhost:8000", () => {
    expect(apiBaseUrl({})).toBe("http://localhost:8000");
    expect(apiBaseUrl({ NEXT_PUBLIC_API_URL: "http://localhost:8100/" })).toBe("http://localhost:8100");
  });
});

describe("task list query", () => {
  it("maps toolbar choices onto API parameters", () => {
    expect(listParams({ status: "pending", sort: "title-asc", search: " milk " }, 20, 20)).toEqual({
      status: "pending",
      sort: "title",
      order: "asc",
      q: "milk",
      limit: 20,
      offset: 20,
    });
    expect(queryKey({ status: "all", sort: "created-desc", search: "a " })).toBe(
      queryKey({ status: "all", sort: "created-desc", search: " a" }),
    );
  });
});
