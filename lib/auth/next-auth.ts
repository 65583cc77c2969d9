/**
 * next-auth (Auth.js v5) runs the OpenID Connect sign-ins (ProConnect and one generic provider) and
 * writes database sessions through the Prisma adapter. Email links and demo sign-in create the same
 * session rows themselves (lib/auth/email-link.ts, lib/auth/demo.ts); every request then reads the
 * session from the database (lib/web/request.ts), so deleting a row revokes it.
 */
import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/core/log";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { applyOidcClaims, displayNameFromClaims, type OidcClaims } from "./oidc-profile";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { verifiedUserinfoFetch } from "./verified-userinfo-fetch";

export type OidcProviderInfo = { id: "proconnect" | "oidc"; name: string };

/** The OpenID Connect providers configured for this instance (none are shown when unset). */
export function configuredProviders(): OidcProviderInfo[] {
  const env = config();
  const providers: OidcProviderInfo[] = [];
  if (env.PROCONNECT_ISSUER) providers.push({ id: "proconnect", name: "ProConnect" });
  if (env.OIDC_ISSUER) providers.push({ id: "oidc", name: env.OIDC_NAME });
  return providers;
}

function profile(claims: OidcClaims) {
  return { id: claims.sub, email: claims.email?.toLowerCase() ?? null, name: displayNameFromClaims(claims) ?? null };
}

function buildConfig(): NextAuthConfig {
  const env = config();
  const providers: OIDCConfig<OidcClaims>[] = [];
  if (env.PROCONNECT_ISSUER && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET) {
    providers.push({
      id: "proconnect",
      name: "ProConnect",
      type: "oidc",
      issuer: env.PROCONNECT_ISSUER,
      clientId: env.PROCONNECT_CLIENT_ID,
      clientSecret: env.PROCONNECT_CLIENT_SECRET,
      authorization: { params: { scope: "openid email given_name usual_name siret" } },
      checks: ["state", "nonce", "pkce"],
      // ProConnect's claims come from userinfo, which answers a signed JWT (application/jwt):
      // oauth4webapi checks its alg, issuer and audience; our fetch verifies its signature.
      idToken: false,
      client: { userinfo_signed_response_alg: "RS256", id_token_signed_response_alg: "RS256" },
      [customFetch]: verifiedUserinfoFetch({ issuer: env.PROCONNECT_ISSUER, clientId: env.PROCONNECT_CLIENT_ID }),
      // ProConnect verifies addresses: linking to an account with the same email is safe.
      allowDangerousEmailAccountLinking: true,
      profile,
    });
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      checks: ["state", "nonce", "pkce"],
      // Many providers put only `sub` in the ID token of a code flow: read the claims from userinfo
      // (JSON, or a signed JWT whose signature is verified).
      idToken: false,
      [customFetch]: verifiedUserinfoFetch({ issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID }),
      profile,
    });
  }
  const cookie = sessionCookie();
  return {
    adapter: PrismaAdapter(db()),
    providers,
    secret: env.AUTH_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: {
      sessionToken: { name: cookie.name, options: { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.secure } },
    },
    pages: { signIn: "/auth/sign-in", error: "/auth/error" },
    events: {
      async signIn({ user, account, profile: claims }) {
        if (user.id && claims) {
          await applyOidcClaims(db(), user.id, claims as unknown as OidcClaims, { provider: account?.provider });
        }
      },
    },
    logger: {
      error: (error) => logger.warn({ err: error, cause: (error as Error & { cause?: unknown }).cause }, "auth error"),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
}

// Lazy: configuration is read at the first request, never at build time.
export const { handlers, signIn } = NextAuth(() => buildConfig());
