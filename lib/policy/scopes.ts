/**
 * "Which rows may this person see", next to lib/policy/can.ts's "may this person do this": one
 * definition per readable thing (communities, proposals, commons, contributions, members,
 * notifications), each giving the same rule three ways:
 *
 * - `allows(subject, facts)`: for one row in hand — the person with their membership of the row's
 *   community (lib/policy/roles.ts), and the row's facts (status, hidden, author…);
 * - `where(viewer)`: a Prisma `where` fragment, for the ORM;
 * - `sql(viewer, alias)`: a `Prisma.sql` condition on the row aliased `alias`, for raw queries
 *   (full-text search and its cursor, dashboards).
 *
 * Readers AND their own narrowing (one community, a status, a cursor) onto the scope and never
 * restate the rule: the visibility rule once lived in five places, and the one that forgot it (a
 * search cursor) leaked hidden and members-only text. The role parts come from the registry
 * ("community.read", "content.readHidden", "commons.readDraft"), the row parts (draft, hidden, own,
 * carried) are written here once; tests/integration/policy-scopes.test.ts seeds every kind of row
 * and checks for every role that the three forms agree.
 *
 * Rows hidden by moderation: a scope leaves out those the viewer may not read. Readers that show a
 * placeholder instead (a community's commons, a ledger) ask for `hidden: "placeholder"` and withhold
 * the content of the rows `allows` refuses.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsStatus, MemberRole, MembershipStatus, ProposalStatus } from "@/lib/generated/prisma/enums";
import { can, policy, type Action, type CommunityState } from "./can";
import type { Subject } from "./roles";

/** Who looks: a signed-in person (suspendedUntil: suspended everywhere) or null when anonymous. */
export type Viewer = { id: string; isPlatformAdmin: boolean; suspendedUntil?: Date | null } | null;

/** Rows hidden by moderation that the viewer may not read: left out, or kept for a placeholder. */
export type HiddenRows = "omit" | "placeholder";

type Standing = { id: string | null; platform: boolean; acts: boolean; now: Date };

function standingOf(viewer: Viewer, now: Date): Standing {
  // An account suspended everywhere reads but holds no power, platform ones included (can()).
  const suspended = Boolean(viewer?.suspendedUntil && viewer.suspendedUntil > now);
  return { id: viewer?.id ?? null, platform: Boolean(viewer?.isPlatformAdmin) && !suspended, acts: !suspended, now };
}

const TRUE = Prisma.sql`TRUE`;
const FALSE = Prisma.sql`FALSE`;
const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `"alias"."column"`; aliases are the callers' own identifiers, never input. */
function col(alias: string, column: string): Prisma.Sql {
  if (!ALIAS.test(alias)) throw new Error(`Invalid SQL alias for a scope: ${alias}`);
  return Prisma.raw(`"${alias}"."${column}"`);
}

/**
 * Prisma conditions that may be known in advance (a platform administrator reads every community):
 * `true` and `false` fold away, because Prisma reads an empty relation filter inside OR as false.
 */
type Cond<W> = W | boolean;

function anyOf<W extends object>(...conds: Cond<W>[]): Cond<W> {
  if (conds.includes(true)) return true;
  const rest = conds.filter((c): c is W => c !== false);
  return rest.length === 0 ? false : rest.length === 1 ? rest[0]! : ({ OR: rest } as W);
}

function allOf<W extends object>(...conds: Cond<W>[]): Cond<W> {
  if (conds.includes(false)) return false;
  const rest = conds.filter((c): c is W => c !== true);
  return rest.length === 0 ? true : rest.length === 1 ? rest[0]! : ({ AND: rest } as W);
}

/** A condition on a related row (`{ community: … }`), folded like the others. */
function through<W extends object, R extends object>(relation: string, cond: Cond<R>): Cond<W> {
  return typeof cond === "boolean" ? cond : ({ [relation]: cond } as W);
}

/** The Prisma `where` of a condition: everything, nothing (no id is empty), or the condition. */
function toWhere<W extends object>(cond: Cond<W>): W {
  if (cond === true) return {} as W;
  if (cond === false) return { id: { in: [] } } as W;
  return cond;
}

// ---- Standing in a community, from the registry ------------------------------------------------

