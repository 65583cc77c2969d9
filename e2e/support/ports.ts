/**
 * Fixed ports for the end-to-end stack: the Playwright config is evaluated in every worker, so the
 * values must be the same everywhere. Override with E2E_PORT_BASE when these are taken.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 3210);

export const ports = {
  neutral: base,
  state: base + 1,
  smtp: base + 2,
  smtpHttp: base + 3,
  oidc: base + 4,
  /** A stand-in for GitHub's API (identity challenges), started by e2e/connectors.spec.ts. */
  forge: base + 5,
};

export const urls = {
  // localhost, not 127.0.0.1: Next.js reports loopback request URLs as localhost, and the OAuth
  // redirect_uri must match what the provider registered.
  neutral: `http://localhost:${ports.neutral}`,
  state: `http://localhost:${ports.state}`,
  smtpHttp: `http://127.0.0.1:${ports.smtpHttp}`,
  oidc: `http://127.0.0.1:${ports.oidc}`,
  forge: `http://127.0.0.1:${ports.forge}`,
};

export const oidcClients = {
  proconnect: { id: "geocommuns-proconnect", secret: "proconnect-secret-for-tests-only-0123456789" },
  generic: { id: "geocommuns-oidc", secret: "oidc-secret-for-tests-only-0123456789abcdef" },
};

export const STATE_OPERATOR = "Institut national de l'information géographique et forestière";
