/**
 * Proves the two test servers used by the integration and e2e suites do what those
 * suites rely on: a real SMTP receiver (tests/support/smtp-receiver.ts) and a
 * ProConnect-like OpenID provider (tests/support/oidc-server.ts), both in-process and
 * as standalone processes (how Playwright starts them).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { createSmtpReceiverClient, startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { DEFAULT_ACCOUNTS, startOidcServer, type OidcServer } from "../support/oidc-server";

// ---------------------------------------------------------------------------
// SMTP receiver
// ---------------------------------------------------------------------------

describe("SMTP receiver", () => {
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  const transport = () => nodemailer.createTransport(smtp.url);

  it("receives mail sent by nodemailer, parsed with text, html and headers", async () => {
    smtp.clear();
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    const waiting = smtp.waitForMail((m) => m.to.includes("agent@ville-exemple.fr"));

    const info = await transport().sendMail({
      from: '"Géocommuns" <noreply@geocommuns.test>',
      to: "Camille Martin <Agent@Ville-Exemple.fr>",
      bcc: "archive@geocommuns.test",
      subject: "Votre lien de connexion – été",
      text: "Bonjour, cliquez ici : https://example.test/login?token=abc",
      html: '<p>Bonjour, <a href="https://example.test/login?token=abc">cliquez ici</a></p>',
      headers: { "X-Test-Id": "smtp-1" },
    });
    const mail = await waiting;

    expect(mail.messageId).toBe(info.messageId);
    expect(mail.from).toBe("noreply@geocommuns.test");
    expect(mail.headers.from).toContain("Géocommuns");
    // Envelope recipients, lower-cased, Bcc included.
    expect(mail.to).toEqual(["agent@ville-exemple.fr", "archive@geocommuns.test"]);
    expect(mail.subject).toBe("Votre lien de connexion – été");
    expect(mail.text).toContain("https://example.test/login?token=abc");
    expect(mail.html).toContain('<a href="https://example.test/login?token=abc">');
    expect(mail.headers["x-test-id"]).toBe("smtp-1");
    expect(mail.headers.subject).toBe("Votre lien de connexion – été");
    expect(smtp.messages()).toHaveLength(1);
  });

  it("waitForMail finds mail that already arrived and times out with a readable error", async () => {
    const mail = await smtp.waitForMail((m) => m.headers["x-test-id"] === "smtp-1", 100);
    expect(mail.subject).toContain("connexion");
    await expect(smtp.waitForMail((m) => m.subject === "never sent", 200)).rejects.toThrow(/No matching mail within 200 ms/);
    smtp.clear();
    expect(smtp.messages()).toEqual([]);
  });

  it("setFailing(true) makes nodemailer fail with a transient 4xx, then recovers", async () => {
    smtp.clear();
    smtp.setFailing(true);
    const message = { from: "noreply@geocommuns.test", to: "a@b.test", subject: "retry me", text: "x" };
    await expect(transport().sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.messages()).toEqual([]);

    smtp.setFailing(false);
    await transport().sendMail(message);
    expect(smtp.messages().map((m) => m.subject)).toEqual(["retry me"]);
  });

  it("failNext(n) refuses only the next n transactions", async () => {
    smtp.clear();
    smtp.failNext(1);
    const message = { from: "noreply@geocommuns.test", to: "a@b.test", subject: "second try", text: "x" };
    await expect(transport().sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
    await transport().sendMail(message);
    expect(smtp.messages()).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------
// Standalone processes (what Playwright's webServer / globalSetup spawn)
// ---------------------------------------------------------------------------

const supportDir = fileURLToPath(new URL("../support/", import.meta.url));

/** Starts `node --import tsx FILE ARGS` and resolves with the JSON line it prints. */
async function spawnServer(
  file: string,
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; ready: Record<string, string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", `${supportDir}${file}`, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}: ${stderr}`)));
  });
  return { child, ready: JSON.parse(first) as Record<string, string> };
}

