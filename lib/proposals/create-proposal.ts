/**
 * Drafting a proposal under the community's charter: method among the allowed ones, voting at least
 * the minimum duration, thresholds and quorums from the charter (forced for charter amendments), and
 * only members of long enough standing when the charter says so. Created as DRAFT, with its audit
 * entry. The planned discussion and voting durations are kept as planned dates (votingOpensAt,
 * votingClosesAt); opening the vote turns them into real ones (see openVotingNow).
 */
import type { Db } from "@/lib/db/client";
import { enforceRateLimit } from "@/lib/moderation/rate-limits";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { recordAudit } from "@/lib/audit/record";
import { getCharterParameters } from "@/lib/charter/parameters";
import { validateAmendment } from "@/lib/charter/apply-amendment";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { lockAdoptionTarget } from "@/lib/commons/adoption";
import { createProposalSchema } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

export class ProposalInputError extends AppError {
  constructor(
    readonly fieldErrors: Record<string, string>,
    values?: Record<string, string | number>,
  ) {
    super("invalid_proposal", Object.values(fieldErrors)[0] ?? "errors.invalid", 400, values, Object.keys(fieldErrors)[0]);
  }
}

export async function createProposal(
  db: Db,
  { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: unknown; now?: Date },
): Promise<{ id: string }> {
  const { community, membership } = await requireCommunityAccess(db, { slug, actor, action: "proposal.create" });
  const parsed = createProposalSchema.safeParse(input);
  if (!parsed.success) throw new ProposalInputError(fieldErrorsOf(parsed.error));
  const values = parsed.data;
  await enforceRateLimit(db, { action: "proposals", userId: actor.id });
  const charter = await getCharterParameters(db, community.id);

  if (membership && charter.proposeAfterDays > 0) {
    const since = await db.membership.findUniqueOrThrow({ where: { id: membership.id }, select: { joinedAt: true } });
    if (now.getTime() - since.joinedAt.getTime() < charter.proposeAfterDays * DAY_MS)
      throw new AppError("member_too_recent", "votes.errors.memberTooRecent", 403, { days: charter.proposeAfterDays });
  }
  const amendment = values.kind === "CHARTER_AMENDMENT";
  if (!amendment && !charter.allowedMethods.includes(values.method))
    throw new ProposalInputError({ method: "votes.errors.methodNotAllowed" });
  const votingDays = values.votingDays ?? Math.max(charter.defaultVotingDays, charter.minVotingDays);
  if (votingDays < charter.minVotingDays)
    throw new ProposalInputError({ votingDays: "votes.errors.votingTooShort" }, { days: charter.minVotingDays });

  if (amendment) {
    // The changes must apply to the charter as it stands (rules that exist, valid parameters).
    try {
      await validateAmendment(db, community.id, values.amendment);
    } catch (error) {
      if (error instanceof AppError && error.status === 400)
        throw new ProposalInputError({ amendment: error.messageKey }, error.values);
      throw error;
    }
  }

  const threshold =
    values.method !== "THRESHOLD"
      ? null
      : amendment
        ? charter.amendmentThreshold
        : (values.threshold ?? charter.generalThreshold);
  const quorumPercent = amendment ? charter.amendmentQuorumPercent : (values.quorumPercent ?? charter.quorumPercent);
  const collegeQuorumPercent = amendment ? charter.amendmentCollegeQuorumPercent : 0;
  const plannedOpen = new Date(now.getTime() + values.discussionDays * DAY_MS);
  const plannedClose = new Date(plannedOpen.getTime() + votingDays * DAY_MS);

  return db.$transaction(async (tx) => {
    // A commons adoption vote: the commons must be up for adoption, with no other vote under way
    // (checked with the commons row locked, so two submissions cannot both pass).
    if (values.commonsId) await lockAdoptionTarget(tx, { communityId: community.id, commonsId: values.commonsId });
    const proposal = await tx.proposal.create({
      data: {
        communityId: community.id,
        authorId: actor.id,
        kind: values.kind,
        title: values.title,
        body: values.body,
        method: values.method,
        threshold,
        quorumPercent,
        collegeQuorumPercent,
        secret: values.secret ?? charter.secretBallotByDefault,
        liveResults: values.liveResults,
        amendment: amendment ? (values.amendment as unknown as Prisma.InputJsonArray) : undefined,
        commonsId: values.commonsId,
        votingOpensAt: plannedOpen,
        votingClosesAt: plannedClose,
        options: { create: values.options.map((option, position) => ({ position, label: option.label })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "proposal.created",
      details: {
        proposalId: proposal.id,
        title: values.title,
        kind: values.kind,
        method: values.method,
        ...(values.commonsId ? { commonsId: values.commonsId } : {}),
      },
    });
    return proposal;
  });
}