/**
 * The membership roles holding a role-only action (no gate, no "suspended" column), read from the
 * registry so that the SQL cannot drift from can(): a member with that role whose membership is
 * active (or whose suspension has ended), or a platform administrator when the column allows.
 */
function holders(action: Action): { memberRoles: MemberRole[]; platform: boolean } {
  const rule: { roles: readonly string[]; gate?: unknown } = policy[action];
  const allowed = new Set(["member", "moderator", "admin", "platformAdmin"]);
  if (rule.gate || rule.roles.some((role) => !allowed.has(role))) {
    throw new Error(`${action} is not a role-only action of acting members; scopes cannot express it`);
  }
  const memberRoles = (["MEMBER", "MODERATOR", "ADMIN"] as const).filter((r) => rule.roles.includes(r.toLowerCase()));
  return { memberRoles, platform: rule.roles.includes("platformAdmin") };
}

const readsHidden = holders("content.readHidden");
const readsDrafts = holders("commons.readDraft");
const readsProposalDrafts = holders("proposal.readDraft");

/** Communities whose content the viewer reads ("community.read"): public ones, their own, all for platform administrators. */
function readsCommunityWhere(s: Standing): Cond<Prisma.CommunityWhereInput> {
  if (s.platform) return true;
  return anyOf<Prisma.CommunityWhereInput>(
    { visibility: "PUBLIC" },
    // Active and suspended members read; pending, banned and former members do not.
    s.id ? { memberships: { some: { userId: s.id, status: { in: ["ACTIVE", "SUSPENDED"] } } } } : false,
  );
}

function readsCommunitySql(s: Standing, communityId: Prisma.Sql): Prisma.Sql {
  if (s.platform) return TRUE;
  const isPublic = Prisma.sql`EXISTS (SELECT 1 FROM "Community" scope_c WHERE scope_c."id" = ${communityId} AND scope_c."visibility" = 'PUBLIC')`;
  if (!s.id) return isPublic;
  return Prisma.sql`(${isPublic} OR EXISTS (SELECT 1 FROM "Membership" scope_m WHERE scope_m."communityId" = ${communityId}
    AND scope_m."userId" = ${s.id} AND scope_m."status" IN ('ACTIVE', 'SUSPENDED')))`;
}

/** Communities where the viewer holds a role-only action (see holders). */
function holdsWhere(s: Standing, held: ReturnType<typeof holders>): Cond<Prisma.CommunityWhereInput> {
  if (!s.id || !s.acts) return false;
  if (s.platform && held.platform) return true;
  if (held.memberRoles.length === 0) return false;
  return {
    memberships: {
      some: {
        userId: s.id,
        role: { in: held.memberRoles },
        // A suspension ends by itself at its date (roleOf), before the job records it.
        OR: [{ status: "ACTIVE" }, { status: "SUSPENDED", suspendedUntil: { lte: s.now } }],
      },
    },
  };
}

function holdsSql(s: Standing, held: ReturnType<typeof holders>, communityId: Prisma.Sql): Prisma.Sql {
  if (!s.id || !s.acts) return FALSE;
  if (s.platform && held.platform) return TRUE;
  if (held.memberRoles.length === 0) return FALSE;
  // Timestamps are stored as UTC without a zone.
  const now = Prisma.sql`(${s.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Membership" scope_r WHERE scope_r."communityId" = ${communityId}
    AND scope_r."userId" = ${s.id} AND scope_r."role"::text IN (${Prisma.join(held.memberRoles)})
    AND (scope_r."status" = 'ACTIVE' OR (scope_r."status" = 'SUSPENDED' AND scope_r."suspendedUntil" <= ${now})))`;
}

// ---- Communities -------------------------------------------------------------------------------

/**
 * Communities whose content (description, members, proposals, commons…) the viewer reads:
 * "community.read". Everyone sees every community's name and summary ("community.readSummary").
 */
export const communityScope = {
  allows: (subject: Subject, community: CommunityState, now = new Date()): boolean =>
    can(subject, "community.read", community, now),
  where: (viewer: Viewer, now = new Date()): Prisma.CommunityWhereInput => toWhere(readsCommunityWhere(standingOf(viewer, now))),
  sql: (viewer: Viewer, alias: string, now = new Date()): Prisma.Sql =>
    readsCommunitySql(standingOf(viewer, now), col(alias, "id")),
};

