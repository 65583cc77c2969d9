/**
 * A real SMTP server for integration and end-to-end tests.
 *
 * The application sends mail through nodemailer exactly as in production; this
 * receiver speaks real SMTP on 127.0.0.1, parses every message with mailparser and
 * keeps it in memory so a test can assert on what a person would have received.
 *
 * Two ways to use it:
 *
 * - In-process (vitest): `const smtp = await startSmtpReceiver()` then point the app's
 *   SMTP settings at `smtp.url` and `await smtp.waitForMail((m) => m.to.includes(addr))`.
 * - Standalone (Playwright `webServer` / globalSetup, where the tests run in another
 *   process): `npx tsx tests/support/smtp-receiver.ts --port 2525 --http-port 2526`.
 *   It prints one JSON line `{"smtpUrl":"smtp://127.0.0.1:2525","httpUrl":"http://127.0.0.1:2526"}`
 *   on stdout and runs until SIGTERM/SIGINT. The received mail is then read over HTTP
 *   (`GET /messages`), conveniently through `createSmtpReceiverClient(httpUrl)`.
 *
 * No authentication and no TLS: the server advertises neither, so nodemailer sends in
 * clear text without `ignoreTLS`. Only loopback is bound: nothing here is reachable
 * from another machine.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from "mailparser";

const HOST = "127.0.0.1";
/** Generous for transactional mail, small enough that a runaway test cannot eat the memory. */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** One received message, as plain JSON-serialisable data (it also travels over HTTP). */
export interface Mail {
  /** The `Message-ID` header, angle brackets included (empty if the sender set none). */
  messageId: string;
  /** Address of the `From` header (falls back to the SMTP envelope sender); the display name is in `headers.from`. */
  from: string;
  /**
   * Every address this server accepted the message for (SMTP `RCPT TO`), lower-cased:
   * To, Cc and Bcc alike, i.e. who actually received it.
   */
  to: string[];
  subject: string;
  /** Plain-text body; '' when the message has none. */
  text: string;
  /** HTML body; '' when the message has none. */
  html: string;
  /**
   * Headers keyed by lower-case name. Values are decoded (RFC 2047 words, address lists
   * as text); headers that appear several times (e.g. `received`) are joined with '\n'.
   */
  headers: Record<string, string>;
  /** The SMTP envelope, as opposed to the headers. */
  envelope: { from: string; to: string[] };
  attachments: { filename: string; contentType: string; size: number }[];
  /** ISO time the server finished receiving the message. */
  receivedAt: string;
}

export type MailPredicate = (mail: Mail) => boolean;

export interface StartSmtpReceiverOptions {
  /** SMTP port; 0 or absent picks a free one (read it back from `port`/`url`). */
  port?: number;
  /**
   * When set (0 = random), also serve the HTTP inspection API on that port so that
   * another process (a Playwright test) can read the mail. See `createSmtpReceiverClient`.
   */
  httpPort?: number;
}

export interface SmtpReceiver {
  /** `smtp://127.0.0.1:PORT`, usable as a nodemailer transport URL. */
  url: string;
  port: number;
  /** `http://127.0.0.1:PORT` of the inspection API, when `httpPort` was given. */
  httpUrl: string | undefined;
  /** Snapshot of the messages received so far, oldest first. */
  messages(): Mail[];
  /**
   * Resolves with the first message (already received or arriving later) matching the
   * predicate; rejects after `timeoutMs` with the list of what did arrive, to make a
   * failing test readable.
   */
  waitForMail(predicate: MailPredicate, timeoutMs?: number): Promise<Mail>;
  /** Forget every message received so far. */
  clear(): void;
  /**
   * Fault injection: while true, every transaction is refused at `MAIL FROM` with a
   * transient `451 4.3.0` reply, which nodemailer surfaces as an error with
   * `responseCode: 451` (what a retrying sender must treat as "try again later").
   */
  setFailing(failing: boolean): void;
  /** Refuse only the next `count` transactions with the same 451, then accept again. */
  failNext(count: number): void;
  stop(): Promise<void>;
}

/** An error carrying the SMTP reply code smtp-server should answer with. */
class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

function isAddressObject(value: HeaderValue | undefined): value is AddressObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "value" in value && "text" in value;
}

