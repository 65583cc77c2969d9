/**
 * A real OpenID Connect provider for integration and end-to-end tests, shaped like
 * France's ProConnect (the agents' identity federation), built on `oidc-provider` v9.
 *
 * What it imitates from ProConnect, because the application must cope with it:
 * - authorization code flow only (`response_type=code`), `state` AND `nonce` required;
 * - scopes `openid email given_name usual_name siret` (+ `idp_id`, `organization_label`,
 *   and the standard `profile`), claims `sub email given_name usual_name siret
 *   organization_label idp_id`; `sub` is opaque (not the e-mail);
 * - ID token signed RS256;
 * - the userinfo endpoint answers a signed JWT (`Content-Type: application/jwt`),
 *   not JSON (client metadata `userinfo_signed_response_alg: 'RS256'`);
 * - `acr` is `eidas1`; RP-initiated logout (`end_session_endpoint`) with no prompt.
 * PKCE (S256) is accepted but not required, so clients with and without it both work.
 *
 * There is no person to type a password: the login page is a one-field form (`login`,
 * labelled "Email") with a "Sign in" button; any e-mail of the configured accounts
 * signs in, and consent is granted automatically for whatever was requested.
 *
 * In-process:  `const op = await startOidcServer({ clients, accounts })` → `op.issuer`.
 * Standalone:  `npx tsx tests/support/oidc-server.ts --port 9000 --client-id X
 *               --client-secret Y --redirect-uri URI [--redirect-uri URI2 …]`
 *              prints `{"issuer":"http://127.0.0.1:9000"}` on stdout and runs until SIGTERM.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { exportJWK, generateKeyPair } from "jose";

const HOST = "127.0.0.1";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type TokenEndpointAuthMethod = "client_secret_basic" | "client_secret_post";

/** A relying party allowed to use the provider (OIDC client metadata names). */
export interface OidcClientConfig {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Where `end_session_endpoint` may send the browser back to after logout. */
  post_logout_redirect_uris?: string[];
  /**
   * How the client authenticates at the token endpoint. oidc-provider enforces exactly
   * one method per client. Default `client_secret_basic` (Auth.js / oauth4webapi's default).
   */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
}

/** A person who can sign in; keyed by the e-mail typed in the login form. */
export interface OidcAccount {
  /** Opaque subject (also the provider's account id); default: a stable SHA-256 of the login (see `defaultSubFor`). */
  sub?: string;
  /** Default: the login (map key). */
  email?: string;
  given_name: string;
  usual_name: string;
  /** 14 digits, checked at start. */
  siret: string;
  organization_label?: string;
  /** Identifier of the identity provider behind ProConnect. */
  idp_id?: string;
}

export type OidcAccounts = Record<string, OidcAccount>;

export interface StartOidcServerOptions {
  /** 0 or absent: a free port. The issuer is `http://127.0.0.1:PORT`. */
  port?: number;
  clients: OidcClientConfig[];
  /** Default: `DEFAULT_ACCOUNTS`. */
  accounts?: OidcAccounts;
}

export interface OidcServer {
  /** `http://127.0.0.1:PORT` (no trailing slash); discovery is `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  port: number;
  /** The `sub` each login will receive, to assert on without recomputing it. */
  subFor(login: string): string;
  stop(): Promise<void>;
}

/** A ready-made agent, so a test needs no account set-up. */
export const DEFAULT_ACCOUNTS: OidcAccounts = {
  "agent@ville-exemple.fr": {
    given_name: "Camille",
    usual_name: "Martin",
    siret: "21750001600019",
    organization_label: "Mairie de Paris",
    idp_id: "fia1",
  },
};

/** Deterministic across restarts, so an e2e test can rely on the same user row. */
export function defaultSubFor(login: string): string {
  return createHash("sha256").update(normalizeLogin(login)).digest("hex");
}

// ---------------------------------------------------------------------------
// The small part of oidc-provider's API used here
// ---------------------------------------------------------------------------
// oidc-provider ships no type declarations and @types/oidc-provider is not a dependency,
// so the surface used below is described locally and the module is loaded through a
// non-literal specifier (a literal one would be TS7016 "no declaration file" under
// `strict`, whatever the project's tsconfig ends up being).

type Ctx = { oidc: { route: string } };

interface AccountClaims {
  sub: string;
  [claim: string]: unknown;
}

interface Account {
  accountId: string;
  claims(use: string, scope: string): Promise<AccountClaims>;
}

interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

interface InteractionDetails {
  uid: string;
  grantId?: string;
  prompt: {
    name: string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: Record<string, unknown> & { client_id: string; scope?: string; login_hint?: string };
  session?: { accountId: string };
}

type InteractionResult =
  | { login: { accountId: string; acr?: string; amr?: string[]; remember?: boolean } }
  | { consent: { grantId?: string } }
  | { error: string; error_description?: string };

interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: InteractionResult,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
  on(event: string, listener: (ctx: unknown, error: Error) => void): void;
}

