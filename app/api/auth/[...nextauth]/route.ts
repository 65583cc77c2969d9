import { handlers } from "@/lib/auth/next-auth";

// Auth.js's OpenID Connect endpoints (sign-in redirects and callbacks). AUTH_URL is set from
// APP_URL by lib/core/config.ts, so the redirect_uri is the public one whatever Host the proxy sends.
// (Next.js reports loopback addresses as "localhost": local set-ups must use localhost in APP_URL.)
export const { GET, POST } = handlers;
