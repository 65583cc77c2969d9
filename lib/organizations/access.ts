/**
 * Who a person is with respect to an organisation: the policy's subject for platform-level verbs,
 * and whether they administer it (a verified, administering link).
 */
import type { DbTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/policy/can";
import type { Subject } from "@/lib/policy/roles";

/** The signed-in person as the policy sees them (organisations are not a community's). */
export type Actor = NonNullable<Subject["user"]>;

export const organizationSubject = (actor: Actor | null): Subject => ({ user: actor, membership: null });

export async function loadOrganization(db: DbTx, { organizationId, actor }: { organizationId: string; actor: Actor | null }) {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, kind: true, siret: true },
  });
  if (!organization) throw new NotFoundError();
  const administers = actor
    ? (await db.user.count({
        where: { id: actor.id, organizationId, organizationAdmin: true, organizationVerifiedAt: { not: null } },
      })) === 1
    : false;
  return { organization, subject: organizationSubject(actor), administers };
}
