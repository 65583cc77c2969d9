// postinstall: generate the Prisma client offline. `prisma generate` only checks that a schema engine
// binary exists (it never runs it), and would otherwise try to download one; where no real engine is
// installed, point it at Node itself.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { env, stdio: "inherit" });
process.exit(result.status ?? 1);
