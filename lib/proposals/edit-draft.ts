/**
 * The author edits their draft (title, body, options, method, durations, quorum, threshold, the
 * amendment's changes) until its discussion opens; afterwards the members have read it and it is
 * refused with the reason. The charter's floors are those of a new draft (applyCharterFloors), the
 * planned dates still counted from the draft's creation (as startDiscussion reads them). The kind
 * stays (and an adoption vote keeps its commons and title): editing is not redrafting.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withInput } from "@/lib/core/use-case";
import { recordAudit } from "@/lib/audit/record";
import { getCharterParameters } from "@/lib/charter/parameters";
import type { Actor } from "@/lib/communities/access";
import { assertCan, can, ForbiddenError, NotFoundError } from "@/lib/policy/can";
import { requireProposalAccess } from "./access";
import { applyCharterFloors } from "./create-proposal";
import { proposalKind } from "./kinds/registry";
import { createProposalSchema, type CreateProposalInput } from "./schemas";

/** The same fields as a new draft: the form is the same. */
export const editDraftSchema = createProposalSchema;

export const editDraft = withInput(
  editDraftSchema,
  async (db: Db, { actor, proposalId, input }: { actor: Actor; proposalId: string; input: typeof editDraftSchema._output }) => {
    const access = await requireProposalAccess(db, { proposalId, actor });
    const { proposal, subject, community } = access;
    if (proposal.authorId !== actor.id) {
      // Who may not even read someone else's draft learns nothing of it.
      if (proposal.status === "DRAFT" && !can(subject, "proposal.readDraft", community)) throw new NotFoundError();
      throw new ForbiddenError("proposal.editDraft");
    }
    assertCan(subject, "proposal.editDraft", community);
    if (proposal.status !== "DRAFT") throw new AppError("not_draft", "votes.errors.editAfterDraft", 409);

    const stored = await db.proposal.findUniqueOrThrow({
      where: { id: proposalId },
      select: { kind: true, title: true, commonsId: true, createdAt: true },
    });
    if (input.kind !== stored.kind) throw invalidField("kind", "votes.errors.kindFixed");
    const charter = await getCharterParameters(db, community.id);
    const floors = applyCharterFloors(charter, { values: input, from: stored.createdAt });
    const kind = proposalKind(stored.kind);
    const adoption = stored.kind === "COMMONS_ADOPTION";

    await db.$transaction(async (tx) => {
      // Locked, so the discussion cannot open between the check and the change.
      const [row] = await tx.$queryRaw<{ status: string }[]>`
        SELECT "status"::text FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
      if (row?.status !== "DRAFT") throw new AppError("not_draft", "votes.errors.editAfterDraft", 409);
      // An adoption draft is itself the vote under way on its commons: the commons was checked when drafted.
      const adjusted = adoption
        ? { title: stored.title }
        : ((await kind.validateDraft(tx, { community, draft: input, actor })) ?? {});
      const title = adjusted.title ?? input.title;
      await tx.proposalOption.deleteMany({ where: { proposalId } });
      await tx.proposal.update({
        where: { id: proposalId },
        data: {
          title,
          body: input.body,
          method: input.method,
          threshold: floors.threshold,
          quorumPercent: floors.quorumPercent,
          collegeQuorumPercent: floors.collegeQuorumPercent,
          secret: input.secret ?? charter.secretBallotByDefault,
          liveResults: input.liveResults,
          amendment: input.amendment ? (input.amendment as unknown as Prisma.InputJsonArray) : undefined,
          votingOpensAt: floors.plannedOpen,
          votingClosesAt: floors.plannedClose,
          options: { create: input.options.map((option, position) => ({ position, label: option.label })) },
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "proposal.draftEdited",
        details: { proposalId, title, method: input.method },
      });
    });
    return { id: proposalId };
  },
);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The draft as the form edits it, for its author while it is a draft (the same checks as editDraft:
 * 404 to whom may not read it, 403 to other readers, 409 once the discussion is open).
 */
export async function getDraftForEdit(db: Db, { actor, proposalId }: { actor: Actor; proposalId: string }) {
  const { proposal, subject, community } = await requireProposalAccess(db, { proposalId, actor });
  if (proposal.authorId !== actor.id) {
    if (proposal.status === "DRAFT" && !can(subject, "proposal.readDraft", community)) throw new NotFoundError();
    throw new ForbiddenError("proposal.editDraft");
  }
  assertCan(subject, "proposal.editDraft", community);
  if (proposal.status !== "DRAFT") throw new AppError("not_draft", "votes.errors.editAfterDraft", 409);
  const draft = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      kind: true,
      title: true,
      body: true,
      method: true,
      threshold: true,
      quorumPercent: true,
      secret: true,
      liveResults: true,
      amendment: true,
      commonsId: true,
      createdAt: true,
      votingOpensAt: true,
      votingClosesAt: true,
      options: { orderBy: { position: "asc" }, select: { label: true } },
    },
  });
  const days = (from: Date | null, to: Date | null) =>
    from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / DAY_MS)) : undefined;
  const values: CreateProposalInput = {
    kind: draft.kind,
    title: draft.title,
    body: draft.body,
    method: draft.method,
    options: draft.options,
    threshold: (draft.threshold ?? undefined) as CreateProposalInput["threshold"],
    quorumPercent: draft.quorumPercent,
    secret: draft.secret,
    liveResults: draft.liveResults,
    discussionDays: days(draft.createdAt, draft.votingOpensAt) ?? 0,
    votingDays: days(draft.votingOpensAt, draft.votingClosesAt),
    amendment: (draft.amendment ?? undefined) as CreateProposalInput["amendment"],
    commonsId: draft.commonsId ?? undefined,
  };
  return { community, values };
}
