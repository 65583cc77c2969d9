/**
 * Runs in the browser before the application becomes interactive (Next.js convention): zod is told
 * never to probe `Function("")`, which the CSP (proxy.ts) would report, before any form validates.
 */
import "@/lib/core/zod-config";
