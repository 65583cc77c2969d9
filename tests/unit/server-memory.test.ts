/**
 * The web server's memory settings (issue 15, scripts/server-env.ts): npm start and the bench give
 * them to `next start`, the Docker image sets the same; an operator's own values win. A real Node
 * process started with them has the heap limit they name.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MIB, SERVER_MALLOC_ARENA_MAX, SERVER_MALLOC_MMAP_THRESHOLD, serverMemoryEnv } from "@/scripts/server-env";

describe("serverMemoryEnv", () => {
  it("adds the heap limit, two malloc arenas and a fixed mmap threshold by default", () => {
    expect(serverMemoryEnv({})).toEqual({
      NODE_OPTIONS: `--max-old-space-size=${SERVER_HEAP_MIB}`,
      MALLOC_ARENA_MAX: SERVER_MALLOC_ARENA_MAX,
      MALLOC_MMAP_THRESHOLD_: SERVER_MALLOC_MMAP_THRESHOLD,
    });
  });

  it("keeps the operator's other options and adds the limit after them", () => {
    expect(serverMemoryEnv({ NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS).toBe(
      `--enable-source-maps --max-old-space-size=${SERVER_HEAP_MIB}`,
    );
  });

  it("keeps the operator's own heap limit and malloc settings", () => {
    for (const given of ["--max-old-space-size=2048", "--max_old_space_size=2048"]) {
      expect(serverMemoryEnv({ NODE_OPTIONS: given, MALLOC_ARENA_MAX: "4", MALLOC_MMAP_THRESHOLD_: "65536" })).toEqual({
        NODE_OPTIONS: given,
        MALLOC_ARENA_MAX: "4",
        MALLOC_MMAP_THRESHOLD_: "65536",
      });
    }
  });

  it("gives a Node process the heap limit it names", () => {
    const { NODE_OPTIONS } = serverMemoryEnv({});
    const heapMiB = (nodeOptions: string) => {
      const result = spawnSync(
        process.execPath,
        ["-e", "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))"],
        { env: { ...process.env, NODE_OPTIONS: nodeOptions }, encoding: "utf8" },
      );
      expect(result.status, result.stderr).toBe(0);
      return Number(result.stdout) / 2 ** 20;
    };
    // The limit covers the old generation plus the young one (a few tens of MiB).
    const limited = heapMiB(NODE_OPTIONS);
    expect(limited).toBeGreaterThanOrEqual(SERVER_HEAP_MIB);
    expect(limited).toBeLessThan(SERVER_HEAP_MIB + 100);
    // Control: the figure follows the option (so the option, not the machine, sets it).
    expect(heapMiB(`--max-old-space-size=${SERVER_HEAP_MIB * 2}`)).toBeGreaterThanOrEqual(limited + SERVER_HEAP_MIB - 50);
  });
});

describe("the Docker image's app stage", () => {
  it("sets the same heap limit and malloc settings as npm start", () => {
    const dockerfile = readFileSync("Dockerfile", "utf8");
    const app = dockerfile.slice(dockerfile.search(/^FROM\s+\S+\s+AS\s+app\b/m));
    expect(app).toMatch(new RegExp(`^ENV .*NODE_OPTIONS=--max-old-space-size=${SERVER_HEAP_MIB}\\b`, "m"));
    expect(app).toMatch(new RegExp(`^ENV .*MALLOC_ARENA_MAX=${SERVER_MALLOC_ARENA_MAX}\\b`, "m"));
    expect(app).toMatch(new RegExp(`^ENV .*MALLOC_MMAP_THRESHOLD_=${SERVER_MALLOC_MMAP_THRESHOLD}\\b`, "m"));
  });
});