// ---- Proposals ---------------------------------------------------------------------------------

export type ProposalFacts = {
  community: CommunityState;
  authorId: string;
  status: ProposalStatus;
  hidden: boolean;
};

/**
 * Proposals of the communities the viewer reads; a draft only for its author and the community's
 * administrators ("proposal.readDraft": it is not put to anyone yet); one hidden by moderation only for its author and those who read hidden content
 * ("content.readHidden": the community's moderators and administrators).
 */
export const proposalScope = {
  allows(subject: Subject, p: ProposalFacts, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): boolean {
    const own = subject.user !== null && subject.user.id === p.authorId;
    return (
      can(subject, "community.read", p.community, now) &&
      (p.status !== "DRAFT" || own || can(subject, "proposal.readDraft", p.community, now)) &&
      (hidden === "placeholder" || !p.hidden || own || can(subject, "content.readHidden", p.community, now))
    );
  },
  where(viewer: Viewer, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): Prisma.ProposalWhereInput {
    const s = standingOf(viewer, now);
    type W = Prisma.ProposalWhereInput;
    const mine: Cond<W> = s.id ? { authorId: s.id } : false;
    return toWhere(
      allOf<W>(
        through("community", readsCommunityWhere(s)),
        anyOf<W>({ status: { not: "DRAFT" } }, mine, through("community", holdsWhere(s, readsProposalDrafts))),
        hidden === "placeholder" ? true : anyOf<W>({ hiddenAt: null }, mine, through("community", holdsWhere(s, readsHidden))),
      ),
    );
  },
  sql(viewer: Viewer, alias: string, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): Prisma.Sql {
    const s = standingOf(viewer, now);
    const communityId = col(alias, "communityId");
    const mine = s.id ? Prisma.sql`${col(alias, "authorId")} = ${s.id}` : FALSE;
    const parts = [
      readsCommunitySql(s, communityId),
      Prisma.sql`(${col(alias, "status")} <> 'DRAFT' OR ${mine} OR ${holdsSql(s, readsProposalDrafts, communityId)})`,
      ...(hidden === "placeholder"
        ? []
        : [Prisma.sql`(${col(alias, "hiddenAt")} IS NULL OR ${mine} OR ${holdsSql(s, readsHidden, communityId)})`]),
    ];
    return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
  },
};

// ---- Commons -----------------------------------------------------------------------------------

export type CommonsFacts = {
  community: CommunityState;
  status: CommonsStatus;
  hidden: boolean;
  proposerId: string | null;
  /** The viewer carries it (carriesCommons: proposer, steward in person or through their verified organisation). */
  carried: boolean;
};

/**
 * - "read" (default): what a commons' page, the API and its ledger show. A draft is for those who
 *   carry it and for administrators ("commons.readDraft"); a commons hidden by moderation for its
 *   proposer and those who read hidden content.
 * - "catalogue": what the catalogue, its map, the exports, DCAT and the OGC API list across
 *   communities: published commons and one's own drafts, none hidden by moderation (moderators and
 *   proposers reach those from the community's page).
 * - "published": what every reader of the community sees (the community's dashboard).
 */
export type CommonsView = "read" | "catalogue" | "published";
type CommonsOptions = { view?: CommonsView; hidden?: HiddenRows };

function carriedWhere(s: Standing): Cond<Prisma.CommonsWhereInput> {
  if (!s.id) return false;
  return anyOf<Prisma.CommonsWhereInput>(
    { proposerId: s.id },
    // Through an organisation only with a verified link: a declared one carries nothing.
    {
      stewards: {
        some: {
          OR: [{ userId: s.id }, { organization: { members: { some: { id: s.id, organizationVerifiedAt: { not: null } } } } }],
        },
      },
    },
  );
}

function carriedSql(s: Standing, alias: string): Prisma.Sql {
  if (!s.id) return FALSE;
  return Prisma.sql`(${col(alias, "proposerId")} = ${s.id} OR EXISTS (SELECT 1 FROM "CommonsSteward" scope_s
    WHERE scope_s."commonsId" = ${col(alias, "id")} AND (scope_s."userId" = ${s.id}
      OR scope_s."organizationId" = (SELECT scope_u."organizationId" FROM "User" scope_u
        WHERE scope_u."id" = ${s.id} AND scope_u."organizationVerifiedAt" IS NOT NULL))))`;
}

