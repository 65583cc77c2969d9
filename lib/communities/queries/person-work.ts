/**
 * What a person did, for their page: the proposals they put forward and the contributions they
 * recorded, each list narrowed by the policy's scopes (lib/policy/scopes.ts) so the viewer sees only
 * what they may read there: nothing of a members-only community they do not belong to, no draft that
 * is not theirs to read, nothing hidden by moderation unless it is their own or they moderate it.
 */
import type { DbTx } from "@/lib/db/client";
import { contributionScope, proposalScope, type Viewer } from "@/lib/policy/scopes";

const LIMIT = 50;

export async function getPersonWork(db: DbTx, { personId, viewer }: { personId: string; viewer: Viewer }) {
  const [proposals, contributions] = await Promise.all([
    db.proposal.findMany({
      where: { AND: [proposalScope.where(viewer), { authorId: personId }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: {
        id: true,
        kind: true,
        title: true,
        status: true,
        outcome: true,
        createdAt: true,
        hiddenAt: true,
        community: { select: { slug: true, name: true } },
      },
    }),
    db.contribution.findMany({
      where: { AND: [contributionScope.where(viewer), { authorId: personId }] },
      orderBy: [{ date: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: {
        id: true,
        type: true,
        description: true,
        date: true,
        state: true,
        hiddenAt: true,
        commons: { select: { slug: true, title: true, community: { select: { slug: true, name: true } } } },
      },
    }),
  ]);
  return { proposals, contributions, limit: LIMIT };
}
