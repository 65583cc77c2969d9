/**
 * The signed decision document for a caller, and the published key. Whoever may read the community
 * may download its decisions; anyone else gets the same 404 as for a proposal that does not exist.
 */
import type { Actor } from "@/lib/communities/access";
import { loadCommunityAccess } from "@/lib/communities/access";
import type { DbTx } from "@/lib/db/client";
import { NotFoundError, can } from "@/lib/policy/can";
import { proposalScope } from "@/lib/policy/scopes";
import { buildDecisionRecord } from "./build-record";
import type { DecisionDocument, PublishedKey } from "./schemas";
import { publishedKeyOf, signDecisionRecord } from "./signature";
import { getSigningKey } from "./signing-key";

export async function issueDecisionDocument(
  db: DbTx,
  { actor, proposalId, now = new Date() }: { actor: Actor | null; proposalId: string; now?: Date },
): Promise<DecisionDocument> {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { authorId: true, status: true, hiddenAt: true, community: { select: { slug: true } } },
  });
  if (!proposal) throw new NotFoundError();
  const access = await loadCommunityAccess(db, { slug: proposal.community.slug, actor });
  if (!access || !can(access.subject, "community.read", access.community, now)) throw new NotFoundError();
  const facts = {
    community: access.community,
    authorId: proposal.authorId,
    status: proposal.status,
    hidden: proposal.hiddenAt !== null,
  };
  const key = await getSigningKey(db);
  const record = await buildDecisionRecord(db, proposalId, { now, key });
  if (!record) throw new NotFoundError();
  // A proposal hidden by moderation: its title is withheld from whoever the policy's proposal scope
  // leaves it out for, as on its page and in the API. The decision itself (outcome, ballots, digest)
  // stays public and verifiable: the record is signed as issued.
  if (!proposalScope.allows(access.subject, facts, {}, now)) record.proposal.title = "";
  return signDecisionRecord(record, key);
}

export async function publishedSigningKey(db: DbTx): Promise<PublishedKey> {
  return publishedKeyOf(await getSigningKey(db));
}