/** Decoded value of one header, or the raw (unfolded) line when mailparser structured it in a way a string cannot hold. */
function headerText(decoded: HeaderValue | undefined, rawLine: string): string {
  if (typeof decoded === "string") return decoded;
  if (isAddressObject(decoded)) return decoded.text;
  if (decoded instanceof Date) return decoded.toISOString();
  const colon = rawLine.indexOf(":");
  return rawLine
    .slice(colon + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
}

function flattenHeaders(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const { key, line } of parsed.headerLines) {
    // For repeated headers mailparser keeps an array of decoded values in header order.
    const decoded = parsed.headers.get(key);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const one = Array.isArray(decoded) ? (decoded[index] as HeaderValue | undefined) : decoded;
    const value = headerText(one, line);
    headers[key] = key in headers ? `${headers[key]}\n${value}` : value;
  }
  return headers;
}

function toMail(parsed: ParsedMail, session: SMTPServerSession): Mail {
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
  const headerFrom = parsed.from?.value.find((a) => a.address)?.address;
  return {
    messageId: parsed.messageId ?? "",
    from: headerFrom ?? envelopeFrom,
    to: envelopeTo,
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    headers: flattenHeaders(parsed),
    envelope: { from: envelopeFrom, to: envelopeTo },
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? "",
      contentType: a.contentType,
      size: a.size,
    })),
    receivedAt: new Date().toISOString(),
  };
}

function describeMail(mail: Mail): string {
  return `"${mail.subject}" to ${mail.to.join(", ")}`;
}

function waitForMatch(store: { list: Mail[]; events: EventEmitter }, predicate: MailPredicate, timeoutMs: number): Promise<Mail> {
  const already = store.list.find(predicate);
  if (already) return Promise.resolve(already);
  return new Promise<Mail>((resolve, reject) => {
    const onMail = (mail: Mail): void => {
      let matches: boolean;
      try {
        matches = predicate(mail);
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (matches) {
        cleanup();
        resolve(mail);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      const seen = store.list.map(describeMail).join("; ") || "none";
      reject(new Error(`No matching mail within ${timeoutMs} ms (received: ${seen})`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      store.events.off("mail", onMail);
    };
    store.events.on("mail", onMail);
  });
}

function listen(server: { listen(port: number, host: string, cb: () => void): unknown }, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, HOST, resolve));
}

export async function startSmtpReceiver(options: StartSmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const store = { list: [] as Mail[], events: new EventEmitter() };
  // Many concurrent waitForMail calls are legitimate in a test suite.
  store.events.setMaxListeners(0);
  let failing = false;
  let failuresLeft = 0;

  const shouldFail = (): boolean => {
    if (failing) return true;
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return true;
    }
    return false;
  };

  const smtp = new SMTPServer({
    secure: false,
    // No certificate to offer: never advertise STARTTLS, so clients stay in clear text.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    size: MAX_MESSAGE_BYTES,
    // Without this, stop() could wait 30 s for a pooled client connection to go away.
    closeTimeout: 500,
    onMailFrom(_address, _session, callback) {
      // Refusing at MAIL FROM fails the whole transaction before any data is sent,
      // like a greylisting or overloaded relay would.
      if (shouldFail()) {
        callback(new SmtpReplyError(451, "4.3.0 Temporary failure (fault injected by the test), try again later"));
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(new SmtpReplyError(552, "5.3.4 Message exceeds the fixed maximum message size"));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const mail = toMail(parsed, session);
            store.list.push(mail);
            store.events.emit("mail", mail);
            callback();
          },
          (error: unknown) => {
            callback(new SmtpReplyError(554, `5.6.0 Unparseable message: ${String(error)}`));
          },
        );
      });
    },
  });
  // A client dropping the connection must not crash the test process.
  smtp.on("error", (error: Error) => console.error("[smtp-receiver]", error.message));

  await listen(smtp, options.port ?? 0);
  const port = (smtp.server.address() as AddressInfo).port;

  let http: HttpServer | undefined;
  let httpUrl: string | undefined;

  const receiver: SmtpReceiver = {
    url: `smtp://${HOST}:${port}`,
    port,
    get httpUrl() {
      return httpUrl;
    },
    messages: () => [...store.list],
    waitForMail: (predicate, timeoutMs = 15_000) => waitForMatch(store, predicate, timeoutMs),
    clear: () => {
      store.list.length = 0;
    },
    setFailing: (value) => {
      failing = value;
      if (!value) failuresLeft = 0;
    },
    failNext: (count) => {
      failuresLeft = Math.max(0, Math.floor(count));
    },
    stop: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        http
          ? new Promise<void>((resolve) => {
              http?.close(() => resolve());
              http?.closeAllConnections();
            })
          : Promise.resolve(),
      ]);
    },
  };

  if (options.httpPort !== undefined) {
    http = createServer((req, res) => {
      handleHttp(receiver, req, res).catch((error: unknown) => {
        sendJson(res, 500, { error: String(error) });
      });
    });
    await listen(http, options.httpPort);
    httpUrl = `http://${HOST}:${(http.address() as AddressInfo).port}`;
  }

  return receiver;
}

