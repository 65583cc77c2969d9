/**
 * Adopting a commons by vote, where the community's charter says so (`commonsAdoptionByVote`):
 * its proposer, a steward or an administrator submits it, which drafts a proposal of kind
 * COMMONS_ADOPTION linked by `commonsId` (the ordinary proposal lifecycle follows: discussion,
 * vote, close). When the vote closes, closeProposal calls applyAdoptionOutcome inside its own
 * transaction: adopted → the commons is adopted, rejected → rejected, void (no quorum) → it stays
 * proposed and may be submitted again. Each change writes its audit entry in that transaction.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { ProposalOutcome, ProposalStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { notifyCommonsUpdated } from "@/lib/notifications/hooks";
import { getCharterParameters } from "@/lib/charter/parameters";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";
import { NotFoundError, assertCan, can } from "@/lib/policy/can";
import { createProposal } from "@/lib/proposals/create-proposal";
import { isStewardOf } from "./commons";
import { commonsDecisionSchema } from "./schemas";

const OPEN_STATUSES: ProposalStatus[] = ["DRAFT", "DISCUSSION", "VOTING"];

/**
 * Inside the transaction that creates an adoption proposal: locks the commons row and checks that
 * it belongs to the community, that its adoption takes a vote, that it is up for adoption and that
 * no other adoption vote is under way.
 */
export async function lockAdoptionTarget(tx: DbTx, { communityId, commonsId }: { communityId: string; commonsId: string }) {
  const [commons] = await tx.$queryRaw<{ id: string; status: string }[]>`
    SELECT "id", "status"::text FROM "Commons" WHERE "id" = ${commonsId} AND "communityId" = ${communityId} FOR UPDATE`;
  if (!commons) throw new AppError("invalid_proposal", "commons.errors.adoptionTargetInvalid", 400, undefined, "commonsId");
  if (!(await getCharterParameters(tx, communityId)).commonsAdoptionByVote)
    throw new AppError("commons_adoption_not_by_vote", "commons.errors.adoptionNotByVote", 409, undefined, "commonsId");
  if (commons.status !== "PROPOSED")
    throw new AppError("commons_transition", "commons.errors.notUpForAdoption", 409, undefined, "commonsId");
  const running = await tx.proposal.count({
    where: { commonsId, kind: "COMMONS_ADOPTION", status: { in: OPEN_STATUSES } },
  });
  if (running > 0) throw new AppError("commons_vote_running", "commons.errors.voteRunning", 409, undefined, "commonsId");
}

/**
 * Drafts the adoption proposal of a commons (simple majority under the charter's quorum and
 * duration); returns its id. The author then opens the discussion and the vote as for any proposal.
 */
export async function submitCommonsToVote(
  db: Db,
  { actor, slug, commonsSlug, now = new Date() }: { actor: Actor; slug: string; commonsSlug: string; now?: Date },
): Promise<{ id: string }> {
  const access = await loadCommunityAccess(db, { slug, actor });
  if (!access) throw new NotFoundError();
  assertCan(access.subject, "community.read", access.community);
  assertCan(access.subject, "commons.update", access.community);
  const commons = await db.commons.findUnique({
    where: { communityId_slug: { communityId: access.community.id, slug: commonsSlug } },
    select: {
      id: true,
      title: true,
      summary: true,
      proposerId: true,
      stewards: { select: { userId: true, organizationId: true } },
    },
  });
  if (!commons) throw new NotFoundError();
  const isAdmin = can(access.subject, "commons.adopt", access.community);
  if (!isAdmin && !(await isStewardOf(db, commons, actor))) throw new AppError("forbidden", "errors.forbidden", 403);
  return createProposal(db, {
    actor,
    slug,
    now,
    input: {
      kind: "COMMONS_ADOPTION",
      // The proposal's title has at least 5 characters (proposal schema); a commons' title at least 2.
      title: `Adoption : ${commons.title}`.slice(0, 200),
      body: `${commons.summary}\n\n/communities/${access.community.slug}/commons/${commonsSlug}`.slice(0, 20_000),
      method: "THRESHOLD",
      commonsId: commons.id,
    },
  });
}

/**
 * Called by closeProposal inside its transaction, for every closed proposal: applies the outcome of
 * a commons adoption vote to its commons (only while the commons is still up for adoption).
 */
export async function applyAdoptionOutcome(
  tx: DbTx,
  proposal: { id: string; communityId: string; kind: string; outcome: ProposalOutcome },
): Promise<void> {
  if (proposal.kind !== "COMMONS_ADOPTION" || proposal.outcome === "VOID") return;
  const linked = await tx.proposal.findUnique({ where: { id: proposal.id }, select: { commonsId: true } });
  if (!linked?.commonsId) return;
  const to = proposal.outcome === "ADOPTED" ? "ADOPTED" : "REJECTED";
  const commons = await tx.commons.findUnique({ where: { id: linked.commonsId }, select: { id: true, slug: true } });
  if (!commons) return;
  const { count } = await tx.commons.updateMany({ where: { id: commons.id, status: "PROPOSED" }, data: { status: to } });
  if (count === 0) return;
  await recordAudit(tx, {
    actorId: null,
    communityId: proposal.communityId,
    action: to === "ADOPTED" ? "commons.adopted" : "commons.rejected",
    details: { commonsId: commons.id, slug: commons.slug, from: "PROPOSED", proposalId: proposal.id, byVote: true },
  });
  await notifyCommonsUpdated(tx, { commonsId: commons.id, actorId: null });
}

/** The reason an administrator gave, parsed with the shared schema (field errors as usual). */
export function parseDecisionReason(input: unknown): string | undefined {
  const parsed = commonsDecisionSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("invalid_commons", "commons.errors.reasonTooLong", 400, undefined, "reason");
  return parsed.data.reason || undefined;
}

export type CommonsDecision = {
  proposalId: string;
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
    select: { id: true, title: true, status: true, outcome: true, createdAt: true, closedAt: true },
  });
  return rows.map((r) => ({
    proposalId: r.id,
    title: r.title,
    status: r.status,
    outcome: r.outcome,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  }));
}
