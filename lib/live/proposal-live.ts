/**
 * What a proposal's page shows live while its vote is open, as pushed to the browsers following it
 * (lib/live/hub.ts): status, turnout and electorate, and for a public ballot with live results its
 * counts (overall and per college, as the page shows them). A secret ballot pushes its turnout only:
 * counts that move one ballot at a time, as people vote, would tie a choice to whoever just voted.
 *
 * `comments` is a stamp of the comment thread (count and last change), so that followers refresh it.
 *
 * `id` is derived, not stored: the number of ballot changes (an append-only history), the status and
 * the thread's stamp,
 * so a browser that reconnects with Last-Event-ID gets a fresh snapshot exactly when it missed one.
 */
import type { DbTx } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { NotFoundError } from "@/lib/policy/can";
import { proposalScope } from "@/lib/policy/scopes";
import { requireProposalAccess } from "@/lib/proposals/access";
import { countChoices, type CountsView } from "@/lib/proposals/results";

export type ProposalLive = {
  id: string;
  proposalId: string;
  status: string;
  turnout: number;
  electorate: number;
  /** Public ballots with live results, while voting; null otherwise. */
  counts: CountsView | null;
  /** Changes when the comment thread changes (added, edited, deleted, hidden): an opaque stamp, no content. */
  comments: string;
};

/** The page's own rule: whoever may read the proposal (scope, drafts, moderation) follows it live. */
export async function authorizeProposalLive(db: DbTx, { actor, proposalId }: { actor: Actor | null; proposalId: string }) {
  const access = await requireProposalAccess(db, { proposalId, actor });
  const hidden = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { hiddenAt: true } });
  const facts = {
    community: access.community,
    authorId: access.proposal.authorId,
    status: access.proposal.status,
    hidden: hidden.hiddenAt !== null,
  };
  if (!proposalScope.allows(access.subject, facts, { hidden: "placeholder" })) throw new NotFoundError();
}

/** One snapshot, in two statements whatever the number of ballots (counts by GROUP BY). */
export async function proposalLive(db: DbTx, proposalId: string): Promise<ProposalLive | null> {
  const [row] = await db.$queryRaw<
    {
      status: string;
      secret: boolean;
      liveResults: boolean;
      electorate: number;
      turnout: number;
      changes: number;
      comments: string;
    }[]
  >`
    SELECT p."status"::text AS "status", p."secret", p."liveResults",
      (SELECT count(*)::int FROM "ElectorMember" e WHERE e."proposalId" = p."id") AS "electorate",
      (SELECT count(*)::int FROM "Ballot" b WHERE b."proposalId" = p."id" AND b."withdrawnAt" IS NULL) AS "turnout",
      (SELECT count(*)::int FROM "BallotChange" c JOIN "Ballot" b ON b."id" = c."ballotId" WHERE b."proposalId" = p."id") AS "changes",
      (SELECT count(*)::text || '-' || coalesce((extract(epoch FROM greatest(max(c."createdAt"), max(c."editedAt"), max(c."deletedAt"), max(c."hiddenAt"))) * 1000)::bigint::text, '0')
        FROM "ProposalComment" c WHERE c."proposalId" = p."id") AS "comments"
    FROM "Proposal" p WHERE p."id" = ${proposalId}`;
  if (!row) return null;
  let counts: CountsView | null = null;
  if (row.status === "VOTING" && row.liveResults && !row.secret) {
    const groups = await db.$queryRaw<{ college: string; choice: unknown; n: number }[]>`
      SELECT "college"::text AS "college", "choice", count(*)::int AS "n" FROM "Ballot"
      WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL GROUP BY "college", "choice"`;
    counts = countChoices(groups.map((g) => ({ college: g.college, choice: g.choice, count: g.n })));
  }
  return {
    id: `${row.changes}.${row.status}.${row.comments}`,
    proposalId,
    status: row.status,
    turnout: row.turnout,
    electorate: row.electorate,
    counts,
    comments: row.comments,
  };
}
