/**
 * The one module that reads process.env. Everything is validated once; a missing or malformed
 * variable stops the start with one line naming it (see formatConfigError).
 */
import { z } from "zod";

const bool = z.enum(["0", "1", "true", "false", "yes", "no", ""]).transform((v) => v === "1" || v === "true" || v === "yes");

// Empty values are dropped before parsing (see parseConfig), so "unset" and "" mean the same.
const optionalUrl = z.url().optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** IGN Géoplateforme's "Plan IGN" vector style. */
export const DEFAULT_MAP_STYLE_URL = "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json";

const fields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://"),
  DB_POOL_MAX: positiveInt(10),
  /** The postgres.js pool beside Prisma's (lib/db/sql.ts): ballots and live updates. */
  SQL_POOL_MAX: positiveInt(6),
  DEMO: bool.default(false),
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("Géocommuns <no-reply@geocommuns.localhost>"),
  PROCONNECT_ISSUER: optionalUrl,
  PROCONNECT_CLIENT_ID: z.string().optional(),
  PROCONNECT_CLIENT_SECRET: z.string().optional(),
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("OpenID Connect"),
  OPERATOR_NAME: z.string().default("Géocommuns"),
  OPERATOR_IS_STATE: bool.default(false),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (nginx, a load balancer). */
  PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT_EMAIL_PER_ADDRESS: positiveInt(5),
  RATE_LIMIT_EMAIL_PER_IP: positiveInt(20),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(3600),
  /** Per person and per hour (fixed windows in PostgreSQL): posting proposals, comments, reports, invitations. */
  RATE_LIMIT_PROPOSALS_PER_HOUR: positiveInt(10),
  RATE_LIMIT_COMMENTS_PER_HOUR: positiveInt(60),
  RATE_LIMIT_REPORTS_PER_HOUR: positiveInt(30),
  RATE_LIMIT_INVITATIONS_PER_HOUR: positiveInt(50),
  MAIL_MAX_ATTEMPTS: positiveInt(8),
  /** MapLibre style of the base map; "none" draws maps on a plain background (see mapStyleUrl). */
  MAP_STYLE_URL: z
    .union([z.literal("none"), z.url().refine((v) => /^https?:\/\//i.test(v), "must be an http(s) URL or none")])
    .default(DEFAULT_MAP_STYLE_URL),
  /** Signs decision records (lib/decisions). Unset: one key is generated and kept in the database. */
  SIGNING_KEY_ED25519: z
    .string()
    .regex(/-----BEGIN PRIVATE KEY-----/, "must be a PKCS#8 PEM Ed25519 private key (openssl genpkey -algorithm ed25519)")
    .optional(),
  /** Connectors (lib/connectors): where identity challenges are checked and OSM changesets imported (tests: a local server). */
  CONNECTOR_GITHUB_API_URL: z.url().default("https://api.github.com"),
  CONNECTOR_GITLAB_URL: z.url().default("https://gitlab.com"),
  CONNECTOR_GITEA_URL: z.url().default("https://codeberg.org"),
  CONNECTOR_OSM_API_URL: z.url().default("https://api.openstreetmap.org"),
  /** `npm run bench` only: enables the floor endpoints under /api/bench and /bench (404 otherwise). */
  BENCH_ENDPOINTS: bool.default(false),
});

const schema = fields.superRefine((env, ctx) => {
  for (const prefix of ["PROCONNECT", "OIDC"] as const) {
    const set = [env[`${prefix}_ISSUER`], env[`${prefix}_CLIENT_ID`], env[`${prefix}_CLIENT_SECRET`]];
    if (set.some(Boolean) && !set.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: [`${prefix}_ISSUER`],
        message: `${prefix}_ISSUER, ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET must be set together`,
      });
    }
  }
});

export type Config = z.infer<typeof schema>;

/** Every variable the application reads (the deployment test checks compose against it). */
export const configKeys: readonly string[] = Object.keys(fields.shape);

export class ConfigError extends Error {}

export function formatConfigError(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = issue?.path.join(".") ?? "?";
  return `Configuration error: ${name} ${issue?.message ?? "is invalid"}`;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings (e.g. `FOO=` in compose) mean "unset" for optional values.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(formatConfigError(result.error));
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    cached = parseConfig(process.env);
    // Auth.js builds its OAuth redirect_uri from AUTH_URL when set, else from forwarded headers that
    // Next.js may rewrite (localhost for 127.0.0.1): the registered redirect_uri is APP_URL's.
    process.env.AUTH_URL ??= new URL("/api/auth", cached.APP_URL).toString();
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}

export const isProduction = () => config().NODE_ENV === "production";

/** The base map's style URL, or null for a plain background (MAP_STYLE_URL=none). */
export const mapStyleUrl = (): string | null => (config().MAP_STYLE_URL === "none" ? null : config().MAP_STYLE_URL);

/**
 * APP_URL and AUTH_SECRET for signed links in emails (lib/notifications/unsubscribe.ts). Under
 * NODE_ENV=test only, when the application is not configured at all (integration tests of use cases),
 * a fixed test secret stands in, so that use cases that notify can run there.
 */
export function linkSettings(): { appUrl: string; secret: string } {
  try {
    const env = config();
    return { appUrl: env.APP_URL, secret: env.AUTH_SECRET };
  } catch (error) {
    if (error instanceof ConfigError && process.env.NODE_ENV === "test") {
      return {
        appUrl: process.env.APP_URL ?? "http://localhost:3000",
        secret: process.env.AUTH_SECRET ?? "test-only-secret-never-used-outside-tests",
      };
    }
    throw error;
  }
}

const actionLimitFields = fields.pick({
  RATE_LIMIT_PROPOSALS_PER_HOUR: true,
  RATE_LIMIT_COMMENTS_PER_HOUR: true,
  RATE_LIMIT_REPORTS_PER_HOUR: true,
  RATE_LIMIT_INVITATIONS_PER_HOUR: true,
});
export type ActionRateLimits = { proposals: number; comments: number; reports: number; invitations: number };

/**
 * The per-person limits on posting, read on their own (not cached) so that use cases run by the
 * worker or the tests need no database URL or secret; an invalid value throws like config() does.
 */
export function actionRateLimits(env: Record<string, string | undefined> = process.env): ActionRateLimits {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("RATE_LIMIT_") && v));
  const result = actionLimitFields.safeParse(cleaned);
  if (!result.success) throw new ConfigError(formatConfigError(result.error));
  const r = result.data;
  return {
    proposals: r.RATE_LIMIT_PROPOSALS_PER_HOUR,
    comments: r.RATE_LIMIT_COMMENTS_PER_HOUR,
    reports: r.RATE_LIMIT_REPORTS_PER_HOUR,
    invitations: r.RATE_LIMIT_INVITATIONS_PER_HOUR,
  };
}

/**
 * Logging must work before (and when) the rest of the configuration is invalid, so its two
 * settings are read on their own, with safe fallbacks.
 */
export function logSettings(): { level: string; process: string } {
  const level = process.env.LOG_LEVEL ?? "info";
  const valid = ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level);
  return { level: valid ? level : "info", process: process.env.GEOCOMMUNS_PROCESS ?? "web" };
}
