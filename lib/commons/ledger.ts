/**
 * Reading a commons' contribution ledger, through the policy's scopes (lib/policy/scopes.ts): whoever
 * may read the commons (commonsScope) sees its ledger; a contribution hidden by moderation is a
 * placeholder for everyone but those contributionScope lets read it (its author and the moderators),
 * who see it with the reason. People who asked not to be listed by name appear as anonymous, except
 * to themselves (memberScope.named). One query per page (cursor pagination), whatever the ledger's size.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, CommonsStatus, ContributionState, ContributionType } from "@/lib/generated/prisma/enums";
import { loadCommunityAccess, type Actor, type CommunityAccess } from "@/lib/communities/access";
import { NotFoundError, can } from "@/lib/policy/can";
import { commonsScope, contributionScope, memberScope, type CommonsFacts } from "@/lib/policy/scopes";
import { isStewardOf } from "./commons";

export type LedgerCommons = {
  id: string;
  slug: string;
  title: string;
  status: CommonsStatus;
  proposerId: string | null;
  hidden: boolean;
  community: CommunityAccess["community"];
};

export type LedgerAccess = {
  commons: LedgerCommons;
  access: CommunityAccess;
  /**
   * Reads content hidden by moderation in this community ("content.readHidden": moderators,
   * administrators); they also keep the ids of people listed anonymously (reports, sanctions).
   */
  isModerator: boolean;
  /** The proposer, a steward in person or through their organisation. */
  isSteward: boolean;
  /** The commons' facts as the policy's scopes take them (for its contributions: contributionScope). */
  facts: CommonsFacts;
  /** What the viewer may do on this ledger (the use cases check again). */
  mayRecord: boolean;
  mayReview: boolean;
};

type CommonsRef = { commonsId: string } | { communitySlug: string; commonsSlug: string };

/**
 * The commons if the viewer may see it, with what they may do on its ledger; a commons they may not
 * see is a 404 like one that does not exist.
 */
export async function ledgerAccess(db: DbTx, actor: Actor | null, ref: CommonsRef): Promise<LedgerAccess> {
  const commons = await db.commons.findFirst({
    where: "commonsId" in ref ? { id: ref.commonsId } : { slug: ref.commonsSlug, community: { slug: ref.communitySlug } },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      proposerId: true,
      hiddenAt: true,
      community: { select: { slug: true } },
      stewards: { select: { userId: true, organizationId: true } },
    },
  });
  if (!commons) throw new NotFoundError();
  const access = await loadCommunityAccess(db, { slug: commons.community.slug, actor });
  if (!access) throw new NotFoundError();

  const isSteward = actor ? await isStewardOf(db, commons, actor) : false;
  const isModerator = can(access.subject, "content.readHidden", access.community);
  // The commons as the policy lets the viewer read it: its ledger goes with its content (a commons
  // hidden by moderation is no placeholder here), else 404 as if it did not exist.
  const facts: CommonsFacts = {
    community: access.community,
    status: commons.status,
    hidden: commons.hiddenAt !== null,
    proposerId: commons.proposerId,
    carried: isSteward,
  };
  if (!commonsScope.allows(access.subject, facts)) throw new NotFoundError();

  const open = commons.status !== "ARCHIVED" && commons.status !== "REJECTED";
  return {
    commons: {
      id: commons.id,
      slug: commons.slug,
      title: commons.title,
      status: commons.status,
      proposerId: commons.proposerId,
      hidden: commons.hiddenAt !== null,
      community: access.community,
    },
    access,
    isModerator,
    isSteward,
    facts,
    mayRecord: open && can(access.subject, "contribution.record", access.community),
    mayReview: can(access.subject, "contribution.validate", access.community),
  };
}

export type LedgerPerson = {
  /** null when the person is anonymous to this viewer. */
  id: string | null;
  /** null when anonymous (the person asked not to be listed by name). */
  name: string | null;
  anonymous: boolean;
};

export type LedgerAuthor = LedgerPerson & {
  /** null when acting alone, or anonymous to this viewer. */
  organization: { id: string; name: string } | null;
  /** Kind of actor: the person's own, else their organisation's, else their college. */
  actorKind: ActorKind | null;
  /** Their college in the commons' community; null when no longer a member. */
  college: ActorKind | null;
};