interface OidcProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => Provider;
  errors: { InvalidRequest: new (description: string) => Error };
}

const OIDC_PROVIDER_MODULE: string = "oidc-provider";

async function loadOidcProvider(): Promise<OidcProviderModule> {
  return (await import(OIDC_PROVIDER_MODULE)) as OidcProviderModule;
}

// ---------------------------------------------------------------------------
// Provider configuration
// ---------------------------------------------------------------------------

/** Scope → claims it releases (oidc-provider's `claims` setting). `null` = claim requestable on its own. */
const CLAIMS = {
  auth_time: null,
  sid: null,
  // acr/amr here, not as standalone (`null`) claims, so the ID token always carries them
  // like ProConnect's does; otherwise oidc-provider only adds acr when acr_values or the
  // claims parameter asked for it.
  openid: ["sub", "acr", "amr"],
  email: ["email"],
  given_name: ["given_name"],
  usual_name: ["usual_name"],
  siret: ["siret", "organization_label"],
  organization_label: ["organization_label"],
  idp_id: ["idp_id"],
  profile: ["given_name", "usual_name", "family_name", "name"],
} as const;

/** ProConnect's default level of assurance. */
const ACR = "eidas1";

function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** A configured account with its resolved subject. */
interface KnownAccount {
  login: string;
  sub: string;
  account: OidcAccount;
}

/**
 * oidc-provider v9 always sets `sub` to the account id (it overwrites whatever
 * `claims()` returns), so the account id IS the opaque sub; the login form maps the
 * typed e-mail to it.
 */
interface AccountDirectory {
  byLogin: Map<string, KnownAccount>;
  bySub: Map<string, KnownAccount>;
}

function buildDirectory(accounts: OidcAccounts): AccountDirectory {
  const directory: AccountDirectory = { byLogin: new Map(), bySub: new Map() };
  for (const [rawLogin, account] of Object.entries(accounts)) {
    const login = normalizeLogin(rawLogin);
    if (!/^\d{14}$/.test(account.siret)) {
      throw new Error(`oidc-server: account ${login} has siret "${account.siret}", expected 14 digits`);
    }
    const known: KnownAccount = { login, sub: account.sub ?? defaultSubFor(login), account };
    if (directory.bySub.has(known.sub)) throw new Error(`oidc-server: two accounts share the sub ${known.sub}`);
    directory.byLogin.set(login, known);
    directory.bySub.set(known.sub, known);
  }
  return directory;
}

function claimsOf({ login, sub, account }: KnownAccount): AccountClaims {
  const claims: AccountClaims = {
    sub,
    email: account.email ?? login,
    given_name: account.given_name,
    usual_name: account.usual_name,
    // `profile` is standard OIDC: map ProConnect's usual_name onto family_name/name.
    family_name: account.usual_name,
    name: `${account.given_name} ${account.usual_name}`,
    siret: account.siret,
  };
  if (account.organization_label !== undefined) claims.organization_label = account.organization_label;
  if (account.idp_id !== undefined) claims.idp_id = account.idp_id;
  return claims;
}

