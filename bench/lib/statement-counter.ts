/**
 * Counts the SQL statements an app server sends, without touching the app: a TCP proxy between the
 * server and PostgreSQL that reads the frontend half of the wire protocol. A simple query ('Q') or an
 * extended-protocol execution ('E') is one statement; the text comes from 'Q' or the matching Parse
 * ('P'), so transaction control (BEGIN, COMMIT…) can be told apart from data statements. Works with
 * any PostgreSQL (embedded or DATABASE_URL), unlike pg_stat_statements.
 */
import net from "node:net";

export type StatementCounts = { total: number; data: number; transactionControl: number };

const TX_CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET\s|DEALLOCATE|DISCARD)/i;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export type StatementCounter = {
  port: number;
  counts(): StatementCounts;
  /** The statements' text (first 160 characters) since the last call. */
  takeTexts(): string[];
  stop(): Promise<void>;
};

function cstring(buffer: Buffer, start: number): [string, number] {
  const end = buffer.indexOf(0, start);
  return [buffer.toString("utf8", start, end < 0 ? buffer.length : end), end < 0 ? buffer.length : end + 1];
}

export async function startStatementCounter(target: { host: string; port: number }): Promise<StatementCounter> {
  const counts: StatementCounts = { total: 0, data: 0, transactionControl: 0 };
  const sockets = new Set<net.Socket>();
  let texts: string[] = [];
  const count = (text: string) => {
    counts.total++;
    if (texts.length < 500) texts.push(text.replace(/\s+/g, " ").slice(0, 160));
    if (TX_CONTROL.test(text)) counts.transactionControl++;
    else counts.data++;
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    let pending: Buffer = Buffer.alloc(0);
    let startup = true;
    const prepared = new Map<string, string>();
    const portals = new Map<string, string>();
    let unnamed = "";

    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(length);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const type = String.fromCharCode(pending[0]!);
        const body = pending.subarray(5, 1 + length);
        pending = pending.subarray(1 + length);
        if (type === "Q") count(cstring(body, 0)[0]);
        else if (type === "P") {
          const [name, next] = cstring(body, 0);
          const [text] = cstring(body, next);
          if (name === "") unnamed = text;
          else prepared.set(name, text);
        } else if (type === "B") {
          const [portal, next] = cstring(body, 0);
          const [statement] = cstring(body, next);
          portals.set(portal, statement === "" ? unnamed : (prepared.get(statement) ?? ""));
        } else if (type === "E") count(portals.get(cstring(body, 0)[0]) ?? "");
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", close);
    upstream.on("close", close);
    client.on("error", close);
    upstream.on("error", close);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    counts: () => ({ ...counts }),
    takeTexts: () => {
      const taken = texts;
      texts = [];
      return taken;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
