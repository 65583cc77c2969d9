/**
 * The founder (an administrator) writes version 1: rules numbered 1..n in the order given, the
 * complete parameters. Once a version exists the charter changes only by an adopted amendment.
 * College weighting and weights enter version 1 as they stand on the administration page (whatever
 * the founder sent for them): from then on they are the charter's, changed only by amendment.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Prisma as PrismaNs } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { logCharterVersion } from "@/lib/translog/events";
import { assertCan, can } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { collegeSettings, lockCommunity } from "@/lib/communities/colleges";
import type { FoundingRule } from "./schemas";
import { charterParametersSchema, type CharterParameters } from "./parameters";
import { foundCharterSchema } from "./schemas";

export class CharterAlreadyFoundedError extends AppError {
  constructor() {
    super("charter_already_founded", "charter.errors.alreadyFounded", 409);
  }
}

export async function foundCharter(
  db: Db,
  { actor, slug, rules, parameters }: { actor: Actor; slug: string; rules: FoundingRule[]; parameters: CharterParameters },
): Promise<{ version: number }> {
  const { community, subject } = await requireCommunityAccess(db, { slug, actor, action: "charter.read" });
  const existing = await db.charter.findUnique({ where: { communityId: community.id }, select: { currentVersion: true } });
  const charterVersion = existing?.currentVersion ?? 0;
  if (charterVersion > 0 && can(subject, "charter.found", { ...community, charterVersion: 0 })) {
    throw new CharterAlreadyFoundedError();
  }
  assertCan(subject, "charter.found", { ...community, charterVersion });
  const input = foundCharterSchema.parse({ rules, parameters });
  const numbered = input.rules.map((rule, index) => ({ number: index + 1, ...rule }));
  try {
    await db.$transaction(async (tx) => {
      // Locked against a college change racing the founding (configureColleges locks it too).
      await lockCommunity(tx, community.id);
      const colleges = await collegeSettings(tx, community.id);
      // The unique communityId (or the conditional update) arbitrates between two founders racing.
      const charter = existing
        ? await tx.charter.updateMany({ where: { communityId: community.id, currentVersion: 0 }, data: { currentVersion: 1 } })
        : await tx.charter.create({ data: { communityId: community.id, currentVersion: 1 }, select: { id: true } });
      if ("count" in charter && charter.count === 0) throw new CharterAlreadyFoundedError();
      const { id: charterId } = await tx.charter.findUniqueOrThrow({
        where: { communityId: community.id },
        select: { id: true },
      });
      await tx.charterVersion.create({
        data: {
          charterId,
          number: 1,
          rules: numbered as Prisma.InputJsonArray,
          parameters: charterParametersSchema.parse({ ...input.parameters, ...colleges }) as Prisma.InputJsonObject,
          changes: [],
          createdById: actor.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "charter.founded",
        details: { version: 1, rules: numbered.length },
      });
      await logCharterVersion(tx, { communityId: community.id, number: 1 });
    });
  } catch (error) {
    if (error instanceof PrismaNs.PrismaClientKnownRequestError && error.code === "P2002") throw new CharterAlreadyFoundedError();
    throw error;
  }
  return { version: 1 };
}
