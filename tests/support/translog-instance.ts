/**
 * An instance for the verifier to talk to over HTTP: every GET route of the v1 API bound to a test
 * database, behind a node HTTP server on a free port (the checkpoint as text/plain, as in app/).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bindRoute } from "@/lib/api/handle";
import { v1Routes } from "@/lib/api/v1/registry";
import { asPlainText, getLogCheckpointRoute } from "@/lib/api/v1/routes/log";
import type { Db } from "@/lib/db/client";

export async function startInstance(db: Db): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  let baseUrl = "";
  const routes = v1Routes
    .filter((route) => route.method === "GET")
    .map((route) => {
      const names: string[] = [];
      const pattern = new RegExp(
        `^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          names.push(name);
          return "([^/]+)";
        })}$`,
      );
      const handler = bindRoute(route, () => ({ db, appUrl: baseUrl, sessionCookieName: "gc.session" }));
      return { pattern, names, handler: route === getLogCheckpointRoute ? asPlainText(handler) : handler };
    });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", baseUrl);
    const match = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find(({ m }) => m);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const params = Object.fromEntries(match.r.names.map((name, i) => [name, decodeURIComponent(match.m![i + 1]!)]));
    void match.r
      .handler(new Request(url, { headers: req.headers as Record<string, string> }), { params: Promise.resolve(params) })
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