function commonsCond(s: Standing, { view = "read", hidden = "omit" }: CommonsOptions): Cond<Prisma.CommonsWhereInput> {
  type W = Prisma.CommonsWhereInput;
  const reads = through<W, Prisma.CommunityWhereInput>("community", readsCommunityWhere(s));
  const mine: Cond<W> = s.id ? { proposerId: s.id } : false;
  if (view === "published") return allOf<W>(reads, { status: { not: "DRAFT" } }, { hiddenAt: null });
  if (view === "catalogue") return allOf<W>(reads, { hiddenAt: null }, anyOf<W>({ status: { not: "DRAFT" } }, mine));
  return allOf<W>(
    reads,
    anyOf<W>({ status: { not: "DRAFT" } }, carriedWhere(s), through("community", holdsWhere(s, readsDrafts))),
    hidden === "placeholder" ? true : anyOf<W>({ hiddenAt: null }, mine, through("community", holdsWhere(s, readsHidden))),
  );
}

export const commonsScope = {
  allows(subject: Subject, k: CommonsFacts, { view = "read", hidden = "omit" }: CommonsOptions = {}, now = new Date()): boolean {
    if (!can(subject, "community.read", k.community, now)) return false;
    const own = subject.user !== null && subject.user.id === k.proposerId;
    if (view === "published") return k.status !== "DRAFT" && !k.hidden;
    if (view === "catalogue") return !k.hidden && (k.status !== "DRAFT" || own);
    return (
      (k.status !== "DRAFT" || k.carried || can(subject, "commons.readDraft", k.community, now)) &&
      (hidden === "placeholder" || !k.hidden || own || can(subject, "content.readHidden", k.community, now))
    );
  },
  where(viewer: Viewer, { view = "read", hidden = "omit" }: CommonsOptions = {}, now = new Date()): Prisma.CommonsWhereInput {
    return toWhere(commonsCond(standingOf(viewer, now), { view, hidden }));
  },
  sql(viewer: Viewer, alias: string, { view = "read", hidden = "omit" }: CommonsOptions = {}, now = new Date()): Prisma.Sql {
    const s = standingOf(viewer, now);
    const communityId = col(alias, "communityId");
    const status = col(alias, "status");
    const hiddenAt = col(alias, "hiddenAt");
    const mine = s.id ? Prisma.sql`${col(alias, "proposerId")} = ${s.id}` : FALSE;
    const parts = [readsCommunitySql(s, communityId)];
    if (view === "published") {
      parts.push(Prisma.sql`${status} <> 'DRAFT' AND ${hiddenAt} IS NULL`);
    } else if (view === "catalogue") {
      parts.push(Prisma.sql`${hiddenAt} IS NULL AND (${status} <> 'DRAFT' OR ${mine})`);
    } else {
      parts.push(Prisma.sql`(${status} <> 'DRAFT' OR ${carriedSql(s, alias)} OR ${holdsSql(s, readsDrafts, communityId)})`);
      if (hidden === "omit") parts.push(Prisma.sql`(${hiddenAt} IS NULL OR ${mine} OR ${holdsSql(s, readsHidden, communityId)})`);
    }
    return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
  },
};

// ---- Contributions -----------------------------------------------------------------------------

export type ContributionFacts = { commons: CommonsFacts; authorId: string; hidden: boolean };

/**
 * Entries of the ledgers of the commons the viewer reads (commonsScope, "read"); one hidden by
 * moderation only for its author and those who read hidden content.
 */
