/**
 * The resilience suite runs `next start` on the production build. In `.ci/run` it comes right after
 * `npm test`, whose last step builds; run alone, it builds once when no build is there.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export default function setup() {
  if (existsSync(path.resolve(".next/BUILD_ID"))) return;
  console.log("[resilience] no production build: running next build");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with code ${result.status}`);
}
