/**
 * The client's address, for the per-address limits (sign-in links). A client writes whatever it likes
 * in X-Forwarded-For, and `next start` adds the socket's peer there only when the header is absent,
 * so that header alone cannot tell a forged entry from a real one. The one address no client can
 * choose is the socket's peer: at server start (instrumentation-node.ts), stampSocketPeer listens on
 * Node's `http.server.request.start` diagnostics channel, which sees each request with its socket
 * before Next.js does, and overwrites the PEER_HEADER header with that peer, prefixed by a secret
 * drawn for this process. A request that reached the server before the stamp was in place, or whose
 * header was written by the client, lacks the secret and counts as "unknown".
 *
 * - PROXY_HOPS=0 (no proxy, the default): the socket's peer.
 * - PROXY_HOPS=n: each of the n trusted proxies appended the address it saw to X-Forwarded-For, so
 *   the n-th entry from the right is the address the outermost proxy saw; entries further left are
 *   the client's own words. When there are fewer entries, the request did not come through the
 *   proxies: the socket's peer again.
 */
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-geocommuns-peer";
export const UNKNOWN_ADDRESS = "unknown";

// Shared by every bundle of the process (instrumentation, proxy, route handlers), never sent out.
const SECRET_KEY = Symbol.for("geocommuns.peerStampSecret");
const registry = globalThis as { [SECRET_KEY]?: string };

/** Stamps every request this process receives with its socket's peer (idempotent). */
export function stampSocketPeer(): void {
  if (registry[SECRET_KEY]) return;
  const secret = randomBytes(18).toString("base64url");
  registry[SECRET_KEY] = secret;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${secret} ${socket.remoteAddress ?? UNKNOWN_ADDRESS}`;
  });
}

/** The socket's peer from the stamp, or null when the header is not this process's stamp. */
function stampedPeer(stamp: string | null): string | null {
  const secret = registry[SECRET_KEY];
  if (!secret || !stamp) return null;
  const [given, peer, ...rest] = stamp.split(" ");
  return given === secret && peer && rest.length === 0 ? peer : null;
}

export function clientAddress(headers: { get(name: string): string | null }, proxyHops: number): string {
  const peer = stampedPeer(headers.get(PEER_HEADER)) ?? UNKNOWN_ADDRESS;
  if (proxyHops === 0) return peer;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length >= proxyHops ? entries[entries.length - proxyHops]! : peer;
}
