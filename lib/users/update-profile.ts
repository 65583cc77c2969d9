/**
 * Saves a person's profile (onboarding or later edits). The organisation is found by SIRET when one
 * is given, else by name and kind, and created if new; all in one transaction. The profile only
 * *declares* it: changing organisation drops a verified link (lib/organizations/links.ts), and a
 * declared one gives no steward rights, no name on contributions and no college.
 */
import type { Db } from "@/lib/db/client";
import type { Profile } from "./schemas";
import { declareOrganization } from "@/lib/organizations/links";

export async function updateProfile(db: Db, { userId, profile }: { userId: string; profile: Profile }): Promise<void> {
  await db.$transaction(async (tx) => {
    let organizationId: string | null = null;
    if (profile.organizationName) {
      const existing = profile.siret
        ? await tx.organization.findUnique({ where: { siret: profile.siret }, select: { id: true } })
        : await tx.organization.findFirst({
            where: { name: { equals: profile.organizationName, mode: "insensitive" }, kind: profile.actorKind, siret: null },
            select: { id: true },
          });
      organizationId =
        existing?.id ??
        (
          await tx.organization.create({
            data: { name: profile.organizationName, kind: profile.actorKind, siret: profile.siret ?? null },
            select: { id: true },
          })
        ).id;
    }
    const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { onboardedAt: true } });
    await declareOrganization(tx, { userId, organizationId });
    await tx.user.update({
      where: { id: userId },
      data: {
        displayName: profile.displayName,
        name: profile.displayName,
        actorKind: profile.actorKind,
        locale: profile.locale,
        listedByName: !profile.hideContributorName,
        onboardedAt: current.onboardedAt ?? new Date(),
      },
    });
  });
}

export async function getProfile(db: Db, userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      displayName: true,
      name: true,
      actorKind: true,
      locale: true,
      listedByName: true,
      organization: { select: { id: true, name: true, siret: true, domains: { select: { domain: true } } } },
      organizationVerifiedAt: true,
      organizationVerifiedBy: true,
      organizationAdmin: true,
      memberships: {
        where: { status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } },
        select: { role: true, status: true, community: { select: { slug: true, name: true } } },
      },
    },
  });
}
