/**
 * Commons: proposed by acting members (as a draft or straight up for adoption), edited by their
 * proposer, their stewards or the community's administrators, adopted or rejected by administrators
 * (until adoption by vote is wired to proposals of kind commons adoption), archived at the end of
 * their life. Illegal lifecycle transitions are 409. Every change writes its audit entry in the same
 * transaction.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError } from "@/lib/policy/can";
import { roleOf } from "@/lib/policy/roles";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { validateCoverage, type BBox } from "./geometry";
import { CommonsInputError, proposeCommonsSchema, updateCommonsSchema } from "./schemas";

export type CommonsRef = { id: string; slug: string; status: CommonsStatus };

/** Coverage columns from the input: undefined leaves them, null clears them, a geometry sets them. */
function coverageData(coverage: unknown) {
  if (coverage === undefined) return {};
  if (coverage === null) {
    return { coverage: Prisma.DbNull, minLon: null, minLat: null, maxLon: null, maxLat: null };
  }
  const result = validateCoverage(coverage);
  if (!result.ok) throw new CommonsInputError({ coverage: result.error });
  const bbox: BBox = result.bbox;
  return { coverage: result.geometry as unknown as Prisma.InputJsonValue, ...bbox };
}

export async function proposeCommons(
  db: Db,
  { actor, slug, input }: { actor: Actor; slug: string; input: unknown },
): Promise<CommonsRef> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "commons.propose" });
  const parsed = proposeCommonsSchema.safeParse(input);
  if (!parsed.success) throw new CommonsInputError(fieldErrorsOf(parsed.error));
  const { coverage, ...fields } = parsed.data;
  const geo = coverageData(coverage ?? null);
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.commons.create({
        data: {
          ...fields,
          ...geo,
          communityId: community.id,
          proposerId: actor.id,
          stewards: { create: { userId: actor.id } },
        },
        select: { id: true, slug: true, status: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "commons.proposed",
        details: { commonsId: created.id, slug: created.slug, title: fields.title, status: created.status },
      });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("commons_slug_taken", "commons.errors.slugTaken", 409, undefined, "slug");
    }
    throw error;
  }
}

async function loadCommons(db: Db, communityId: string, commonsSlug: string) {
  const commons = await db.commons.findUnique({
    where: { communityId_slug: { communityId, slug: commonsSlug } },
    select: {
      id: true,
      slug: true,
      status: true,
      proposerId: true,
      stewards: { select: { userId: true, organizationId: true } },
    },
  });
  if (!commons) throw new NotFoundError();
  return commons;
}

/** The proposer, a steward in person or through their organisation. */
export async function isStewardOf(
  db: Db,
  commons: { proposerId: string | null; stewards: { userId: string | null; organizationId: string | null }[] },
  actor: Actor,
): Promise<boolean> {
  if (commons.proposerId === actor.id) return true;
  if (commons.stewards.some((s) => s.userId === actor.id)) return true;
  const orgIds = commons.stewards.map((s) => s.organizationId).filter((id): id is string => id !== null);
  if (orgIds.length === 0) return false;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { organizationId: true } });
  return user?.organizationId != null && orgIds.includes(user.organizationId);
}

export async function updateCommons(
  db: Db,
  { actor, slug, commonsSlug, input }: { actor: Actor; slug: string; commonsSlug: string; input: unknown },
): Promise<CommonsRef> {
  const { community, subject } = await requireCommunityAccess(db, { slug, actor, action: "commons.update" });
  const commons = await loadCommons(db, community.id, commonsSlug);
  const role = roleOf(subject);
  const isAdmin = role === "admin" || actor.isPlatformAdmin;
  if (!isAdmin && !(await isStewardOf(db, commons, actor))) throw new ForbiddenError("commons.update");
  const parsed = updateCommonsSchema.safeParse(input);
  if (!parsed.success) throw new CommonsInputError(fieldErrorsOf(parsed.error));
  const { coverage, status, ...fields } = parsed.data;
  if (commons.status === "ARCHIVED" || commons.status === "REJECTED") {
    throw new AppError("commons_closed", "commons.errors.closed", 409);
  }
  if (status === "PROPOSED" && commons.status !== "DRAFT") {
    throw new AppError("commons_transition", "commons.errors.illegalTransition", 409);
  }
  const geo = coverageData(coverage);
  return db.$transaction(async (tx) => {
    const updated = await tx.commons.update({
      where: { id: commons.id },
      data: { ...fields, ...geo, ...(status ? { status } : {}) },
      select: { id: true, slug: true, status: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "commons.updated",
      details: { commonsId: commons.id, slug: commons.slug, fields: Object.keys(parsed.data) },
    });
    return updated;
  });
}

const transitions: Record<"adopt" | "reject" | "archive", { from: CommonsStatus[]; to: CommonsStatus; audit: AuditAction }> = {
  adopt: { from: ["PROPOSED"], to: "ADOPTED", audit: "commons.adopted" },
  reject: { from: ["PROPOSED"], to: "REJECTED", audit: "commons.rejected" },
  archive: { from: ["DRAFT", "PROPOSED", "ADOPTED", "REJECTED"], to: "ARCHIVED", audit: "commons.archived" },
};

async function transition(
  db: Db,
  which: keyof typeof transitions,
  { actor, slug, commonsSlug, reason }: { actor: Actor; slug: string; commonsSlug: string; reason?: string },
): Promise<CommonsRef> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "commons.adopt" });
  const commons = await loadCommons(db, community.id, commonsSlug);
  const rule = transitions[which];
  return db.$transaction(async (tx) => {
    // The status in the WHERE clause makes concurrent transitions race safely: one wins, the other is a 409.
    const { count } = await tx.commons.updateMany({
      where: { id: commons.id, status: { in: rule.from } },
      data: { status: rule.to },
    });
    if (count === 0) throw new AppError("commons_transition", "commons.errors.illegalTransition", 409);
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: rule.audit,
      details: { commonsId: commons.id, slug: commons.slug, from: commons.status, ...(reason ? { reason } : {}) },
    });
    return { id: commons.id, slug: commons.slug, status: rule.to };
  });
}

export const adoptCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "adopt", args);
export const rejectCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "reject", args);
export const archiveCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "archive", args);
