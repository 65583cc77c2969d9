/**
 * Zod, configured once per JavaScript realm before any schema runs: `jitless` keeps it from compiling
 * object parsers with `new Function(...)` and from even probing whether it may (`Function("")`), which
 * a strict Content-Security-Policy without 'unsafe-eval' reports as a violation. Imported first by
 * instrumentation-client.ts (the browser, before hydration) and instrumentation-node.ts (the server).
 * The setting lives on globalThis, so every copy of zod in a bundle sees it.
 */
import { z } from "zod";

export function configureZod(): void {
  z.config({ jitless: true });
}

configureZod();
