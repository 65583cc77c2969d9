/**
 * A person's public page: who they are and the communities they are an active member of, limited
 * in the query itself to the memberships the viewer may see (the policy's member scope: active
 * members of the communities the viewer reads). Never the email address.
 */
import type { DbTx } from "@/lib/db/client";
import { memberScope, type Viewer } from "@/lib/policy/scopes";

export type { Viewer };

export async function getPersonPage(db: DbTx, { personId, viewer }: { personId: string; viewer: Viewer }) {
  const person = await db.user.findFirst({
    where: { id: personId, onboardedAt: { not: null } },
    select: {
      id: true,
      displayName: true,
      name: true,
      actorKind: true,
      organization: { select: { id: true, name: true } },
      organizationVerifiedAt: true,
      memberships: {
        where: memberScope.where(viewer),
        orderBy: { community: { name: "asc" } },
        take: 200,
        select: { role: true, college: true, community: { select: { slug: true, name: true, summary: true } } },
      },
    },
  });
  if (!person) return null;
  // Someone who belongs to nothing the viewer may read is not listed anywhere they can see.
  if (person.memberships.length === 0 && person.id !== viewer?.id) return null;
  return {
    id: person.id,
    displayName: person.displayName ?? person.name ?? "—",
    actorKind: person.actorKind,
    // Shown with whether the link is verified: a declared one is the person's own claim.
    organization: person.organization
      ? { id: person.organization.id, name: person.organization.name, verified: person.organizationVerifiedAt !== null }
      : null,
    memberships: person.memberships,
  };
}
