/**
 * A person's link to an organisation: *declared* (from their profile) until *verified* by one of
 * three proofs — a ProConnect sign-in whose `siret` matches the organisation's (proconnect.ts), a
 * confirmed address on one of its verified email domains (email-domain.ts), or an administrator's
 * approval (approve-member.ts). Only a verified link counts: for stewardship (carriesCommons), for
 * the organisation's name on contributions, and for the kind of actor that places a member in a
 * college. Declaring another organisation drops the verification and any administration.
 */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind, OrganizationVerification } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";

/** The person's organisation when their link is verified; null when acting alone or declared only. */
export function verifiedOrganizationId(user: {
  organizationId: string | null;
  organizationVerifiedAt: Date | null;
}): string | null {
  return user.organizationVerifiedAt ? user.organizationId : null;
}

/** Prisma filter on a related user: only a verified link to their organisation counts. */
export const verifiedLinkWhere = { organizationVerifiedAt: { not: null } } as const;

/**
 * The college a person joins a community in: their verified organisation's kind, else the kind of
 * actor they declared for themselves. A declared organisation's kind counts for nothing.
 */
export async function collegeOf(tx: DbTx, userId: string): Promise<ActorKind | null> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { actorKind: true, organizationVerifiedAt: true, organization: { select: { kind: true } } },
  });
  return (user.organizationVerifiedAt && user.organization?.kind) || user.actorKind;
}

/**
 * Sets the person's declared organisation (null: acting alone). A change drops the verification and
 * the administration that went with the old link, with its audit entry; the same organisation again
 * keeps them. Called inside the transaction that saves the profile.
 */
export async function declareOrganization(
  tx: DbTx,
  { userId, organizationId }: { userId: string; organizationId: string | null },
): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { organizationId: true, organizationVerifiedAt: true, organizationVerifiedBy: true, organizationAdmin: true },
  });
  if (user.organizationId === organizationId) return;
  await tx.user.update({
    where: { id: userId },
    data: { organizationId, organizationVerifiedAt: null, organizationVerifiedBy: null, organizationAdmin: false },
  });
  if (user.organizationVerifiedAt && user.organizationId) {
    await recordAudit(tx, {
      actorId: userId,
      communityId: null,
      action: "organization.linkDropped",
      details: {
        userId,
        organizationId: user.organizationId,
        verifiedBy: user.organizationVerifiedBy,
        wasAdmin: user.organizationAdmin,
      },
    });
  }
  if (organizationId) {
    await recordAudit(tx, {
      actorId: userId,
      communityId: null,
      action: "organization.linkDeclared",
      details: { userId, organizationId },
    });
  }
}

/**
 * Verifies the person's link to `organizationId` (which must be their declared organisation; a
 * changed profile makes the proof stale and it verifies nothing). The first person verified through
 * ProConnect or a domain becomes an administrator (also when every administrator's account was
 * erased); an administrator's approval never makes one.
 * Their colleges follow the organisation's kind (a verified organisation change), each with its
 * audit entry. Returns false when nothing was verified.
 */
export async function verifyLink(
  tx: DbTx,
  {
    userId,
    organizationId,
    by,
    actorId,
  }: { userId: string; organizationId: string; by: OrganizationVerification; actorId: string },
): Promise<boolean> {
  // Lock the organisation: two first verifications racing must not both become its administrator.
  const locked = await tx.$queryRaw<{ id: string; kind: ActorKind; name: string }[]>`
    SELECT "id", "kind"::text AS "kind", "name" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
  const organization = locked[0];
  if (!organization) return false;
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { organizationId: true, organizationVerifiedAt: true, actorKind: true },
  });
  if (!user || user.organizationId !== organizationId || user.organizationVerifiedAt) return false;
  const firstAdmin =
    by !== "ADMIN_APPROVAL" &&
    (await tx.user.count({ where: { organizationId, organizationAdmin: true, erasedAt: null } })) === 0;
  await tx.user.update({
    where: { id: userId },
    data: { organizationVerifiedAt: new Date(), organizationVerifiedBy: by, organizationAdmin: firstAdmin },
  });
  await recordAudit(tx, {
    actorId,
    communityId: null,
    action: "organization.linkVerified",
    details: { userId, organizationId, by },
  });
  if (firstAdmin) {
    await recordAudit(tx, {
      actorId,
      communityId: null,
      action: "organization.adminGranted",
      details: { userId, organizationId },
    });
  }
  await moveColleges(tx, { userId, to: organization.kind, organization });
  return true;
}

/** A verified organisation change moves the person's colleges to its kind, in each community's log. */
async function moveColleges(
  tx: DbTx,
  { userId, to, organization }: { userId: string; to: ActorKind; organization: { id: string; name: string } },
): Promise<void> {
  const memberships = await tx.membership.findMany({
    where: { userId, status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] }, college: { not: to } },
    select: { id: true, communityId: true, college: true },
  });
  for (const membership of memberships) {
    await tx.membership.update({ where: { id: membership.id }, data: { college: to } });
    await recordAudit(tx, {
      actorId: userId,
      communityId: membership.communityId,
      action: "membership.collegeChanged",
      details: {
        membershipId: membership.id,
        userId,
        from: membership.college,
        to,
        organizationId: organization.id,
        organizationName: organization.name,
      },
    });
  }
}
