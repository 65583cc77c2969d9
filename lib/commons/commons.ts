/**
 * Commons: proposed by acting members (as a draft or straight up for adoption), edited by their
 * proposer, their stewards or the community's administrators, adopted or rejected by administrators
 * or, where the charter says so (commonsAdoptionByVote), only by the outcome of a vote
 * (lib/commons/adoption.ts), archived at the end of their life. Illegal lifecycle transitions are 409. Every change writes its audit entry in the same
 * transaction.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import { notifyCommonsUpdated } from "@/lib/notifications/hooks";
import { ForbiddenError, NotFoundError, can, canEditCommons, carriesCommons } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { validateCoverage, type BBox } from "./geometry";
import { getCharterParameters } from "@/lib/charter/parameters";
import { invalidField } from "@/lib/core/validation";
import { withInput } from "@/lib/core/use-case";
import { proposeCommonsSchema, updateCommonsSchema, type ProposeCommonsValues, type UpdateCommonsValues } from "./schemas";

export type CommonsRef = { id: string; slug: string; status: CommonsStatus };

/** Coverage columns from the input: undefined leaves them, null clears them, a geometry sets them. */
function coverageData(coverage: unknown) {
  if (coverage === undefined) return {};
  if (coverage === null) {
    return { coverage: Prisma.DbNull, minLon: null, minLat: null, maxLon: null, maxLat: null };
  }
  const result = validateCoverage(coverage);
  if (!result.ok) throw invalidField("coverage", result.error);
  const bbox: BBox = result.bbox;
  return { coverage: result.geometry as unknown as Prisma.InputJsonValue, ...bbox };
}

/**
 * The stewards as given, checked: people must be active members of the community, organisations must
 * exist. The proposer is always among them (added by the caller).
 */
async function checkStewards(
  db: Db,
  communityId: string,
  { userIds, organizationIds }: { userIds: string[]; organizationIds: string[] },
) {
  const users = [...new Set(userIds)];
  const organizations = [...new Set(organizationIds)];
  if (users.length > 0) {
    const found = await db.membership.count({
      where: { communityId, userId: { in: users }, status: { in: ["ACTIVE", "SUSPENDED"] } },
    });
    if (found !== users.length) throw invalidField("stewardUserIds", "commons.errors.stewardNotMember");
  }
  if (organizations.length > 0) {
    const found = await db.organization.count({ where: { id: { in: organizations } } });
    if (found !== organizations.length) throw invalidField("stewardOrganizationIds", "commons.errors.stewardInvalid");
  }
  return { users, organizations };
}

export const proposeCommons = withInput(
  proposeCommonsSchema,
  async (db: Db, { actor, slug, input }: { actor: Actor; slug: string; input: ProposeCommonsValues }): Promise<CommonsRef> => {
    const { community } = await requireCommunityAccess(db, { slug, actor, action: "commons.propose" });
    const { coverage, stewardUserIds, stewardOrganizationIds, ...fields } = input;
    const geo = coverageData(coverage ?? null);
    const stewards = await checkStewards(db, community.id, { userIds: stewardUserIds, organizationIds: stewardOrganizationIds });
    const people = [actor.id, ...stewards.users.filter((id) => id !== actor.id)];
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.commons.create({
          data: {
            ...fields,
            ...geo,
            communityId: community.id,
            proposerId: actor.id,
            stewards: {
              create: [
                ...people.map((userId) => ({ userId })),
                ...stewards.organizations.map((organizationId) => ({ organizationId })),
              ],
            },
          },
          select: { id: true, slug: true, status: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          communityId: community.id,
          action: "commons.proposed",
          details: {
            commonsId: created.id,
            slug: created.slug,
            title: fields.title,
            status: created.status,
            // The first stewards, so the log holds every stewardship from the start (changes: commons.stewardsChanged).
            stewardUserIds: people,
            stewardOrganizationIds: stewards.organizations,
          },
        });
        return created;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("commons_slug_taken", "commons.errors.slugTaken", 409, undefined, "slug");
      }
      throw error;
    }
  },
);

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

/**
 * Whether the person carries the commons (the policy's stewardship rule, carriesCommons): its
 * proposer, a steward, or a verified member of a steward organisation (a declared link counts for
 * nothing). Reads the person's organisation only when an organisation stewards it.
 */
export async function isStewardOf(
  db: DbTx,
  commons: { proposerId: string | null; stewards: { userId: string | null; organizationId: string | null }[] },
  actor: Actor,
): Promise<boolean> {
  const alone = carriesCommons({ id: actor.id, organizationId: null }, commons);
  if (alone || commons.stewards.every((s) => s.organizationId === null)) return alone;
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { organizationId: true, organizationVerifiedAt: true },
  });
  const verified = user?.organizationVerifiedAt ? user.organizationId : null;
  return carriesCommons({ id: actor.id, organizationId: verified }, commons);
}

