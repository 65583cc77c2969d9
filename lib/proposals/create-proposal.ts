/**
 * Drafting a proposal under the community's charter: method among the allowed ones, voting at least
 * the minimum duration, thresholds and quorums from the charter (or those its kind imposes), and
 * only members of long enough standing when the charter says so. What depends on the kind (an
 * amendment's changes, the commons put to a vote) is checked by the kind (./kinds/registry.ts),
 * inside the transaction that stores the draft. Created as DRAFT, with its audit entry. The planned
 * discussion and voting durations are kept as planned dates (votingOpensAt, votingClosesAt); opening
 * the vote turns them into real ones (see openVotingNow).
 */
import type { Db } from "@/lib/db/client";
import { enforceRateLimit } from "@/lib/core/posting-limits";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/core/errors";
import { fieldIssuesOf, invalidField, ValidationError } from "@/lib/core/validation";
import { recordAudit } from "@/lib/audit/record";
import { getCharterParameters, thresholdNames, type CharterParameters } from "@/lib/charter/parameters";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { proposalKind } from "./kinds/registry";
import { createProposalSchema, type CreateProposalValues } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thresholds from the most lenient to the strictest. */
const rank = (threshold: (typeof thresholdNames)[number]) => thresholdNames.indexOf(threshold);

/**
 * From unparsed input (scripts, tests): parses it with the shared schema, then drafts it. The web and
 * the API parse at their boundary and call draftProposal.
 */
export async function createProposal(
  db: Db,
  { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: unknown; now?: Date },
): Promise<{ id: string }> {
  const parsed = createProposalSchema.safeParse(input);
  if (!parsed.success) {
    // Who may not propose here learns that first, whatever they sent (as before the parse moved out).
    await requireCommunityAccess(db, { slug, actor, action: "proposal.create" });
    throw new ValidationError(fieldIssuesOf(parsed.error, { root: "_form" }));
  }
  return draftProposal(db, { actor, slug, values: parsed.data, now });
}

/** The use case, on parsed input (the schema's output). */
export async function draftProposal(
  db: Db,
  { actor, slug, values, now = new Date() }: { actor: Actor; slug: string; values: CreateProposalValues; now?: Date },
): Promise<{ id: string }> {
  const { community, membership } = await requireCommunityAccess(db, { slug, actor, action: "proposal.create" });
  await enforceRateLimit(db, { action: "proposals", userId: actor.id });
  const charter = await getCharterParameters(db, community.id);
  const kind = proposalKind(values.kind);

  if (membership && charter.proposeAfterDays > 0) {
    const since = await db.membership.findUniqueOrThrow({ where: { id: membership.id }, select: { joinedAt: true } });
    if (now.getTime() - since.joinedAt.getTime() < charter.proposeAfterDays * DAY_MS)
      throw new AppError("member_too_recent", "votes.errors.memberTooRecent", 403, { days: charter.proposeAfterDays });
  }
  const { threshold, quorumPercent, collegeQuorumPercent, plannedOpen, plannedClose } = applyCharterFloors(charter, {
    values,
    from: now,
  });

  return db.$transaction(async (tx) => {
    const adjusted = (await kind.validateDraft(tx, { community, draft: values, actor })) ?? {};
    const title = adjusted.title ?? values.title;
    const proposal = await tx.proposal.create({
      data: {
        communityId: community.id,
        authorId: actor.id,
        kind: values.kind,
        title,
        body: values.body,
        method: values.method,
        threshold,
        quorumPercent,
        collegeQuorumPercent,
        secret: values.secret ?? charter.secretBallotByDefault,
        liveResults: values.liveResults,
        amendment: values.amendment ? (values.amendment as unknown as Prisma.InputJsonArray) : undefined,
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
        title,
        kind: values.kind,
        method: values.method,
        ...(values.commonsId ? { commonsId: values.commonsId } : {}),
      },
    });
    return proposal;
  });
}

/**
 * The charter's bounds on what a proposer chooses (method, durations, quorum, threshold), the same
 * for a new draft and an edited one (editDraft): throws at the field that goes below them, and
 * returns what is stored. Planned dates count from `from` (the draft's creation).
 */
export function applyCharterFloors(charter: CharterParameters, { values, from }: { values: CreateProposalValues; from: Date }) {
  const kind = proposalKind(values.kind);
  // A kind that imposes its own rules (amendments) is voted as it says, not as the proposer chose.
  const forced = kind.thresholdFor?.(charter);
  if (!forced && !charter.allowedMethods.includes(values.method)) throw invalidField("method", "votes.errors.methodNotAllowed");
  const votingDays = values.votingDays ?? Math.max(charter.defaultVotingDays, charter.minVotingDays);
  if (votingDays < charter.minVotingDays)
    throw invalidField("votingDays", "votes.errors.votingTooShort", { days: charter.minVotingDays });

  // The charter's quorum, threshold and durations are floors: a proposer may ask for more, never less
  // (a kind that imposes its own rules raises the floor to them).
  const quorumFloor = forced?.quorumPercent ?? charter.quorumPercent;
  if (values.quorumPercent !== undefined && values.quorumPercent < quorumFloor)
    throw invalidField("quorumPercent", "votes.errors.quorumBelowCharter", { min: quorumFloor });
  const thresholdFloor = forced?.threshold ?? charter.generalThreshold;
  if (values.method === "THRESHOLD" && values.threshold && rank(values.threshold) < rank(thresholdFloor))
    throw invalidField("threshold", "votes.errors.thresholdBelowCharter", { threshold: thresholdFloor });
  if (values.discussionDays < charter.minDiscussionDays)
    throw invalidField("discussionDays", "votes.errors.discussionTooShort", { days: charter.minDiscussionDays });

  const threshold = values.method !== "THRESHOLD" ? null : (forced?.threshold ?? values.threshold ?? charter.generalThreshold);
  const quorumPercent = forced?.quorumPercent ?? values.quorumPercent ?? charter.quorumPercent;
  const collegeQuorumPercent = forced?.collegeQuorumPercent ?? 0;
  const plannedOpen = new Date(from.getTime() + values.discussionDays * DAY_MS);
  const plannedClose = new Date(plannedOpen.getTime() + votingDays * DAY_MS);

  return { threshold, quorumPercent, collegeQuorumPercent, plannedOpen, plannedClose };
}
