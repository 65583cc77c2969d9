/**
 * Reading one commons for a page or the API, with the policy's commons scope (lib/policy/scopes.ts):
 * - the community must be readable, else 404 as if nothing existed;
 * - a draft is seen by those who carry it and the community's administrators, else 404;
 * - a hidden commons (moderation) keeps its place for everyone who may read the community, but its
 *   content is withheld (`withheld: true`, empty texts, no coverage nor stewards) except for those
 *   the scope lets read it (its proposer and the moderators), who see it with the hidden notice.
 * What the viewer may do with it (edit, adopt…) is in `viewer`, for pages to decide which controls
 * to show; the use cases check again.
 */
import type { DbTx } from "@/lib/db/client";
import type { ActorKind, CommonsKind, CommonsStatus, Visibility } from "@/lib/generated/prisma/enums";
import { NotFoundError, can, canEditCommons } from "@/lib/policy/can";
import { roleOf, type CommunityRole } from "@/lib/policy/roles";
import { commonsScope, type CommonsFacts } from "@/lib/policy/scopes";
import { loadCommunityAccess, type Actor, type CommunityAccess } from "@/lib/communities/access";
import { isStewardOf } from "./commons";
import type { BBox, Coverage } from "./geometry";

export type CommonsSteward =
  | { kind: "person"; id: string; userId: string; displayName: string; actorKind: ActorKind | null; organization: string | null }
  | { kind: "organization"; id: string; organizationId: string; name: string; actorKind: ActorKind };

export type CommonsView = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Markdown; render through lib/core/markdown.ts. */
  description: string;
  kind: CommonsKind;
  licence: string;
  repositoryUrl: string | null;
  dataUrl: string | null;
  documentationUrl: string | null;
  coverage: Coverage | null;
  bbox: BBox | null;
  status: CommonsStatus;
  createdAt: Date;
  updatedAt: Date;
  community: { id: string; slug: string; name: string; visibility: Visibility };
  proposer: { id: string; displayName: string } | null;
  stewards: CommonsSteward[];
  /** Hidden by moderation. */
  hidden: boolean;
  hiddenAt: Date | null;
  /** Only for those who see the hidden content (proposer, moderators). */
  hiddenReason: string | null;
  /** True when the content is withheld from this viewer (hidden): show a placeholder. */
  withheld: boolean;
  viewer: {
    role: CommunityRole;
    isProposer: boolean;
    isSteward: boolean;
    isAdmin: boolean;
    isModerator: boolean;
    /** Edit the commons (proposer, stewards, administrators) while it is not closed. */
    canEdit: boolean;
    /** Adopt, reject, archive (administrators; adoption itself may need a vote, see lib/commons/adoption.ts). */
    canDecide: boolean;
  };
};

const commonsSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  description: true,
  kind: true,
  licence: true,
  repositoryUrl: true,
  dataUrl: true,
  documentationUrl: true,
  coverage: true,
  minLon: true,
  minLat: true,
  maxLon: true,
  maxLat: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  communityId: true,
  proposer: { select: { id: true, displayName: true, name: true, erasedAt: true } },
  stewards: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      user: {
        select: {
          id: true,
          displayName: true,
          name: true,
          actorKind: true,
          organizationId: true,
          organization: { select: { name: true } },
          organizationVerifiedAt: true,
        },
      },
      organization: { select: { id: true, name: true, kind: true } },
    },
  },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(db: DbTx, where: { id: string } | { communityId_slug: { communityId: string; slug: string } }) {
  return db.commons.findUnique({ where, select: commonsSelect });
}

const personName = (user: { displayName: string | null; name: string | null }) => user.displayName ?? user.name ?? "—";

async function present(db: DbTx, row: Row, access: CommunityAccess, actor: Actor | null): Promise<CommonsView> {
  const { community, subject } = access;
  const role = roleOf(subject);
  const isAdmin = can(subject, "community.update", community);
  const isModerator = can(subject, "content.readHidden", community);
  const isProposer = actor !== null && row.proposer?.id === actor.id;
  const isSteward = actor
    ? await isStewardOf(
        db,
        {
          proposerId: row.proposer?.id ?? null,
          stewards: row.stewards.map((s) => ({ userId: s.user?.id ?? null, organizationId: s.organization?.id ?? null })),
        },
        actor,
      )
    : false;
  const hidden = row.hiddenAt !== null;
  const facts: CommonsFacts = { community, status: row.status, hidden, proposerId: row.proposer?.id ?? null, carried: isSteward };
  if (!commonsScope.allows(subject, facts, { hidden: "placeholder" })) throw new NotFoundError();
  const withheld = !commonsScope.allows(subject, facts);
  const closed = row.status === "ARCHIVED" || row.status === "REJECTED";
  const canEdit = !closed && canEditCommons(subject, community, { carried: isSteward }) && !withheld;
  const canDecide = can(subject, "commons.adopt", community);
  const bbox =
    row.minLon === null || row.minLat === null || row.maxLon === null || row.maxLat === null
      ? null
      : { minLon: row.minLon, minLat: row.minLat, maxLon: row.maxLon, maxLat: row.maxLat };

  const stewards: CommonsSteward[] = withheld
    ? []
    : row.stewards.flatMap((s): CommonsSteward[] => {
        if (s.user)
          return [
            {
              kind: "person",
              id: s.id,
              userId: s.user.id,
              displayName: personName(s.user),
              actorKind: s.user.actorKind,
              // A declared organisation is the person's claim, not shown as theirs here.
              organization: s.user.organizationVerifiedAt ? (s.user.organization?.name ?? null) : null,
            },
          ];
        if (s.organization)
          return [
            {
              kind: "organization",
              id: s.id,
              organizationId: s.organization.id,
              name: s.organization.name,
              actorKind: s.organization.kind,
            },
          ];
        return [];
      });

  return {
    id: row.id,
    slug: row.slug,
    title: withheld ? "" : row.title,
    summary: withheld ? "" : row.summary,
    description: withheld ? "" : row.description,
    kind: row.kind,
    licence: row.licence,
    repositoryUrl: withheld ? null : row.repositoryUrl,
    dataUrl: withheld ? null : row.dataUrl,
    documentationUrl: withheld ? null : row.documentationUrl,
    coverage: withheld ? null : (row.coverage as Coverage | null),
    bbox: withheld ? null : bbox,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    community: { id: community.id, slug: community.slug, name: community.name, visibility: community.visibility },
    proposer: row.proposer ? { id: row.proposer.id, displayName: personName(row.proposer) } : null,
    stewards,
    hidden,
    hiddenAt: row.hiddenAt,
    hiddenReason: withheld ? null : row.hiddenReason,
    withheld,
    viewer: { role, isProposer, isSteward, isAdmin, isModerator, canEdit, canDecide },
  };
}

