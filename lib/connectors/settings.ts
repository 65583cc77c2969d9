/** Where the connectors reach outside services (configurable, so tests point them at a local server). */
import { config } from "@/lib/core/config";

export type ConnectorUrls = { github: string; gitlab: string; gitea: string; osm: string };

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
    };
  } catch {
    // Use cases run by tests and scripts without a configured application.
    return defaultConnectorUrls;
  }
}

const trim = (url: string) => url.replace(/\/+$/, "");

/** GET a JSON or text document with a timeout and a size cap; throws on network errors and non-2xx. */
export async function fetchCapped(url: string, { timeoutMs = 8000, maxBytes = 2 * 1024 * 1024 } = {}): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
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
