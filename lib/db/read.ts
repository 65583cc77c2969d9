/**
 * Reads that run on the postgres.js pool that goes with a Prisma client (lib/db/sql.ts: a prepared
 * statement, without the ORM's per-query work) or, inside a transaction, through Prisma. The statement
 * must give the same values through both drivers: timestamps as epoch milliseconds ({@link epochMs}),
 * enums `::text`, counts `::int`. Used on the paths every request takes (session, API token, proposal
 * view and access).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbTx } from "./client";
import { maybeSqlOf } from "./sql";

/**
 * A timestamp column as epoch milliseconds: the schema's `timestamp(3)` columns hold UTC, and a number
 * reads the same through Prisma and postgres.js (which would take a bare timestamp as local time).
 */
export function epochMs(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;
}

/** Epoch milliseconds back to a Date (null stays null). */
export function dateOf(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/**
 * `prepare: false` for a statement whose best plan depends on its values: PostgreSQL moves a named
 * prepared statement to a generic plan after five runs (lib/commons/search.ts: a bounding box that
 * covers everything must not sort every row).
 */
export async function readRows<T>(db: DbTx, statement: Prisma.Sql, { prepare = true }: { prepare?: boolean } = {}): Promise<T[]> {
  const sql = maybeSqlOf(db);
  return sql
    ? (sql.unsafe(statement.text, statement.values as never[], { prepare }) as unknown as Promise<T[]>)
    : db.$queryRaw<T[]>(statement);
}