export const contributionScope = {
  allows(subject: Subject, c: ContributionFacts, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): boolean {
    const own = subject.user !== null && subject.user.id === c.authorId;
    return (
      commonsScope.allows(subject, c.commons, {}, now) &&
      (hidden === "placeholder" || !c.hidden || own || can(subject, "content.readHidden", c.commons.community, now))
    );
  },
  where(viewer: Viewer, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): Prisma.ContributionWhereInput {
    const s = standingOf(viewer, now);
    type W = Prisma.ContributionWhereInput;
    return toWhere(
      allOf<W>(
        through("commons", commonsCond(s, {})),
        hidden === "placeholder"
          ? true
          : anyOf<W>(
              { hiddenAt: null },
              s.id ? { authorId: s.id } : false,
              through(
                "commons",
                through<Prisma.CommonsWhereInput, Prisma.CommunityWhereInput>("community", holdsWhere(s, readsHidden)),
              ),
            ),
      ),
    );
  },
  sql(viewer: Viewer, alias: string, { hidden = "omit" }: { hidden?: HiddenRows } = {}, now = new Date()): Prisma.Sql {
    const s = standingOf(viewer, now);
    const commonsId = col(alias, "commonsId");
    const parts = [
      Prisma.sql`EXISTS (SELECT 1 FROM "Commons" scope_k WHERE scope_k."id" = ${commonsId} AND ${commonsScope.sql(viewer, "scope_k", {}, now)})`,
    ];
    if (hidden === "omit") {
      const communityId = Prisma.sql`(SELECT scope_kc."communityId" FROM "Commons" scope_kc WHERE scope_kc."id" = ${commonsId})`;
      const mine = s.id ? Prisma.sql`${col(alias, "authorId")} = ${s.id}` : FALSE;
      parts.push(Prisma.sql`(${col(alias, "hiddenAt")} IS NULL OR ${mine} OR ${holdsSql(s, readsHidden, communityId)})`);
    }
    return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
  },
  /**
   * What counts in statistics, for everyone: validated by someone else, not hidden by moderation.
   * Not a visibility rule (the caller has the commons' scope), a counting one.
   */
  countedWhere: { state: "VALIDATED", hiddenAt: null } satisfies Prisma.ContributionWhereInput,
  countedSql: (alias: string): Prisma.Sql =>
    Prisma.sql`${col(alias, "state")} = 'VALIDATED' AND ${col(alias, "hiddenAt")} IS NULL`,
};

// ---- Members -----------------------------------------------------------------------------------

export type MemberFacts = { community: CommunityState; status: MembershipStatus };

/**
 * The active members of the communities the viewer reads (pending requests are the
 * administrators', lib/communities/queries/administration.ts). People who asked not to be listed by
 * name are members like the others; that choice concerns the contributors' lists (`named`).
 */
export const memberScope = {
  allows: (subject: Subject, m: MemberFacts, now = new Date()): boolean =>
    m.status === "ACTIVE" && can(subject, "community.read", m.community, now),
  where: (viewer: Viewer, now = new Date()): Prisma.MembershipWhereInput =>
    toWhere(
      allOf<Prisma.MembershipWhereInput>(
        { status: "ACTIVE" },
        through("community", readsCommunityWhere(standingOf(viewer, now))),
      ),
    ),
  sql: (viewer: Viewer, alias: string, now = new Date()): Prisma.Sql =>
    Prisma.sql`(${col(alias, "status")} = 'ACTIVE' AND ${readsCommunitySql(standingOf(viewer, now), col(alias, "communityId"))})`,
  /** Named among contributors: unless they opted out (or their account was erased), except to themselves. */
  named: (viewerId: string | null, person: { id: string; listedByName: boolean }): boolean =>
    person.listedByName || person.id === viewerId,
  /** The same for aggregates shown to everyone (no "themselves"): the user aliased `alias`. */
  namedSql: (alias: string): Prisma.Sql => col(alias, "listedByName"),
};

// ---- Notifications -----------------------------------------------------------------------------

/** One's own notifications, nobody else's (platform administrators included). */
export const notificationScope = {
  allows: (subject: Subject, n: { userId: string }): boolean => subject.user !== null && subject.user.id === n.userId,
  where: (viewer: { id: string } | null): Prisma.NotificationWhereInput => (viewer ? { userId: viewer.id } : { id: { in: [] } }),
  sql: (viewer: { id: string } | null, alias: string): Prisma.Sql =>
    viewer ? Prisma.sql`${col(alias, "userId")} = ${viewer.id}` : FALSE,
};

/** Every scope by the thing it reads (the matrix test walks them). */
export const scopes = {
  community: communityScope,
  proposal: proposalScope,
  commons: commonsScope,
  contribution: contributionScope,
  member: memberScope,
  notification: notificationScope,
};
