/**
 * Creates a community: its four default colleges (one per kind of actor, 25 % each), the creator as
 * first administrator in the college of their kind of actor, and the audit entry, in one transaction.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/core/errors";
import { assertCan } from "@/lib/policy/can";
import { recordAudit } from "@/lib/audit/record";
import { actorKinds } from "@/lib/users/schemas";
import type { Actor } from "./access";
import type { CreateCommunity } from "./schemas";
import { collegeOf } from "@/lib/organizations/links";

export const DEFAULT_COLLEGE_WEIGHT = 25;

export async function createCommunity(db: Db, { actor, input }: { actor: Actor; input: CreateCommunity }) {
  assertCan({ user: actor, membership: null }, "community.create");
  const creator = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { actorKind: true, onboardedAt: true } });
  if (!creator.onboardedAt || !creator.actorKind)
    throw new AppError("profile_incomplete", "communities.errors.profileIncomplete", 403);
  try {
    return await db.$transaction(async (tx) => {
      const community = await tx.community.create({
        data: {
          ...input,
          createdById: actor.id,
          colleges: { create: actorKinds.map((kind) => ({ kind, weight: DEFAULT_COLLEGE_WEIGHT })) },
          memberships: {
            create: {
              userId: actor.id,
              role: "ADMIN",
              status: "ACTIVE",
              college: (await collegeOf(db, actor.id)) ?? creator.actorKind!,
            },
          },
        },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "community.created",
        details: { slug: input.slug, name: input.name, visibility: input.visibility, joinPolicy: input.joinPolicy },
      });
      return community;
    });
  } catch (error) {
    // The unique index is the arbiter: two people racing for a slug cannot both get it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("slug_taken", "communities.errors.slugTaken", 409, undefined, "slug");
    }
    throw error;
  }
}
