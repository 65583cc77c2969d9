/** Where the connectors reach outside services (configurable, so tests point them at a local server). */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { config } from "@/lib/core/config";

export type ConnectorUrls = {
  github: string;
  gitlab: string;
  gitea: string;
  osm: string;
  /** The generic OpenID Connect provider's issuer, when one is configured (a GitLab or Gitea/Forgejo instance may be it). */
  oidcIssuer?: string;
};

export const defaultConnectorUrls: ConnectorUrls = {
  github: "https://api.github.com",
  gitlab: "https://gitlab.com",
  gitea: "https://codeberg.org",
  osm: "https://api.openstreetmap.org",
};

export function connectorUrls(): ConnectorUrls {
  try {
    const env = config();
    return {
      github: env.CONNECTOR_GITHUB_API_URL,
      gitlab: env.CONNECTOR_GITLAB_URL,
      gitea: env.CONNECTOR_GITEA_URL,
      osm: env.CONNECTOR_OSM_API_URL,
      ...(env.OIDC_ISSUER ? { oidcIssuer: env.OIDC_ISSUER } : {}),
    };
  } catch {
    // Use cases run by tests and scripts without a configured application.
    return defaultConnectorUrls;
  }
}

const trim = (url: string) => url.replace(/\/+$/, "");

/** GET a JSON or text document with a timeout and a size cap; throws on network errors and non-2xx. */
export async function fetchCapped(
  url: string,
  { timeoutMs = 8000, maxBytes = 2 * 1024 * 1024, redirect = "follow" as RequestRedirect } = {},
): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    redirect,
    headers: { "user-agent": "Geocommuns connectors" },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`response over ${maxBytes} bytes from ${new URL(url).host}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export const joinUrl = (base: string, path: string) => `${trim(base)}${path}`;

/** Loopback, private, link-local, CGNAT, multicast and reserved addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe8") || v6.startsWith("ff");
}

export class PrivateAddressError extends Error {}

/**
 * A URL a steward typed (a STAC server) must not make the platform reach its own network: in
 * production, a host resolving to a private address is refused. Elsewhere (development, tests with a
 * local server) `allowPrivate` defaults to true.
 */
export async function assertPublicUrl(url: string, { allowPrivate = !isProduction() } = {}): Promise<void> {
  if (allowPrivate) return;
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    throw new PrivateAddressError(`${host} is not a public address`);
}

function isProduction(): boolean {
  try {
    return config().NODE_ENV === "production";
  } catch {
    return false;
  }
}