async function terminate(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

describe("standalone servers", () => {
  it("smtp-receiver CLI prints its URLs and exposes received mail over HTTP", async () => {
    const { child, ready } = await spawnServer("smtp-receiver.ts", ["--port", "0", "--http-port", "0"]);
    try {
      expect(ready.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(ready.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createSmtpReceiverClient(ready.httpUrl ?? "");
      const transport = nodemailer.createTransport(ready.smtpUrl);

      await transport.sendMail({
        from: "noreply@geocommuns.test",
        to: "x@y.test",
        subject: "over http",
        text: "t",
        html: "<b>h</b>",
      });
      const mail = await client.waitForMail((m) => m.subject === "over http", 5_000);
      expect(mail.html).toBe("<b>h</b>");
      expect(await client.messages({ to: "nobody@y.test" })).toEqual([]);

      await client.setFailing(true);
      await expect(transport.sendMail({ from: "a@b.test", to: "x@y.test", text: "t" })).rejects.toMatchObject({
        responseCode: 451,
      });
      await client.setFailing(false);

      await client.clear();
      expect(await client.messages()).toEqual([]);
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  }, 30_000);

  it("oidc-server CLI prints its issuer and serves discovery", async () => {
    const { child, ready } = await spawnServer("oidc-server.ts", [
      "--port",
      "0",
      "--client-id",
      "cli-client",
      "--client-secret",
      "cli-secret",
      "--redirect-uri",
      "http://127.0.0.1:3000/api/auth/callback/proconnect",
      "--redirect-uri",
      "http://localhost:3000/api/auth/callback/proconnect",
    ]);
    try {
      expect(ready.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const discovery = (await (await fetch(`${ready.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
      expect(discovery.issuer).toBe(ready.issuer);
      const callback = await authorize(discovery, {
        client_id: "cli-client",
        redirect_uri: "http://localhost:3000/api/auth/callback/proconnect",
        scope: "openid email",
      });
      expect(callback.searchParams.get("code")).toBeTruthy();
    } finally {
      expect(await terminate(child)).toBe(0);
    }
  }, 30_000);
});

// ---------------------------------------------------------------------------
// OpenID provider, driven with plain fetch like a browser would
// ---------------------------------------------------------------------------

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  scopes_supported: string[];
  claims_supported: string[];
  userinfo_signing_alg_values_supported: string[];
  id_token_signing_alg_values_supported: string[];
  code_challenge_methods_supported: string[];
}

/** Just enough of a browser cookie store: the provider keeps its session in cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = "", val = ""] = a.trim().split("=");
        return (
          (key.toLowerCase() === "expires" && Date.parse(val) < Date.now()) ||
          (key.toLowerCase() === "max-age" && Number(val) <= 0)
        );
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Runs the front-channel part of the code flow: authorization request, login form
 * (POST the `login` field), auto-consent, and returns the URL the provider finally
 * redirects the browser to (the client's redirect_uri with code or error).
 */
async function authorize(discovery: Discovery, params: Record<string, string>, login = "agent@ville-exemple.fr"): Promise<URL> {
  const jar = new CookieJar();
  const redirectUri = params.redirect_uri ?? "";
  const query = new URLSearchParams({ response_type: "code", state: randomToken(), nonce: randomToken(), ...params });
  let url = new URL(`${discovery.authorization_endpoint}?${query}`);
  for (let hop = 0; hop < 10; hop += 1) {
    if (`${url.origin}${url.pathname}` === redirectUri) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      continue;
    }
    // Not a redirect: the login page. Fill it as a person would.
    const html = await response.text();
    expect(response.status, html).toBe(200);
    expect(html).toMatch(/<label for="login">Email<\/label>/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
    expect(action).toBeDefined();
    const submitted = await fetch(new URL(action ?? "", url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login }),
    });
    jar.store(submitted);
    const next = submitted.headers.get("location");
    if (!next) throw new Error(`login refused (${submitted.status}): ${await submitted.text()}`);
    url = new URL(next, url);
  }
  throw new Error(`too many redirects, last: ${url.href}`);
}

function randomToken(): string {
  return randomBytes(16).toString("base64url");
}

function basicAuth(id: string, secret: string): string {
  // RFC 6749 §2.3.1: form-urlencode each part before base64.
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

describe("ProConnect-like OIDC server", () => {
  const redirectUri = "http://127.0.0.1:3000/api/auth/callback/proconnect";
  let op: OidcServer;
  let discovery: Discovery;

  beforeAll(async () => {
    op = await startOidcServer({
      clients: [
        { client_id: "geocommuns", client_secret: "a-long-enough-test-secret", redirect_uris: [redirectUri] },
        {
          client_id: "geocommuns-post",
          client_secret: "another-test-secret",
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      accounts: DEFAULT_ACCOUNTS,
    });
    discovery = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
  });
  afterAll(async () => {
    await op.stop();
  });

  it("publishes a ProConnect-like discovery document", () => {
    expect(op.issuer).toBe(`http://127.0.0.1:${op.port}`);
    expect(discovery.issuer).toBe(op.issuer);
    expect(discovery.userinfo_signing_alg_values_supported).toContain("RS256");
    expect(discovery.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    for (const scope of ["openid", "email", "given_name", "usual_name", "siret", "idp_id", "profile"]) {
      expect(discovery.scopes_supported).toContain(scope);
    }
    for (const claim of ["sub", "email", "given_name", "usual_name", "siret", "organization_label", "idp_id"]) {
      expect(discovery.claims_supported).toContain(claim);
    }
  });

  it("runs the code flow; userinfo is an RS256-signed JWT carrying the ProConnect claims", async () => {
    const nonce = randomToken();
    const state = randomToken();
    const callback = await authorize(discovery, {
      client_id: "geocommuns",
      redirect_uri: redirectUri,
      scope: "openid email given_name usual_name siret idp_id",
      nonce,
      state,
    });
    expect(callback.searchParams.get("error")).toBeNull();
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(op.issuer);
    const code = callback.searchParams.get("code") ?? "";

    // Token exchange, no PKCE, client_secret_basic.
    const tokenResponse = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: {
        authorization: basicAuth("geocommuns", "a-long-enough-test-secret"),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
    });
    const tokens = (await tokenResponse.json()) as { access_token: string; id_token: string; token_type: string };
    expect(tokenResponse.status, JSON.stringify(tokens)).toBe(200);
    expect(tokens.token_type).toBe("Bearer");

    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const idToken = await jwtVerify(tokens.id_token, jwks, {
      issuer: op.issuer,
      audience: "geocommuns",
      algorithms: ["RS256"],
    });
    expect(idToken.payload.nonce).toBe(nonce);
    expect(idToken.payload.acr).toBe("eidas1");
    const sub = idToken.payload.sub;
    // Opaque and stable, like ProConnect: not the e-mail.
    expect(sub).toBe(createHash("sha256").update("agent@ville-exemple.fr").digest("hex"));
    expect(sub).toBe(op.subFor("agent@ville-exemple.fr"));

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(userinfo.headers.get("content-type")).toMatch(/^application\/jwt\b/);
    const jwt = await userinfo.text();
    expect(decodeProtectedHeader(jwt).alg).toBe("RS256");
    const { payload } = await jwtVerify(jwt, jwks, { issuer: op.issuer, audience: "geocommuns" });
    expect(payload).toMatchObject({
      sub,
      email: "agent@ville-exemple.fr",
      given_name: "Camille",
      usual_name: "Martin",
      siret: "21750001600019",
      organization_label: "Mairie de Paris",
      idp_id: "fia1",
    });
    expect(payload.siret).toMatch(/^\d{14}$/);
  });

  it("accepts PKCE (and then enforces the verifier) with client_secret_post", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const exchange = (code: string, extra: Record<string, string>) =>
      fetch(discovery.token_endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirectUri,
          client_id: "geocommuns-post",
          client_secret: "another-test-secret",
          ...extra,
        }),
      });
    const params = {
      client_id: "geocommuns-post",
      redirect_uri: redirectUri,
      scope: "openid email usual_name",
      code_challenge: challenge,
      code_challenge_method: "S256",
    };

    const first = await authorize(discovery, params);
    const withoutVerifier = await exchange(first.searchParams.get("code") ?? "", {});
    expect(withoutVerifier.status).toBe(400);
    expect(await withoutVerifier.json()).toMatchObject({ error: "invalid_grant" });

    const second = await authorize(discovery, params);
    const ok = await exchange(second.searchParams.get("code") ?? "", { code_verifier: verifier });
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${access_token}` } });
    const { payload } = await jwtVerify(await userinfo.text(), createRemoteJWKSet(new URL(discovery.jwks_uri)));
    // Only what the scopes released.
    expect(payload.usual_name).toBe("Martin");
    expect(payload.siret).toBeUndefined();
  });

  it("requires nonce and state, answering invalid_request to the client", async () => {
    for (const missing of ["nonce", "state"] as const) {
      const query = new URLSearchParams({
        response_type: "code",
        client_id: "geocommuns",
        redirect_uri: redirectUri,
        scope: "openid",
        nonce: "n",
        state: "s",
      });
      query.delete(missing);
      const response = await fetch(`${discovery.authorization_endpoint}?${query}`, { redirect: "manual" });
      const location = new URL(response.headers.get("location") ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("error_description")).toContain(missing);
    }
  });

  it("refuses an unknown account on the login form", async () => {
    await expect(
      authorize(discovery, { client_id: "geocommuns", redirect_uri: redirectUri, scope: "openid" }, "nobody@example.test"),
    ).rejects.toThrow(/login refused \(401\).*Unknown account: nobody@example\.test/s);
  });
});