/** Who was added and removed among a commons' stewards; null when nothing changed. */
function stewardsChange(
  before: { userId: string | null; organizationId: string | null }[],
  after: { users: string[]; organizations: string[] },
) {
  const users = new Set(before.flatMap((s) => (s.userId ? [s.userId] : [])));
  const organizations = new Set(before.flatMap((s) => (s.organizationId ? [s.organizationId] : [])));
  const change = {
    addedUserIds: after.users.filter((id) => !users.has(id)),
    removedUserIds: [...users].filter((id) => !after.users.includes(id)),
    addedOrganizationIds: after.organizations.filter((id) => !organizations.has(id)),
    removedOrganizationIds: [...organizations].filter((id) => !after.organizations.includes(id)),
  };
  return Object.values(change).some((ids) => ids.length > 0) ? change : null;
}

export const updateCommons = withInput(
  updateCommonsSchema,
  async (
    db: Db,
    { actor, slug, commonsSlug, input }: { actor: Actor; slug: string; commonsSlug: string; input: UpdateCommonsValues },
  ): Promise<CommonsRef> => {
    const { community, subject } = await requireCommunityAccess(db, { slug, actor, action: "commons.update" });
    const commons = await loadCommons(db, community.id, commonsSlug);
    // Administrators edit any commons ("commons.updateAny"); others only one they carry.
    const carried = can(subject, "commons.updateAny", community) ? false : await isStewardOf(db, commons, actor);
    if (!canEditCommons(subject, community, { carried })) throw new ForbiddenError("commons.update");
    const { coverage, status, stewardUserIds, stewardOrganizationIds, ...fields } = input;
    if (commons.status === "ARCHIVED" || commons.status === "REJECTED") {
      throw new AppError("commons_closed", "commons.errors.closed", 409);
    }
    if (status === "PROPOSED" && commons.status !== "DRAFT") {
      throw new AppError("commons_transition", "commons.errors.illegalTransition", 409);
    }
    const geo = coverageData(coverage);
    const replaceStewards = stewardUserIds !== undefined || stewardOrganizationIds !== undefined;
    const stewards = replaceStewards
      ? await checkStewards(db, community.id, {
          userIds: stewardUserIds ?? commons.stewards.flatMap((s) => (s.userId ? [s.userId] : [])),
          organizationIds:
            stewardOrganizationIds ?? commons.stewards.flatMap((s) => (s.organizationId ? [s.organizationId] : [])),
        })
      : null;
    return db.$transaction(async (tx) => {
      const updated = await tx.commons.update({
        where: { id: commons.id },
        data: { ...fields, ...geo, ...(status ? { status } : {}) },
        select: { id: true, slug: true, status: true },
      });
      if (stewards) {
        // The proposer stays a steward: they answer for the commons they brought.
        const people = [...new Set([...(commons.proposerId ? [commons.proposerId] : []), ...stewards.users])];
        await tx.commonsSteward.deleteMany({ where: { commonsId: commons.id } });
        await tx.commonsSteward.createMany({
          data: [
            ...people.map((userId) => ({ commonsId: commons.id, userId })),
            ...stewards.organizations.map((organizationId) => ({ commonsId: commons.id, organizationId })),
          ],
        });
        const change = stewardsChange(commons.stewards, { users: people, organizations: stewards.organizations });
        if (change) {
          await recordAudit(tx, {
            actorId: actor.id,
            communityId: community.id,
            action: "commons.stewardsChanged",
            details: { commonsId: commons.id, slug: commons.slug, ...change },
          });
        }
      }
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "commons.updated",
        details: { commonsId: commons.id, slug: commons.slug, fields: Object.keys(input) },
      });
      return updated;
    });
  },
);

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
  // Where the charter says adoption takes a vote, only the vote's outcome adopts or rejects
  // (lib/commons/adoption.ts); administrators still archive.
  if (which !== "archive" && (await getCharterParameters(db, community.id)).commonsAdoptionByVote) {
    throw new AppError("commons_adoption_by_vote", "commons.errors.adoptionByVote", 409);
  }
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
    await notifyCommonsUpdated(tx, { commonsId: commons.id, actorId: actor.id });
    return { id: commons.id, slug: commons.slug, status: rule.to };
  });
}

export const adoptCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "adopt", args);
export const rejectCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "reject", args);
export const archiveCommons = (db: Db, args: { actor: Actor; slug: string; commonsSlug: string; reason?: string }) =>
  transition(db, "archive", args);
