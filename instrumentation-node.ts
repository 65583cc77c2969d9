/**
 * Validate the configuration at server start, so a missing or malformed variable stops the start
 * with one clear line instead of failing at the first request; then stamp every request with its
 * socket's peer, the client address no client can forge (lib/web/client-address.ts).
 */
// First: zod must be configured before the configuration (a zod schema) is parsed.
import "@/lib/core/zod-config";
import { config, ConfigError } from "@/lib/core/config";
import { stampSocketPeer } from "@/lib/web/client-address";

try {
  config();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

stampSocketPeer();
