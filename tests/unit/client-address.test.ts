/**
 * The sign-in limit per address must count the address the request really came from. The attack: a
 * client sends its own X-Forwarded-For (and its own copy of the stamp header) to spread its requests
 * over made-up addresses, or to spend someone else's allowance. A real HTTP server on a socket, with
 * the stamp the app installs at start (instrumentation-node.ts), and the address derived from the
 * headers its handler receives, as clientIp() does for the sign-in route.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, stampSocketPeer, UNKNOWN_ADDRESS } from "@/lib/web/client-address";

let server: Server;
let port: number;
let proxyHops = 0;

beforeAll(async () => {
  stampSocketPeer();
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    res.setHeader("content-type", "text/plain");
    res.end(clientAddress(headers, proxyHops));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A request from this machine (127.0.0.1) with the headers a client chooses. */
function addressSeen(headers: Record<string, string | string[]>, hops = 0): Promise<string> {
  proxyHops = hops;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/api/sign-in/email", method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the client address of a request", () => {
  it("without a proxy, is the socket's peer whatever X-Forwarded-For says", async () => {
    expect(await addressSeen({})).toBe("127.0.0.1");
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9" })).toBe("127.0.0.1");
    expect(await addressSeen({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" })).toBe("127.0.0.1");
  });

  it("cannot be forged through the stamp header itself", async () => {
    expect(await addressSeen({ [PEER_HEADER]: "203.0.113.9" })).toBe("127.0.0.1");
    expect(await addressSeen({ "X-Geocommuns-Peer": ["203.0.113.9", "198.51.100.1"] })).toBe("127.0.0.1");
    // Headers that do not carry this process's stamp (a request before the stamp was installed) count as unknown.
    expect(clientAddress(new Headers({ [PEER_HEADER]: "guess 203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
  });

  it("behind PROXY_HOPS proxies, is the address the outermost one appended", async () => {
    // client → proxy A (appends the client's 198.51.100.7) → app: the client's own entries come first.
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }, 1)).toBe("198.51.100.7");
    expect(await addressSeen({ "x-forwarded-for": "198.51.100.7" }, 1)).toBe("198.51.100.7");
    // client → A → B → app: B appended A's address, A the client's.
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9, 198.51.100.7, 10.0.0.2" }, 2)).toBe("198.51.100.7");
    // Not through the proxies: the socket's peer.
    expect(await addressSeen({}, 1)).toBe("127.0.0.1");
  });
});
