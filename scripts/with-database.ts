/**
 * For the command-line scripts: DATABASE_URL when set, else the project's embedded PostgreSQL in
 * .data/postgres (the one `npm start` uses), started for the duration of the command.
 */
import path from "node:path";
import { startEmbeddedDatabase } from "../lib/db/embedded";

export async function withDatabase<T>(run: (connectionString: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) return run(url);
  const database = await startEmbeddedDatabase({ dataDir: path.join(process.cwd(), ".data", "postgres"), persistent: true });
  try {
    return await run(database.url);
  } finally {
    await database.stop();
  }
}