async function signingKeys(): Promise<Record<string, unknown>[]> {
  // A fresh RS256 key per start: tests fetch the JWKS anyway, and nothing secret is
  // committed. (Without `jwks` oidc-provider would use its insecure quick-start keys.)
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return [{ ...jwk, kid: randomUUID(), alg: "RS256", use: "sig" }];
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  // Self-contained (no web fonts or CDN): the test machines have no network.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ProConnect (test)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;font-size:1rem;margin:.25rem 0}
input{width:100%;padding:.5rem;box-sizing:border-box}
button{padding:.5rem 1rem;margin-top:1rem}
.error{color:#b00}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

function loginPage(details: InteractionDetails, clientId: string, error?: string): string {
  const uid = escapeHtml(details.uid);
  const prefill = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
  return page(
    "Sign in",
    `<p>Test identity provider for <strong>${escapeHtml(clientId)}</strong>
(scopes: <code>${escapeHtml(details.params.scope ?? "")}</code>).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login" autocomplete="off">
<label for="login">Email</label>
<input id="login" name="login" type="email" required autofocus value="${escapeHtml(prefill)}">
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort">
<button type="submit">Cancel</button>
</form>`,
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(html),
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * The interaction endpoints oidc-provider redirects to (`interactions.url`).
 * GET  /interaction/:uid         login prompt → the form; consent prompt → auto-granted
 * POST /interaction/:uid/login   form submission
 * POST /interaction/:uid/abort   "Cancel" → access_denied back to the client
 */
async function handleInteraction(
  provider: Provider,
  accounts: AccountDirectory,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
): Promise<void> {
  let details: InteractionDetails;
  try {
    // Reads the `_interaction` cookie (path /interaction/:uid) set by the provider.
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    sendHtml(res, 400, page("Interaction expired", `<p class="error">${escapeHtml(String(error))}</p>`));
    return;
  }
  if (details.uid !== uid) {
    sendHtml(
      res,
      400,
      page("Interaction mismatch", '<p class="error">This sign-in page belongs to another request; start again.</p>'),
    );
    return;
  }
  const clientId = details.params.client_id;

  if (req.method === "GET" && action === undefined) {
    if (details.prompt.name === "login") {
      sendHtml(res, 200, loginPage(details, clientId));
      return;
    }
    if (details.prompt.name === "consent") {
      await grantConsent(provider, details, res, req);
      return;
    }
    sendHtml(res, 400, page("Unsupported prompt", `<p class="error">${escapeHtml(details.prompt.name)}</p>`));
    return;
  }

  if (req.method === "POST" && action === "login") {
    const form = await readForm(req);
    const login = normalizeLogin(form.get("login") ?? "");
    const known = accounts.byLogin.get(login);
    if (!known) {
      sendHtml(res, 401, loginPage(details, clientId, `Unknown account: ${login || "(empty)"}`));
      return;
    }
    // The provider resumes the authorization, finds consent missing, and sends the
    // browser back here with a consent prompt, which GET grants without a page.
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: known.sub, acr: ACR, amr: ["pwd"] } },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  if (req.method === "POST" && action === "abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User aborted interaction" },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  sendHtml(res, 405, page("Method not allowed", ""));
}

/** ProConnect shows no consent screen: grant exactly what the client asked for. */
async function grantConsent(
  provider: Provider,
  details: InteractionDetails,
  res: ServerResponse,
  req: IncomingMessage,
): Promise<void> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error("consent prompt without a signed-in session");
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: details.params.client_id });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  const grantId = await grant.save();
  // A new grant's id must be handed back; an updated existing one is already known.
  await provider.interactionFinished(req, res, { consent: existing ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

function buildConfiguration(
  mod: OidcProviderModule,
  clients: OidcClientConfig[],
  accounts: AccountDirectory,
  jwks: Record<string, unknown>[],
): Record<string, unknown> {
  const requireParam = (name: "nonce" | "state") =>
    // extraParams validators run on the authorization endpoint after redirect_uri is
    // validated, so the error goes back to the client as ?error=invalid_request, like
    // ProConnect. Only front-channel routes carry these parameters.
    async function validate(ctx: Ctx, value: unknown): Promise<void> {
      const { route } = ctx.oidc;
      if (route !== "authorization" && route !== "pushed_authorization_request") return;
      if (typeof value !== "string" || value.length === 0) {
        throw new mod.errors.InvalidRequest(`missing required parameter '${name}'`);
      }
    };

  return {
    clients: clients.map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris,
      post_logout_redirect_uris: client.post_logout_redirect_uris ?? [],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: client.token_endpoint_auth_method ?? "client_secret_basic",
      id_token_signed_response_alg: "RS256",
      // The ProConnect quirk: userinfo is a JWS (needs features.jwtUserinfo).
      userinfo_signed_response_alg: "RS256",
    })),
    jwks: { keys: jwks },
    // Signs the session/interaction cookies; random per start is fine for tests.
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: CLAIMS,
    // Fixed lifetimes (seconds); oidc-provider prints a notice for each default it falls back to.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 86_400, Grant: 86_400 },
    acrValues: [ACR],
    responseTypes: ["code"],
    // v9 requires PKCE only for public clients (token_endpoint_auth_method "none") and
    // FAPI profiles; say "never" explicitly so the behaviour does not hinge on that
    // default. A client that sends code_challenge (S256 only; "plain" is refused) is
    // still held to it at the token endpoint.
    pkce: { required: () => false },
    extraParams: { nonce: requireParam("nonce"), state: requireParam("state") },
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const known = accounts.bySub.get(id);
      if (!known) return undefined;
      return {
        accountId: known.sub,
        // oidc-provider filters these by granted scopes/claims and by use (id_token vs userinfo).
        claims: async () => claimsOf(known),
      };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    features: {
      // Replaced by the form above (devInteractions would show its own login page).
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      // ProConnect takes a `claims` parameter (e.g. to ask for a specific acr).
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // ProConnect logs out without asking: submit oidc-provider's form (which
        // carries the xsrf token) at once, with logout=yes to end the OP session.
        logoutSource: async (ctx: { body: unknown }, form: string): Promise<void> => {
          ctx.body = page(
            "Signing out",
            `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.querySelector('button[form="op.logoutForm"]').click()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx: { body: unknown }): Promise<void> => {
          ctx.body = page("Signed out", "<p>You are signed out.</p>");
        },
      },
    },
    // The default error page pulls a web font from the internet; keep it local and readable.
    async renderError(ctx: { type: string; body: unknown }, out: Record<string, string>): Promise<void> {
      ctx.type = "html";
      ctx.body = page(
        "Error",
        Object.entries(out)
          .map(([key, value]) => `<p class="error"><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
          .join("\n"),
      );
    },
  };
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

export async function startOidcServer(options: StartOidcServerOptions): Promise<OidcServer> {
  if (options.clients.length === 0) throw new Error("oidc-server: at least one client is required");
  const accounts = buildDirectory(options.accounts ?? DEFAULT_ACCOUNTS);
  const [mod, jwks] = await Promise.all([loadOidcProvider(), signingKeys()]);

  // The issuer contains the port, which is only known once listening (port 0), so the
  // provider is created after listen() and the request handler attached then (nobody can
  // send a request before the port is returned to them).
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${HOST}:${port}`;

  // Plain http is accepted for the issuer; cookies are simply not marked Secure since
  // the request is not over TLS. `provider.proxy = true` is only needed behind a
  // TLS-terminating proxy (to trust X-Forwarded-*), which is not the case here.
  const provider = new mod.default(issuer, buildConfiguration(mod, options.clients, accounts, jwks));
  // Surface why a flow failed in the test output (stderr) instead of only in a redirect.
  for (const event of ["server_error", "authorization.error", "grant.error", "userinfo.error", "end_session.error"]) {
    provider.on(event, (ctx, error) => {
      const params = (ctx as { oidc?: { params?: Record<string, unknown> } }).oidc?.params;
      if (params?.redirect_uri) console.error(`[oidc-server] ${event} redirect_uri=${String(params.redirect_uri)}`);
      const { error_description: description, error_detail: detail } = error as Error & {
        error_description?: string;
        error_detail?: string;
      };
      console.error(
        `[oidc-server] ${event}: ${error.message}${description ? ` (${description})` : ""}${detail ? ` – ${detail}` : ""}`,
      );
    });
  }
  const providerCallback = provider.callback();

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(pathname);
    if (!match?.[1]) {
      providerCallback(req, res);
      return;
    }
    handleInteraction(provider, accounts, req, res, match[1], match[2]).catch((error: unknown) => {
      console.error("[oidc-server] interaction failed:", error);
      if (!res.headersSent) sendHtml(res, 500, page("Error", `<p class="error">${escapeHtml(String(error))}</p>`));
      else res.end();
    });
  });

  return {
    issuer,
    port,
    subFor: (login) => accounts.byLogin.get(normalizeLogin(login))?.sub ?? defaultSubFor(login),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch() keeps connections alive; do not wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------
// Standalone entry point
// ---------------------------------------------------------------------------

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

const USAGE = `usage: tsx tests/support/oidc-server.ts --client-id ID --client-secret SECRET --redirect-uri URI
  [--redirect-uri URI ...] [--post-logout-redirect-uri URI ...] [--port 9000]
  [--token-endpoint-auth-method client_secret_basic|client_secret_post]
  [--accounts FILE.json | --accounts '{"a@b.fr":{...}}']`;

function parseAccounts(value: string | undefined): OidcAccounts | undefined {
  if (value === undefined) return undefined;
  const text = value.trimStart().startsWith("{") ? value : readFileSync(value, "utf8");
  return JSON.parse(text) as OidcAccounts;
}

async function main(): Promise<void> {
  // oidc-provider prints notices with console.info (stdout); stdout must carry only
  // the JSON line the parent process parses, so send every log to stderr.
  console.info = console.error;
  console.log = console.error;

  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      "redirect-uri": { type: "string", multiple: true },
      "post-logout-redirect-uri": { type: "string", multiple: true },
      "token-endpoint-auth-method": { type: "string" },
      accounts: { type: "string" },
    },
    strict: true,
  });
  const clientId = values["client-id"];
  const clientSecret = values["client-secret"];
  const redirectUris = values["redirect-uri"] ?? [];
  const authMethod = values["token-endpoint-auth-method"] ?? "client_secret_basic";
  if (!clientId || !clientSecret || redirectUris.length === 0) throw new Error(USAGE);
  if (authMethod !== "client_secret_basic" && authMethod !== "client_secret_post") throw new Error(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number\n${USAGE}`);

  const server = await startOidcServer({
    port,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: values["post-logout-redirect-uri"] ?? [],
        token_endpoint_auth_method: authMethod,
      },
    ],
    accounts: parseAccounts(values.accounts),
  });
  process.stdout.write(`${JSON.stringify({ issuer: server.issuer })}\n`);

  const shutdown = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

if (isMainModule()) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