export type LedgerEntry = {
  redacted: false;
  id: string;
  commonsId: string;
  type: ContributionType;
  description: string;
  /** The day it was done (UTC midnight for a calendar day). */
  date: Date;
  hours: number | null;
  quantity: number | null;
  unit: string | null;
  link: string | null;
  /** [longitude, latitude] for a point; null otherwise (see `place` for other shapes). */
  point: [number, number] | null;
  place: unknown;
  state: ContributionState;
  author: LedgerAuthor;
  /** The viewer is the author. */
  own: boolean;
  validator: LedgerPerson | null;
  validationComment: string | null;
  validatedAt: Date | null;
  createdAt: Date;
  /** Hidden by moderation (only its author and the moderators get the entry itself). */
  hidden: { at: Date; reason: string | null } | null;
  /** Recorded by a contribution source (lib/connectors), not typed by hand. */
  source: { label: string; kind: string } | null;
};

/** A contribution hidden by moderation, as everyone else sees it. */
export type LedgerPlaceholder = {
  redacted: true;
  id: string;
  commonsId: string;
  state: ContributionState;
  date: Date;
  createdAt: Date;
  hidden: { at: Date };
};

export type LedgerItem = LedgerEntry | LedgerPlaceholder;

export type ListContributionsOptions = { cursor?: string; limit?: number; state?: ContributionState };

const entrySelect = (communityId: string) =>
  ({
    id: true,
    commonsId: true,
    type: true,
    description: true,
    date: true,
    hours: true,
    quantity: true,
    unit: true,
    link: true,
    place: true,
    state: true,
    validationComment: true,
    validatedAt: true,
    hiddenAt: true,
    hiddenReason: true,
    createdAt: true,
    author: {
      select: {
        id: true,
        displayName: true,
        name: true,
        listedByName: true,
        actorKind: true,
        organization: { select: { id: true, name: true, kind: true } },
        organizationVerifiedAt: true,
        memberships: { where: { communityId }, select: { college: true } },
      },
    },
    validator: { select: { id: true, displayName: true, name: true, listedByName: true } },
    source: { select: { label: true, kind: true } },
  }) satisfies Prisma.ContributionSelect;

type Row = Prisma.ContributionGetPayload<{ select: ReturnType<typeof entrySelect> }>;

export const personName = (user: { displayName: string | null; name: string | null }) => user.displayName ?? user.name ?? "—";

function person(
  user: { id: string; displayName: string | null; name: string | null; listedByName: boolean },
  viewer: { id: string | null; isModerator: boolean },
): LedgerPerson {
  const anonymous = !memberScope.named(viewer.id, user);
  return {
    // Moderators keep the id (reports, sanctions) but not the name.
    id: anonymous && !viewer.isModerator ? null : user.id,
    name: anonymous ? null : personName(user),
    anonymous,
  };
}

function pointOf(place: unknown): [number, number] | null {
  if (!place || typeof place !== "object") return null;
  const p = place as { type?: unknown; coordinates?: unknown };
  if (p.type !== "Point" || !Array.isArray(p.coordinates)) return null;
  const [lon, lat] = p.coordinates as unknown[];
  return typeof lon === "number" && typeof lat === "number" ? [lon, lat] : null;
}

/**
 * `withheld`: hidden by moderation and not readable by this viewer (the policy's contribution scope,
 * see hiddenReadable): a placeholder instead of the entry.
 */
export function toLedgerItem(row: Row, viewer: { id: string | null; isModerator: boolean }, withheld: boolean): LedgerItem {
  const own = viewer.id !== null && row.author.id === viewer.id;
  if (row.hiddenAt && withheld) {
    return {
      redacted: true,
      id: row.id,
      commonsId: row.commonsId,
      state: row.state,
      date: row.date,
      createdAt: row.createdAt,
      hidden: { at: row.hiddenAt },
    };
  }
  const author = person(row.author, viewer);
  // Only a verified link puts an organisation's name (and kind) on a contribution.
  const a = { ...row.author, organization: row.author.organizationVerifiedAt ? row.author.organization : null };
  return {
    redacted: false,
    id: row.id,
    commonsId: row.commonsId,
    type: row.type,
    description: row.description,
    date: row.date,
    hours: row.hours,
    quantity: row.quantity,
    unit: row.unit,
    link: row.link,
    point: pointOf(row.place),
    place: row.place,
    state: row.state,
    author: {
      ...author,
      organization: author.anonymous || !a.organization ? null : { id: a.organization.id, name: a.organization.name },
      actorKind: a.actorKind ?? a.organization?.kind ?? a.memberships[0]?.college ?? null,
      college: a.memberships[0]?.college ?? null,
    },
    own,
    validator: row.validator ? person(row.validator, viewer) : null,
    validationComment: row.validationComment,
    validatedAt: row.validatedAt,
    createdAt: row.createdAt,
    hidden: row.hiddenAt ? { at: row.hiddenAt, reason: row.hiddenReason } : null,
    source: row.source ? { label: row.source.label, kind: row.source.kind } : null,
  };
}

