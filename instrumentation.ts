/**
 * Runs once when a server process starts (`next start`, the standalone server in Docker): validate
 * the configuration there, so a missing or malformed variable stops the start with one clear line
 * instead of failing at the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config, ConfigError } = await import("@/lib/config");
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