// ---------------------------------------------------------------------------
// HTTP inspection API (for tests running in another process)
// ---------------------------------------------------------------------------

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * GET    /messages[?to=addr]   received mail, oldest first (optionally only that recipient)
 * DELETE /messages             forget everything
 * PUT    /failing              body {"failing": true|false} or {"failNext": n}: fault injection
 * GET    /health               {"ok": true}, for readiness probes
 */
async function handleHttp(receiver: SmtpReceiver, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/health" && req.method === "GET") {
    sendJson(res, 200, { ok: true });
    return;
  }
  if (url.pathname === "/messages") {
    if (req.method === "GET") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const list = receiver.messages();
      sendJson(res, 200, to ? list.filter((m) => m.to.includes(to)) : list);
      return;
    }
    if (req.method === "DELETE") {
      receiver.clear();
      res.writeHead(204).end();
      return;
    }
  }
  if (url.pathname === "/failing" && (req.method === "PUT" || req.method === "POST")) {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)) || "{}");
    } catch {
      sendJson(res, 400, { error: "body must be JSON" });
      return;
    }
    const { failing, failNext } = (body ?? {}) as { failing?: unknown; failNext?: unknown };
    if (typeof failing === "boolean") receiver.setFailing(failing);
    if (typeof failNext === "number") receiver.failNext(failNext);
    res.writeHead(204).end();
    return;
  }
  sendJson(res, 404, { error: `no route for ${req.method ?? "GET"} ${url.pathname}` });
}

/** What a test in another process uses to read the standalone receiver's mail. */
export interface SmtpReceiverClient {
  messages(filter?: { to?: string }): Promise<Mail[]>;
  /** Polls `GET /messages` until one matches; same contract as `SmtpReceiver.waitForMail`. */
  waitForMail(predicate: MailPredicate, timeoutMs?: number): Promise<Mail>;
  clear(): Promise<void>;
  setFailing(failing: boolean): Promise<void>;
  failNext(count: number): Promise<void>;
}

export function createSmtpReceiverClient(httpUrl: string): SmtpReceiverClient {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(new URL(path, httpUrl), {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
    return response;
  };
  const messages = async (filter?: { to?: string }): Promise<Mail[]> => {
    const query = filter?.to ? `?to=${encodeURIComponent(filter.to)}` : "";
    return (await (await call("GET", `/messages${query}`)).json()) as Mail[];
  };
  return {
    messages,
    async waitForMail(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const list = await messages();
        const found = list.find(predicate);
        if (found) return found;
        if (Date.now() >= deadline) {
          const seen = list.map(describeMail).join("; ") || "none";
          throw new Error(`No matching mail within ${timeoutMs} ms (received: ${seen})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    clear: async () => {
      await call("DELETE", "/messages");
    },
    setFailing: async (failing) => {
      await call("PUT", "/failing", { failing });
    },
    failNext: async (count) => {
      await call("PUT", "/failing", { failNext: count });
    },
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

function parsePort(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${flag} must be a port number, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "http-port": { type: "string" },
    },
    strict: true,
  });
  const receiver = await startSmtpReceiver({
    port: parsePort(values.port, "--port"),
    httpPort: parsePort(values["http-port"], "--http-port"),
  });
  // stdout carries exactly this one machine-readable line; logs go to stderr.
  process.stdout.write(`${JSON.stringify({ smtpUrl: receiver.url, httpUrl: receiver.httpUrl })}\n`);

  const shutdown = (): void => {
    receiver.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

if (isMainModule()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
