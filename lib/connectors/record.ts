/**
 * Writing one source event into the ledger (issue 16), shared by the webhooks, the imports and
 * claims: the author's verified identity names the member; a member who may record contributions
 * gets the contribution (validated at once when the source says so, else pending like a typed one);
 * anyone else's event waits in the source's "to claim" list. The unique key (source, object id)
 * makes a second write of the same event change nothing, even when two arrive at the same moment.
 */
import type { DbTx } from "@/lib/db/client";
import type { ContributionType, IdentityProvider } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { loadCommunityAccess } from "@/lib/communities/access";
import { can } from "@/lib/policy/can";
import type { ParsedEvent } from "./parse";

export type SourceForRecord = {
  id: string;
  kind: string;
  autoValidate: boolean;
  contributionType: ContributionType;
  commons: { id: string; slug: string; community: { id: string; slug: string } };
};

export type RecordOutcome =
  | { outcome: "recorded"; contributionId: string; userId: string }
  | { outcome: "unmatched"; unmatchedId: string }
  | { outcome: "duplicate" };

export const identityKey = (username: string) => username.trim().toLowerCase();

/** The member whose verified identity this is, if they may record contributions in the community. */
export async function memberFor(
  tx: DbTx,
  communitySlug: string,
  provider: IdentityProvider,
  username: string,
): Promise<string | null> {
  const identity = await tx.externalIdentity.findFirst({
    where: { provider, externalKey: identityKey(username), verifiedAt: { not: null } },
    select: {
      user: { select: { id: true, onboardedAt: true, isPlatformAdmin: true, platformSuspendedUntil: true, erasedAt: true } },
    },
  });
  const user = identity?.user;
  if (!user || user.erasedAt) return null;
  return (await mayRecordIn(tx, communitySlug, user)) ? user.id : null;
}

export async function mayRecordIn(
  tx: DbTx,
  communitySlug: string,
  user: { id: string; onboardedAt: Date | null; isPlatformAdmin: boolean; platformSuspendedUntil: Date | null },
): Promise<boolean> {
  const access = await loadCommunityAccess(tx, {
    slug: communitySlug,
    actor: {
      id: user.id,
      onboarded: user.onboardedAt !== null,
      isPlatformAdmin: user.isPlatformAdmin,
      suspendedUntil: user.platformSuspendedUntil,
    },
  });
  return access !== null && can(access.subject, "contribution.record", access.community);
}

/** Creates the contribution of an event for a member; null when the event already has one. */
export async function createSourcedContribution(
  tx: DbTx,
  source: SourceForRecord,
  event: Pick<ParsedEvent, "externalId" | "type" | "description" | "date" | "quantity" | "unit" | "link">,
  userId: string,
  now: Date,
  via: "delivery" | "import" | "claim",
): Promise<string | null> {
  const validated = source.autoValidate;
  const { count } = await tx.contribution.createMany({
    data: [
      {
        commonsId: source.commons.id,
        authorId: userId,
        type: event.type ?? source.contributionType,
        description: event.description,
        date: event.date,
        quantity: event.quantity,
        unit: event.unit,
        link: event.link,
        sourceId: source.id,
        externalId: event.externalId,
        state: validated ? "VALIDATED" : "PENDING",
        validatedAt: validated ? now : null,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  const created = await tx.contribution.findUniqueOrThrow({
    where: { sourceId_externalId: { sourceId: source.id, externalId: event.externalId } },
    select: { id: true },
  });
  const details = {
    commonsId: source.commons.id,
    commonsSlug: source.commons.slug,
    contributionId: created.id,
    userId,
    sourceId: source.id,
    externalId: event.externalId,
    via,
  };
  // The source records it, not a person: no actor (the member is in the details).
  await recordAudit(tx, { actorId: null, communityId: source.commons.community.id, action: "contribution.recorded", details });
  if (validated) {
    await recordAudit(tx, {
      actorId: null,
      communityId: source.commons.community.id,
      action: "contribution.validated",
      details: { ...details, rule: "source.autoValidate" },
    });
  }
  return created.id;
}

/** Records an event of a source: a contribution for its member, or an entry of the "to claim" list. */
export async function recordSourceEvent(
  tx: DbTx,
  source: SourceForRecord,
  event: ParsedEvent,
  now: Date,
  via: "delivery" | "import",
): Promise<RecordOutcome> {
  const key = { sourceId: source.id, externalId: event.externalId };
  // Already written either way (a contribution, or waiting to be claimed): nothing changes.
  const [existing, waiting] = await Promise.all([
    tx.contribution.findUnique({ where: { sourceId_externalId: key }, select: { id: true } }),
    tx.unmatchedEvent.findUnique({ where: { sourceId_externalId: key }, select: { id: true } }),
  ]);
  if (existing || waiting) return { outcome: "duplicate" };
  const userId = await memberFor(tx, source.commons.community.slug, event.author.provider, event.author.username);
  if (userId) {
    const contributionId = await createSourcedContribution(tx, source, event, userId, now, via);
    return contributionId ? { outcome: "recorded", contributionId, userId } : { outcome: "duplicate" };
  }
  const { count } = await tx.unmatchedEvent.createMany({
    data: [
      {
        sourceId: source.id,
        externalId: event.externalId,
        provider: event.author.provider,
        externalUsername: event.author.username,
        externalKey: identityKey(event.author.username),
        type: event.type ?? source.contributionType,
        description: event.description,
        date: event.date,
        quantity: event.quantity,
        unit: event.unit,
        link: event.link,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return { outcome: "duplicate" };
  const row = await tx.unmatchedEvent.findUniqueOrThrow({
    where: { sourceId_externalId: { sourceId: source.id, externalId: event.externalId } },
    select: { id: true },
  });
  return { outcome: "unmatched", unmatchedId: row.id };
}
