/**
 * An administrator of the organisation (or a platform administrator) verifies a person's declared
 * link to it. Approval never makes an administrator.
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { withFields } from "@/lib/core/use-case";
import { ForbiddenError, assertCan, canAdministerOrganization } from "@/lib/policy/can";
import { loadOrganization, type Actor } from "./access";
import { verifyLink } from "./links";
import { approveMemberSchema, type ApproveMember } from "./schemas";

export const approveMember = withFields(
  approveMemberSchema,
  async (db: Db, { actor, organizationId, userId }: { actor: Actor } & ApproveMember): Promise<void> => {
    const { subject, administers } = await loadOrganization(db, { organizationId, actor });
    assertCan(subject, "organization.approveMember");
    if (!canAdministerOrganization(subject, "organization.approveMember", { administers })) {
      throw new ForbiddenError("organization.approveMember");
    }
    await db.$transaction(async (tx) => {
      const verified = await verifyLink(tx, { userId, organizationId, by: "ADMIN_APPROVAL", actorId: actor.id });
      // Not a declared member (any more), or already verified.
      if (!verified) throw new AppError("organization_not_declared", "organizations.errors.notDeclared", 409);
    });
  },
);
