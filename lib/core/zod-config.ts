/**
 * Zod, configured once per JavaScript realm before any schema runs: `jitless` keeps it from compiling
 * object parsers with `new Function(...)` and from even probing whether it may (`Function("")`), which
 * a strict Content-Security-Policy without 'unsafe-eval' reports as a violation. Imported first by
 * instrumentation-client.ts (the browser, before hydration) and instrumentation-node.ts (the server).
 * The setting lives on globalThis, so every copy of zod in a bundle sees it.
 */
// The named import (not the `z` namespace) lets the browser bundle keep only zod's config function: this module
// runs on every page, most of which validate nothing (issue 15, Lighthouse: the whole of zod was 32 KB of it).
import { config } from "zod";

export function configureZod(): void {
  config({ jitless: true });
}

configureZod();
