import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_MAP_STYLE_URL, parseConfig } from "@/lib/core/config";
import { contentSecurityPolicy } from "@/lib/web/security-headers";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("base map configuration", () => {
  it("defaults to IGN Géoplateforme's Plan IGN style, accepts another URL or none", () => {
    expect(parseConfig(base).MAP_STYLE_URL).toBe(DEFAULT_MAP_STYLE_URL);
    expect(DEFAULT_MAP_STYLE_URL).toMatch(/^https:\/\/data\.geopf\.fr\/.+PLAN\.IGN.+\.json$/);
    expect(parseConfig({ ...base, MAP_STYLE_URL: "none" }).MAP_STYLE_URL).toBe("none");
    expect(parseConfig({ ...base, MAP_STYLE_URL: "https://tiles.example.org/style.json" }).MAP_STYLE_URL).toBe(
      "https://tiles.example.org/style.json",
    );
  });

  it.each(["not a url", "ftp://tiles.example.org/style.json", "javascript:alert(1)"])("refuses MAP_STYLE_URL=%s", (value) => {
    expect(() => parseConfig({ ...base, MAP_STYLE_URL: value })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, MAP_STYLE_URL: value })).toThrow(/MAP_STYLE_URL/);
  });

  it("lets the page reach the base map's host and run MapLibre's worker, nothing more", () => {
    const csp = contentSecurityPolicy({
      nonce: "n",
      dev: false,
      https: true,
      formActions: [],
      mapOrigins: ["https://tiles.example.org"],
    });
    const directive = (name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";
    expect(directive("connect-src")).toBe("connect-src 'self' https://data.geopf.fr https://tiles.example.org");
    expect(directive("img-src")).toContain("https://tiles.example.org");
    expect(directive("worker-src")).toBe("worker-src 'self' blob:");
    expect(directive("script-src")).not.toContain("tiles.example.org");
    const plain = contentSecurityPolicy({ nonce: "n", dev: false, https: false, formActions: [] });
    expect(plain).toContain("connect-src 'self' https://data.geopf.fr;");
  });
});
