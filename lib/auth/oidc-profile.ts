/**
 * Mapping OpenID Connect claims (ProConnect's, or a generic provider's) to a Géocommuns profile.
 * ProConnect sends `given_name`, `usual_name` (not `family_name`), `siret` and `organization_label`.
 */
import type { DbTx } from "@/lib/db/client";
import { isValidSiret } from "@/lib/users/siret";

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
 * already confirmed in onboarding: their own answers win.
 */
export async function applyOidcClaims(tx: DbTx, userId: string, claims: OidcClaims): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { displayName: true, organizationId: true, onboardedAt: true },
  });
  if (!user || user.onboardedAt) return;

  let organizationId = user.organizationId;
  const siret = claims.siret?.replace(/\s+/g, "");
  if (!organizationId && siret && isValidSiret(siret)) {
    const label = claims.organization_label?.trim().slice(0, 120) || siret;
    const organization = await tx.organization.upsert({
      where: { siret },
      update: {},
      // ProConnect federates public agents first; the person confirms their kind in onboarding.
      create: { siret, name: label, kind: "PUBLIC" },
      select: { id: true },
    });
    organizationId = organization.id;
  }
  await tx.user.update({
    where: { id: userId },
    data: { displayName: user.displayName ?? displayNameFromClaims(claims) ?? null, organizationId },
  });
}
