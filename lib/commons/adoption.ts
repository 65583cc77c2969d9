/**
 * The decisions taken about a commons, for its page. Adopting a commons by vote, where the
 * community's charter says so (`commonsAdoptionByVote`): its proposer, a steward or an administrator
 * submits it (lib/proposals/submit-commons-to-vote.ts), which drafts a proposal of kind
 * COMMONS_ADOPTION linked by `commonsId`; the kind (lib/proposals/kinds/commons-adoption.ts) checks
 * the commons when the draft is stored and, when the vote closes, adopts or rejects it inside
 * closeProposal's transaction (./adoption-vote.ts).
 */
import type { DbTx } from "@/lib/db/client";
import type { ProposalKind, ProposalOutcome, ProposalStatus } from "@/lib/generated/prisma/enums";

export type CommonsDecision = {
  proposalId: string;
  /** With `title`, what a page renders through proposalTitle (lib/proposals/title.ts). */
  kind: ProposalKind;
  title: string;
  status: ProposalStatus;
  outcome: ProposalOutcome | null;
  createdAt: Date;
  closedAt: Date | null;
};

/** The adoption proposals about a commons, newest first (hidden proposals left out). */
export async function listCommonsDecisions(db: DbTx, commonsId: string): Promise<CommonsDecision[]> {
  const rows = await db.proposal.findMany({
    where: { commonsId, kind: "COMMONS_ADOPTION", hiddenAt: null },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, kind: true, title: true, status: true, outcome: true, createdAt: true, closedAt: true },
  });
  return rows.map((r) => ({
    proposalId: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    outcome: r.outcome,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  }));
}
