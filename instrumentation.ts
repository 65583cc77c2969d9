/**
 * Runs once when a server process starts (`next start`, the standalone server in Docker). The Node.js
 * part lives in its own module so the Edge bundle never sees Node-only APIs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
