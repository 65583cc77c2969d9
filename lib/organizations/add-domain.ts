/**
 * Adding an email domain to an organisation: a confirmed address on it then verifies a member's
 * link. Platform administrators add any domain; an organisation's administrator only the domain of
 * their own account's address (a mailbox there is what they have shown to hold). Public mailbox
 * providers are refused: an address there proves nothing. A domain belongs to one organisation.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withFields } from "@/lib/core/use-case";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, assertCan, can, canAdministerOrganization } from "@/lib/policy/can";
import { loadOrganization, type Actor } from "./access";
import { addDomainSchema, domainOf, publicMailDomains, type AddDomain } from "./schemas";

export const addOrganizationDomain = withFields(
  addDomainSchema,
  async (db: Db, { actor, organizationId, domain }: { actor: Actor } & AddDomain): Promise<void> => {
    const { subject, administers } = await loadOrganization(db, { organizationId, actor });
    assertCan(subject, "organization.administer");
    if (!canAdministerOrganization(subject, "organization.administer", { administers })) {
      throw new ForbiddenError("organization.administer");
    }
    if (publicMailDomains.has(domain)) throw invalidField("domain", "organizations.errors.domainPublic");
    if (!can(subject, "organization.administerAny")) {
      const self = await db.user.findUnique({ where: { id: actor.id }, select: { email: true } });
      if (!self?.email || domainOf(self.email) !== domain) throw invalidField("domain", "organizations.errors.domainNotYours");
    }
    try {
      await db.$transaction(async (tx) => {
        await tx.organizationDomain.create({ data: { organizationId, domain, addedById: actor.id } });
        await recordAudit(tx, {
          actorId: actor.id,
          communityId: null,
          action: "organization.domainAdded",
          details: { organizationId, domain },
        });
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("organization_domain_taken", "organizations.errors.domainTaken", 409, undefined, "domain");
      }
      throw error;
    }
  },
);
