/**
 * Starts the whole stack for the end-to-end tests, for real: an embedded PostgreSQL (migrated, demo
 * seeded), an SMTP receiver, an OpenID Connect provider shaped like ProConnect, the outbox worker,
 * and two app servers on the production build sharing the database (one neutral in demo mode, one
 * configured as a State service). Returns the teardown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { startSmtpReceiver } from "@/tests/support/smtp-receiver";
import { DEFAULT_ACCOUNTS, startOidcServer } from "@/tests/support/oidc-server";
import { waitForHealth } from "@/tests/support/wait-for-health";
import { oidcClients, ports, STATE_OPERATOR, urls } from "./ports";

const root = process.cwd();

export default async function globalSetup() {
  const started = Date.now();
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), "gc-e2e-pg-")), "data");
  const database = await startEmbeddedDatabase({ dataDir, persistent: false });
  await applyMigrations({
    connectionString: database.url,
    migrationsDir: path.join(root, "prisma/migrations"),
    schemaPath: path.join(root, "prisma/schema.prisma"),
  });
  // The seed signs the demo's decisions and logs its charters, which reads the configuration: the
  // same database and secret as the app servers below.
  const authSecret = randomBytes(32).toString("base64url");
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = authSecret;
  const seedDb = createDb(database.url, 2);
  await seedDemo(seedDb);
  await seedDb.$disconnect();
  // Specs that seed data the UI cannot produce quickly (e.g. a spam wave) read the database URL here.
  process.env.E2E_DATABASE_URL = database.url;

  const smtp = await startSmtpReceiver({ port: ports.smtp, httpPort: ports.smtpHttp });
  const redirectUris = [urls.neutral, urls.state].flatMap((base) => [
    `${base}/api/auth/callback/proconnect`,
    `${base}/api/auth/callback/oidc`,
  ]);
  const oidc = await startOidcServer({
    port: ports.oidc,
    clients: [
      { client_id: oidcClients.proconnect.id, client_secret: oidcClients.proconnect.secret, redirect_uris: redirectUris },
      { client_id: oidcClients.generic.id, client_secret: oidcClients.generic.secret, redirect_uris: redirectUris },
    ],
    accounts: {
      ...DEFAULT_ACCOUNTS,
      "lea.chercheuse@labo.example": {
        given_name: "Léa",
        usual_name: "Chercheuse",
        siret: "19350936100013",
        organization_label: "Université de Rennes",
      },
    },
  });

  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    SMTP_URL: smtp.url,
    MAIL_FROM: "Géocommuns <no-reply@geocommuns.test>",
    PROCONNECT_ISSUER: oidc.issuer,
    PROCONNECT_CLIENT_ID: oidcClients.proconnect.id,
    PROCONNECT_CLIENT_SECRET: oidcClients.proconnect.secret,
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidcClients.generic.id,
    OIDC_CLIENT_SECRET: oidcClients.generic.secret,
    OIDC_NAME: "Fédération test",
    LOG_LEVEL: "warn",
    RATE_LIMIT_EMAIL_PER_ADDRESS: "3",
    // Identity challenges are read from a local stand-in for GitHub's API (e2e/connectors.spec.ts).
    CONNECTOR_GITHUB_API_URL: urls.forge,
  };
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  const children: ChildProcess[] = [];
  const launch = (args: string[], env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    children.push(child);
    return child;
  };
  const neutral = launch([nextBin, "start", "-p", String(ports.neutral), "-H", "localhost"], {
    ...common,
    APP_URL: urls.neutral,
    DEMO: "1",
    OPERATOR_NAME: "Association Géocommuns de test",
    GEOCOMMUNS_PROCESS: "web-neutral",
  });
  const state = launch([nextBin, "start", "-p", String(ports.state), "-H", "localhost"], {
    ...common,
    APP_URL: urls.state,
    DEMO: "0",
    OPERATOR_IS_STATE: "true",
    OPERATOR_NAME: STATE_OPERATOR,
    GEOCOMMUNS_PROCESS: "web-state",
  });
  launch([tsx, "scripts/worker.ts"], { ...common, APP_URL: urls.neutral, GEOCOMMUNS_PROCESS: "worker" });

  const stopAll = async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)),
    );
    await Promise.allSettled([smtp.stop(), oidc.stop()]);
    await database.stop();
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForHealth(urls.neutral, neutral), waitForHealth(urls.state, state)]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  console.log(`[e2e] stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return stopAll;
}
