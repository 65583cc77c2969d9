/**
 * Verification through ProConnect: a sign-in whose `siret` claim (ProConnect's userinfo, whose
 * signature lib/auth verifies) equals the SIRET of the person's declared organisation verifies the
 * link. A person who has not finished onboarding and declared no organisation yet gets the claim's
 * organisation, declared then verified (`mayDeclare`); someone who chose to act alone stays alone. Only ProConnect's claims are trusted: a generic OpenID Connect provider's
 * `siret` proves nothing, and the caller never passes it here.
 */
import type { DbTx } from "@/lib/db/client";
import { declareOrganization, verifyLink } from "./links";

export async function verifyThroughProConnect(
  tx: DbTx,
  {
    userId,
    siret,
    organizationLabel,
    mayDeclare,
  }: { userId: string; siret: string; organizationLabel?: string; mayDeclare: boolean },
): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { organizationId: true, organization: { select: { siret: true } } },
  });
  if (!user) return false;
  let organizationId = user.organizationId;
  if (!organizationId) {
    if (!mayDeclare) return false;
    const label = organizationLabel?.trim().slice(0, 120) || siret;
    const organization = await tx.organization.upsert({
      where: { siret },
      update: {},
      // ProConnect federates public agents first; the person confirms their kind in onboarding.
      create: { siret, name: label, kind: "PUBLIC" },
      select: { id: true },
    });
    organizationId = organization.id;
    await declareOrganization(tx, { userId, organizationId });
  } else if (user.organization?.siret !== siret) {
    // Another organisation was declared: the claim does not vouch for it, and the person's own
    // answer is not overwritten.
    return false;
  }
  return verifyLink(tx, { userId, organizationId, by: "PROCONNECT", actorId: userId });
}