/** Of these rows, the hidden ones the viewer may read in full: the contribution scope, hidden rows omitted. */
async function hiddenReadable(db: Db | DbTx, actor: Actor | null, rows: { id: string; hiddenAt: Date | null }[]) {
  const hidden = rows.filter((row) => row.hiddenAt !== null).map((row) => row.id);
  if (hidden.length === 0) return new Set<string>();
  const readable = await db.contribution.findMany({
    where: { AND: [contributionScope.where(actor), { id: { in: hidden } }] },
    select: { id: true },
  });
  return new Set(readable.map((row) => row.id));
}

/**
 * One page of a commons' ledger, most recent first (by the day of the contribution, then by when it
 * was recorded). `nextCursor` is the id to pass for the next page; an unknown cursor gives an empty page.
 */
export async function listContributions(
  db: Db | DbTx,
  actor: Actor | null,
  commonsId: string,
  { cursor, limit, state }: ListContributionsOptions = {},
): Promise<{ data: LedgerItem[]; nextCursor: string | null }> {
  const { commons, isModerator } = await ledgerAccess(db, actor, { commonsId });
  return listLedgerPage(db, { commons, actor, isModerator }, { cursor, limit, state });
}

/** The page query, for callers that already checked access with ledgerAccess. */
export async function listLedgerPage(
  db: Db | DbTx,
  { commons, actor, isModerator }: { commons: LedgerCommons; actor: Actor | null; isModerator: boolean },
  { cursor, limit, state }: ListContributionsOptions = {},
): Promise<{ data: LedgerItem[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(Math.trunc(limit ?? 20), 1), 100);
  // The policy's contribution scope; hidden entries stay as placeholders (toLedgerItem).
  const scope = contributionScope.where(actor, { hidden: "placeholder" });
  const where: Prisma.ContributionWhereInput = { commonsId: commons.id, ...(state ? { state } : {}) };
  if (cursor) {
    const at = await db.contribution.findFirst({
      where: { AND: [scope, { id: cursor, commonsId: commons.id }] },
      select: { id: true, date: true, createdAt: true },
    });
    if (!at) return { data: [], nextCursor: null };
    where.OR = [
      { date: { lt: at.date } },
      { date: at.date, createdAt: { lt: at.createdAt } },
      { date: at.date, createdAt: at.createdAt, id: { lt: at.id } },
    ];
  }
  const rows = await db.contribution.findMany({
    where: { AND: [scope, where] },
    select: entrySelect(commons.community.id),
    orderBy: [{ date: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const viewer = { id: actor?.id ?? null, isModerator };
  const readable = await hiddenReadable(db, actor, page);
  return {
    data: page.map((row) => toLedgerItem(row, viewer, !readable.has(row.id))),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** One contribution as the viewer may see it (404 when they may not see its commons). */
export async function getContribution(db: Db | DbTx, actor: Actor | null, contributionId: string): Promise<LedgerItem> {
  const found = await db.contribution.findUnique({ where: { id: contributionId }, select: { commonsId: true } });
  if (!found) throw new NotFoundError();
  const { commons, isModerator } = await ledgerAccess(db, actor, { commonsId: found.commonsId });
  const row = await db.contribution.findUniqueOrThrow({
    where: { id: contributionId },
    select: entrySelect(commons.community.id),
  });
  const readable = await hiddenReadable(db, actor, [row]);
  return toLedgerItem(row, { id: actor?.id ?? null, isModerator }, !readable.has(row.id));
}
