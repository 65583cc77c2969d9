/**
 * No Docker engine runs here, so the compose file is checked for shape: what it references must
 * exist (Dockerfile targets, npm scripts, configuration variables known to lib/core/config.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configKeys } from "@/lib/core/config";

type Service = {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  volumes?: string[];
};

const compose = parse(readFileSync("docker-compose.yml", "utf8")) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync("Dockerfile", "utf8");
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const targets = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);

describe("docker compose", () => {
  it("runs PostgreSQL (official image, volume, health check), migrations, the app and the worker", () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["db", "migrate", "app", "worker"]));
    const db = compose.services.db!;
    expect(db.image).toMatch(/^postgres:\d+/);
    expect(db.healthcheck).toBeDefined();
    expect(db.volumes?.[0]?.split(":")[0]).toBeOneOf(Object.keys(compose.volumes));
    expect(compose.services.app!.depends_on?.migrate?.condition).toBe("service_completed_successfully");
  });

  it("builds only Dockerfile targets that exist and runs only npm scripts that exist", () => {
    expect(existsSync("Dockerfile")).toBe(true);
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect(targets, `${name}'s target`).toContain(service.build.target);
      const [bin, verb, script] = service.command ?? [];
      if (bin === "npm" && verb === "run") expect(Object.keys(scripts), `${name}'s command`).toContain(script);
    }
  });

  it("passes only variables the configuration knows", () => {
    for (const service of Object.values(compose.services)) {
      if (!service.build) continue;
      for (const name of Object.keys(service.environment ?? {})) expect(configKeys, name).toContain(name);
    }
  });

  it("copies the standalone server and the migrations into the app image", () => {
    expect(dockerfile).toContain(".next/standalone");
    expect(dockerfile).toContain("prisma/migrations");
    expect(dockerfile).toMatch(/CMD \["node", "server\.js"\]/);
  });
});
