/**
 * Validate the configuration at server start, so a missing or malformed variable stops the start
 * with one clear line instead of failing at the first request.
 */
import { config, ConfigError } from "@/lib/core/config";

try {
  config();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
