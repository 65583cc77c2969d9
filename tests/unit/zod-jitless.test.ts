/**
 * The browser entry (instrumentation-client.ts) configures zod before any form validates, so zod
 * never evaluates code from strings: no `Function("")` probe, which a CSP without 'unsafe-eval'
 * reports, and no compiled parsers. Each case runs in a fresh Node process (zod caches its probe);
 * the control shows the probe this prevents is real.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const probe = path.join(import.meta.dirname, "support/zod-probe.ts");
const run = (...args: string[]) =>
  JSON.parse(execFileSync(process.execPath, ["--import", "tsx", probe, ...args], { encoding: "utf8" })) as {
    calls: number;
    jitless: boolean;
  };

describe("zod without eval", () => {
  it("once the client entry has run, zod is jitless and parsing never calls Function", () => {
    expect(run("configured")).toEqual({ calls: 0, jitless: true });
  });

  it("control: without it, zod probes Function and compiles its object parsers", () => {
    const control = run();
    expect(control.jitless).toBe(false);
    expect(control.calls).toBeGreaterThan(0);
  });

  it("the server entry configures zod before it parses the configuration", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(path.join(import.meta.dirname, "../../instrumentation-node.ts"), "utf8");
    const imports = [...source.matchAll(/^import .*?"([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports[0]).toBe("@/lib/core/zod-config");
  });
});
