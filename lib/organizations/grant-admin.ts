/**
 * An administrator of the organisation (or a platform administrator) makes one of its verified
 * members an administrator too: an organisation keeps more than one person who can approve members.
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { withFields } from "@/lib/core/use-case";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, assertCan, canAdministerOrganization } from "@/lib/policy/can";
import { loadOrganization, type Actor } from "./access";
import { approveMemberSchema, type ApproveMember } from "./schemas";

export const grantOrganizationAdmin = withFields(
  approveMemberSchema,
  async (db: Db, { actor, organizationId, userId }: { actor: Actor } & ApproveMember): Promise<void> => {
    const { subject, administers } = await loadOrganization(db, { organizationId, actor });
    assertCan(subject, "organization.administer");
    if (!canAdministerOrganization(subject, "organization.administer", { administers })) {
      throw new ForbiddenError("organization.administer");
    }
    await db.$transaction(async (tx) => {
      // Only a verified member, not yet administrator (the condition in the WHERE makes a repeat a 409).
      const { count } = await tx.user.updateMany({
        where: { id: userId, organizationId, organizationVerifiedAt: { not: null }, organizationAdmin: false, erasedAt: null },
        data: { organizationAdmin: true },
      });
      if (count !== 1) throw new AppError("organization_not_verified", "organizations.errors.notVerified", 409);
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: null,
        action: "organization.adminGranted",
        details: { userId, organizationId },
      });
    });
  },
);
