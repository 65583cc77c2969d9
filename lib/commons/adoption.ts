/**
 * Adopting a commons by vote, where the community's charter says so (`commonsAdoptionByVote`):
 * its proposer, a steward or an administrator submits it, which drafts a proposal of kind
 * COMMONS_ADOPTION linked by `commonsId` (the ordinary proposal lifecycle follows: discussion,
 * vote, close). The kind (lib/proposals/kinds/commons-adoption.ts) checks the commons when the
 * draft is stored and, when the vote closes, adopts or rejects it inside closeProposal's
 * transaction (./adoption-vote.ts).
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { ProposalKind, ProposalOutcome, ProposalStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";
import { NotFoundError, assertCan, can } from "@/lib/policy/can";
import { draftProposal } from "@/lib/proposals/create-proposal";
import { isStewardOf } from "./commons";

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
  return draftProposal(db, {
    actor,
    slug,
    now,
    values: {
      kind: "COMMONS_ADOPTION",
      // The commons' title, not a sentence: pages and emails render "Adoption du commun …" from the
      // kind through the catalogue (lib/proposals/title.ts); the kind stores the title it reads with
      // the commons locked.
      title: commons.title,
      body: `${commons.summary}\n\n/communities/${access.community.slug}/commons/${commonsSlug}`.slice(0, 20_000),
      method: "THRESHOLD",
      options: [],
      liveResults: false,
      discussionDays: 0,
      commonsId: commons.id,
    },
  });
}

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
