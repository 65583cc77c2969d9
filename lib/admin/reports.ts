/**
 * Reports across every community, for platform administrators: where the open reports pile up and
 * what they are about. Like everywhere else, the reporters are never part of the result.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { withFields } from "@/lib/core/use-case";
import { assertCan } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import { reportReasons, reportStates, reportTargetKinds } from "@/lib/moderation/schemas";

export const platformReportsFilterSchema = z.object({
  /** Absent: every state. */
  state: z.enum(reportStates).optional(),
  cursor: z.string().min(1).max(100).optional(),
});
export type PlatformReportsFilter = z.output<typeof platformReportsFilterSchema>;

export type PlatformReport = {
  id: string;
  community: { slug: string; name: string };
  targetKind: (typeof reportTargetKinds)[number];
  reason: (typeof reportReasons)[number];
  state: (typeof reportStates)[number];
  createdAt: Date;
};

export type CommunityReportLoad = { slug: string; name: string; open: number; oldestOpenAt: Date };

const PAGE = 50;

/** The filter is parsed once at the boundary (lib/core/use-case.ts); the query receives it typed. */
export const listPlatformReports = withFields(
  z.object({ filter: platformReportsFilterSchema }),
  async (
    db: Db,
    { actor, filter }: { actor: Actor | null; filter: PlatformReportsFilter },
  ): Promise<{ reports: PlatformReport[]; nextCursor: string | null; load: CommunityReportLoad[] }> => {
    assertCan({ user: actor, membership: null }, "platform.reports");
    const { state, cursor } = filter;
    const [rows, load] = await Promise.all([
      db.report.findMany({
        where: state ? { state } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PAGE + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: {
          id: true,
          targetKind: true,
          reason: true,
          state: true,
          createdAt: true,
          community: { select: { slug: true, name: true } },
        },
      }),
      db.$queryRaw<{ slug: string; name: string; open: bigint; oldestOpenAt: Date }[]>`
      SELECT c."slug", c."name", count(*) AS "open", min(r."createdAt") AS "oldestOpenAt"
      FROM "Report" r JOIN "Community" c ON c."id" = r."communityId"
      WHERE r."state" = 'OPEN'
      GROUP BY c."slug", c."name" ORDER BY count(*) DESC, c."name" LIMIT 50`,
    ]);
    const reports = rows.slice(0, PAGE);
    return {
      reports,
      nextCursor: rows.length > PAGE ? (reports[reports.length - 1]?.id ?? null) : null,
      load: load.map((row) => ({ ...row, open: Number(row.open) })),
    };
  },
);
