# syntax=docker/dockerfile:1
# Multi-stage build. Targets:
#   app    – the Next.js standalone server (what faces the load balancer; run several)
#   tools  – full dependencies and sources: migrations, seed and the background worker (pg-boss jobs and the outbox)
# A maintained Node LTS in production; the code also runs on Node 20.19+.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
RUN npm run build

FROM ${NODE_IMAGE} AS tools
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app ./
RUN rm -rf .next/cache
USER node
CMD ["npm", "run", "worker"]

FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The web server's memory (scripts/server-env.ts, the same for npm start and the bench): a V8 heap limit, so the
# heap grows by ~1.4x its live size rather than 4x before collecting; two malloc arenas and a fixed mmap threshold,
# so glibc returns freed native memory. Override any with the container's environment (e.g.
# NODE_OPTIONS=--max-old-space-size=1024).
ENV NODE_OPTIONS=--max-old-space-size=512 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# /api/health compares applied migrations with these folders.
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.js"]