/** The commons `commonsSlug` of community `communitySlug`, as `actor` may see it; 404 otherwise. */
export async function getCommonsBySlug(
  db: DbTx,
  actor: Actor | null,
  communitySlug: string,
  commonsSlug: string,
): Promise<CommonsView> {
  const access = await loadCommunityAccess(db, { slug: communitySlug, actor });
  if (!access || !can(access.subject, "community.read", access.community)) throw new NotFoundError();
  const row = await findRow(db, { communityId_slug: { communityId: access.community.id, slug: commonsSlug } });
  if (!row) throw new NotFoundError();
  return present(db, row, access, actor);
}

/** The commons with this id, as `actor` may see it; 404 otherwise. */
export async function getCommonsById(db: DbTx, actor: Actor | null, id: string): Promise<CommonsView> {
  const row = await findRow(db, { id });
  if (!row) throw new NotFoundError();
  const community = await db.community.findUnique({ where: { id: row.communityId }, select: { slug: true } });
  if (!community) throw new NotFoundError();
  const access = await loadCommunityAccess(db, { slug: community.slug, actor });
  if (!access) throw new NotFoundError();
  return present(db, row, access, actor);
}

/**
 * Who may be named steward in the form: the community's active members, and the organisations they
 * verifiably belong to (plus those already named, when editing).
 */
export async function stewardChoices(db: DbTx, communityId: string, commonsId?: string) {
  const members = await db.membership.findMany({
    where: { communityId, status: "ACTIVE" },
    orderBy: { joinedAt: "asc" },
    take: 500,
    select: {
      user: {
        select: {
          id: true,
          displayName: true,
          name: true,
          organizationVerifiedAt: true,
          organization: { select: { id: true, name: true } },
        },
      },
    },
  });
  const organizations = new Map<string, string>();
  // Only organisations some member verifiably belongs to: a declared link names no one steward.
  for (const { user } of members) {
    if (user.organization && user.organizationVerifiedAt) organizations.set(user.organization.id, user.organization.name);
  }
  if (commonsId) {
    const named = await db.commonsSteward.findMany({
      where: { commonsId, organizationId: { not: null } },
      select: { organization: { select: { id: true, name: true } } },
    });
    for (const { organization } of named) if (organization) organizations.set(organization.id, organization.name);
  }
  return {
    people: members.map(({ user }) => ({ userId: user.id, displayName: personName(user) })),
    organizations: [...organizations].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}

/**
 * A community's commons for its list, as the policy's commons scope gives them (drafts for those who
 * carry them and administrators), hidden ones as placeholders except for those the scope lets read
 * them (their proposer, the moderators).
 */
export async function listCommunityCommons(
  db: DbTx,
  {
    communityId,
    viewer,
    status,
    take = 100,
  }: {
    communityId: string;
    viewer: Actor | null;
    status?: CommonsStatus;
    take?: number;
  },
) {
  const rows = await db.commons.findMany({
    // The policy's commons scope, hidden ones kept as placeholders.
    where: { AND: [commonsScope.where(viewer, { hidden: "placeholder" }), { communityId, ...(status ? { status } : {}) }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      kind: true,
      licence: true,
      status: true,
      coverage: true,
      hiddenAt: true,
      createdAt: true,
    },
  });
  // Of the hidden ones (rarely any), those the viewer reads in full: the same scope, hidden rows omitted.
  const hiddenIds = rows.filter((row) => row.hiddenAt !== null).map((row) => row.id);
  const readable = new Set(
    hiddenIds.length === 0
      ? []
      : (
          await db.commons.findMany({
            where: { AND: [commonsScope.where(viewer), { id: { in: hiddenIds } }] },
            select: { id: true },
          })
        ).map((row) => row.id),
  );
  return rows.map((row) => {
    const withheld = row.hiddenAt !== null && !readable.has(row.id);
    return {
      id: row.id,
      slug: row.slug,
      title: withheld ? "" : row.title,
      summary: withheld ? "" : row.summary,
      kind: row.kind,
      licence: row.licence,
      status: row.status,
      coverage: withheld ? null : (row.coverage as Coverage | null),
      withheld,
      createdAt: row.createdAt,
    };
  });
}
