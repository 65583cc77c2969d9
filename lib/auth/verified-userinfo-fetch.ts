/**
 * ProConnect answers userinfo as a signed JWT (application/jwt). Auth.js passes it to oauth4webapi,
 * which checks the algorithm, issuer and audience but not the signature; this fetch wrapper verifies
 * the signature against the issuer's published keys before Auth.js reads the claims, and fails the
 * sign-in otherwise.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";

type Fetch = typeof fetch;

export function verifiedUserinfoFetch({ issuer, clientId }: { issuer: string; clientId: string }): Fetch {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  async function keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (keys) return keys;
    const discovery = await fetch(new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`));
    const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri?: string };
    if (!jwksUri) throw new Error("the identity provider publishes no jwks_uri");
    keys = createRemoteJWKSet(new URL(jwksUri));
    return keys;
  }

  return async (input, init) => {
    const response = await fetch(input, init);
    if (!(response.headers.get("content-type") ?? "").startsWith("application/jwt")) return response;
    const jwt = await response.clone().text();
    await jwtVerify(jwt.trim(), await keySet(), { issuer, audience: clientId });
    return response;
  };
}
