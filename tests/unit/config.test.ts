import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/core/config";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("configuration", () => {
  it("applies defaults", () => {
    const env = parseConfig(base);
    expect(env.DEMO).toBe(false);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.OPERATOR_IS_STATE).toBe(false);
  });
  it.each([
    [{ DATABASE_URL: undefined }, "DATABASE_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ SMTP_URL: "not a url" }, "SMTP_URL"],
    [{ DEMO: "maybe" }, "DEMO"],
    [{ PROCONNECT_ISSUER: "https://auth.example" }, "PROCONNECT_ISSUER"],
  ])("stops with one line naming the variable: %o", (patch, name) => {
    expect(() => parseConfig({ ...base, ...patch })).toThrow(ConfigError);
    try {
      parseConfig({ ...base, ...patch });
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toContain(name);
    }
  });
});
