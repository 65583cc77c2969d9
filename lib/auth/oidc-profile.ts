/**
 * Mapping OpenID Connect claims (ProConnect's, or a generic provider's) to a Géocommuns profile.
 * ProConnect sends `given_name`, `usual_name` (not `family_name`), `siret` and `organization_label`.
 */
import type { Db } from "@/lib/db/client";
import { isValidSiret } from "@/lib/users/siret";
import { declareOrganization } from "@/lib/organizations/links";
import { verifyThroughProConnect } from "@/lib/organizations/proconnect";

export type OidcClaims = {
  sub: string;
  email?: string;
  given_name?: string;
  usual_name?: string;
  family_name?: string;
  name?: string;
  siret?: string;
  organization_label?: string;
  idp_id?: string;
};

export function displayNameFromClaims(claims: OidcClaims): string | undefined {
  const family = claims.usual_name ?? claims.family_name;
  const joined = [claims.given_name, family].filter(Boolean).join(" ").trim();
  const name = joined || claims.name?.trim();
  return name ? name.slice(0, 80) : undefined;
}

/**
 * Prefills a person's profile from the identity provider on sign-in, without overwriting what they
 * already confirmed in onboarding: their own answers win. A ProConnect sign-in (and only one: its
 * userinfo is signed by the State's federation) whose `siret` matches the person's organisation
 * verifies their link to it (lib/organizations/proconnect.ts); another provider's `siret` only
 * prefills a declared organisation.
 */
export async function applyOidcClaims(
  db: Db,
  userId: string,
  claims: OidcClaims,
  { provider }: { provider?: string } = {},
): Promise<void> {
  const siret = claims.siret?.replace(/\s+/g, "");
  const validSiret = siret && isValidSiret(siret) ? siret : undefined;
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { displayName: true, organizationId: true, onboardedAt: true },
    });
    if (!user) return;
    if (!user.onboardedAt) {
      await tx.user.update({
        where: { id: userId },
        data: { displayName: user.displayName ?? displayNameFromClaims(claims) ?? null },
      });
    }
    if (provider === "proconnect" && validSiret) {
      // Declares the claim's organisation on a first sign-in, then verifies a matching link.
      await verifyThroughProConnect(tx, {
        userId,
        siret: validSiret,
        organizationLabel: claims.organization_label,
        mayDeclare: !user.onboardedAt,
      });
    } else if (!user.onboardedAt && !user.organizationId && validSiret) {
      const label = claims.organization_label?.trim().slice(0, 120) || validSiret;
      const organization = await tx.organization.upsert({
        where: { siret: validSiret },
        update: {},
        // ProConnect federates public agents first; the person confirms their kind in onboarding.
        create: { siret: validSiret, name: label, kind: "PUBLIC" },
        select: { id: true },
      });
      await declareOrganization(tx, { userId, organizationId: organization.id });
    }
  });
}
