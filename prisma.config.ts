// Used by the prisma CLI (generate; migrate deploy for operators with network).
// The app itself never reads this file: lib/core/config.ts owns configuration.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/geocommuns" },
});
