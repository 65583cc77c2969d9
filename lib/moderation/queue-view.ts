/**
 * What a moderator needs to judge a report: the reported item in context (its own words, a link to
 * where it lives, whether and by whom it is hidden) and its author's name. Reporters are never named.
 * Each kind describes its items through its adapter (targets/), scoped to the community there.
 */
import type { DbTx } from "@/lib/db/client";
import type { ReportTargetKind } from "@/lib/generated/prisma/enums";
import { moderationTargets } from "./targets/registry";
import type { TargetSummary } from "./targets/target";

export { excerptOf } from "./targets/target";

/** An item of the queue in context; absent from the map when it is not (or no longer) in the community. */
export type TargetContext = TargetSummary;

const keyOf = (kind: ReportTargetKind, id: string) => `${kind}:${id}`;

export async function describeTargets(
  db: DbTx,
  {
    communityId,
    communitySlug,
    items,
  }: {
    communityId: string;
    communitySlug: string;
    items: { targetKind: ReportTargetKind; targetId: string; targetAuthorId: string }[];
  },
): Promise<{ targets: Map<string, TargetContext>; authors: Map<string, string>; key: typeof keyOf }> {
  const kinds = [...new Set(items.map((i) => i.targetKind))];
  const idsOf = (kind: ReportTargetKind) => [...new Set(items.filter((i) => i.targetKind === kind).map((i) => i.targetId))];
  // One query per kind present on the page (a comment's adds one for its proposals), never one per row.
  const [described, people] = await Promise.all([
    Promise.all(
      kinds.map(async (kind) => ({
        kind,
        summaries: await moderationTargets[kind].describe(db, { communityId, communitySlug, ids: idsOf(kind) }),
      })),
    ),
    db.user.findMany({
      where: { id: { in: [...new Set(items.map((i) => i.targetAuthorId))] } },
      select: { id: true, displayName: true, name: true },
    }),
  ]);
  const targets = new Map<string, TargetContext>();
  for (const { kind, summaries } of described) {
    for (const [id, summary] of summaries) targets.set(keyOf(kind, id), summary);
  }
  const authors = new Map(people.map((p) => [p.id, p.displayName ?? p.name ?? "—"]));
  return { targets, authors, key: keyOf };
}
