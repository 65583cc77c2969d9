/**
 * Putting a commons to its community's vote, where the charter says adoption is by vote: drafts the
 * COMMONS_ADOPTION proposal (its outcome is applied by ./kinds/commons-adoption.ts at the close).
 * Here, not in lib/commons: proposals know commons, commons never know proposals.
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { loadCommunityAccess, type Actor } from "@/lib/communities/access";
import { NotFoundError, assertCan, can } from "@/lib/policy/can";
import { isStewardOf } from "@/lib/commons/commons";
import { getCharterParameters } from "@/lib/charter/parameters";
import { draftProposal } from "./create-proposal";

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
      // Discussed as long as the charter requires before the vote may open.
      discussionDays: (await getCharterParameters(db, access.community.id)).minDiscussionDays,
      commonsId: commons.id,
    },
  });
}
