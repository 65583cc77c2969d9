/**
 * What a vote does to a commons, for the COMMONS_ADOPTION proposal kind
 * (lib/proposals/kinds/commons-adoption.ts): check the commons can be put to a vote when the proposal
 * is drafted, and adopt or reject it when the vote closes. Nothing here knows proposals beyond their
 * rows, so the commons domain never imports the proposals module (the kind imports this file).
 */
import type { DbTx } from "@/lib/db/client";
import type { ProposalOutcome, ProposalStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { recordAudit } from "@/lib/audit/record";
import { notifyCommonsUpdated } from "@/lib/notifications/hooks";
import { getCharterParameters } from "@/lib/charter/parameters";

const OPEN_STATUSES: ProposalStatus[] = ["DRAFT", "DISCUSSION", "VOTING"];

/**
 * The commons a proposal may put to the community's vote (what lockAdoptionTarget accepts): none
 * where the charter does not decide adoption by vote; else those proposed, with no adoption vote
 * under way, of this community (hidden ones left out), by title.
 */
export async function listAdoptableCommons(db: DbTx, communityId: string): Promise<{ id: string; title: string }[]> {
  if (!(await getCharterParameters(db, communityId)).commonsAdoptionByVote) return [];
  return db.commons.findMany({
    where: {
      communityId,
      status: "PROPOSED",
      hiddenAt: null,
      NOT: { adoptionProposals: { some: { kind: "COMMONS_ADOPTION", status: { in: OPEN_STATUSES } } } },
    },
    orderBy: { title: "asc" },
    take: 500,
    select: { id: true, title: true },
  });
}

/**
 * Inside the transaction that creates an adoption proposal: locks the commons row and checks that
 * it belongs to the community, that its adoption takes a vote, that it is up for adoption and that
 * no other adoption vote is under way (with the row locked, two submissions cannot both pass).
 * Returns the commons' title, which the proposal stores as its title (rendered through the catalogue).
 */
export async function lockAdoptionTarget(
  tx: DbTx,
  { communityId, commonsId }: { communityId: string; commonsId: string },
): Promise<{ title: string }> {
  const [commons] = await tx.$queryRaw<{ id: string; status: string; title: string }[]>`
    SELECT "id", "status"::text, "title" FROM "Commons" WHERE "id" = ${commonsId} AND "communityId" = ${communityId} FOR UPDATE`;
  if (!commons) throw invalidField("commonsId", "commons.errors.adoptionTargetInvalid");
  if (!(await getCharterParameters(tx, communityId)).commonsAdoptionByVote)
    throw new AppError("commons_adoption_not_by_vote", "commons.errors.adoptionNotByVote", 409, undefined, "commonsId");
  if (commons.status !== "PROPOSED")
    throw new AppError("commons_transition", "commons.errors.notUpForAdoption", 409, undefined, "commonsId");
  const running = await tx.proposal.count({
    where: { commonsId, kind: "COMMONS_ADOPTION", status: { in: OPEN_STATUSES } },
  });
  if (running > 0) throw new AppError("commons_vote_running", "commons.errors.voteRunning", 409, undefined, "commonsId");
  return { title: commons.title };
}

/**
 * Inside the closing transaction: adopted → the commons is adopted, rejected → rejected, void (no
 * quorum) → it stays proposed and may be submitted again. Only while the commons is still up for
 * adoption; the change writes its audit entry and notifies followers in the same transaction.
 */
export async function decideAdoptionByVote(
  tx: DbTx,
  {
    proposalId,
    communityId,
    commonsId,
    outcome,
  }: { proposalId: string; communityId: string; commonsId: string | null; outcome: ProposalOutcome },
): Promise<void> {
  if (outcome === "VOID" || !commonsId) return;
  const to = outcome === "ADOPTED" ? "ADOPTED" : "REJECTED";
  const commons = await tx.commons.findUnique({ where: { id: commonsId }, select: { id: true, slug: true } });
  if (!commons) return;
  const { count } = await tx.commons.updateMany({ where: { id: commons.id, status: "PROPOSED" }, data: { status: to } });
  if (count === 0) return;
  await recordAudit(tx, {
    actorId: null,
    communityId,
    action: to === "ADOPTED" ? "commons.adopted" : "commons.rejected",
    details: { commonsId: commons.id, slug: commons.slug, from: "PROPOSED", proposalId, byVote: true },
  });
  await notifyCommonsUpdated(tx, { commonsId: commons.id, actorId: null });
}
