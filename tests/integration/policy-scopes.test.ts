/**
 * The policy's scopes against real PostgreSQL: for every role (and the corner cases of suspensions),
 * in a public and a members-only community, every kind of row is seeded — open, draft and hidden
 * proposals, published, draft (one's own, stewarded in person or through an organisation) and hidden
 * commons, hidden contributions, a member who opted out of being named, pending and banned
 * memberships, someone else's notification — and the rows each scope returns (its Prisma `where`
 * and its SQL) must be exactly those its predicate allows for that person, which is built on can().
 * A hand-written table then pins what the predicate says about the rows that matter, so that a
 * change of the rule shows up here as a diff, not only as three forms agreeing with each other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsStatus, MemberRole, MembershipStatus, ProposalStatus, Visibility } from "@/lib/generated/prisma/enums";
import { can, carriesCommons, type CommunityState } from "@/lib/policy/can";
import { communityRoles, type Subject } from "@/lib/policy/roles";
import {
  commonsScope,
  communityScope,
  contributionScope,
  memberScope,
  notificationScope,
  proposalScope,
  type CommonsFacts,
  type CommonsView,
  type HiddenRows,
} from "@/lib/policy/scopes";
import type { Actor } from "@/lib/communities/access";
import { listProposals, getProposalView } from "@/lib/proposals/queries";
import { searchCommons } from "@/lib/commons/search";
import { listCommunityCommons } from "@/lib/commons/read";
import { listContributions } from "@/lib/commons/ledger";
import { listNotifications } from "@/lib/notifications/inbox";
import { listMembersPage } from "@/lib/api/v1/list-members";
import { setFollow } from "@/lib/follows/follows";
import { listMemberDirectory } from "@/lib/communities/queries/member-directory";
import { collegeOverview } from "@/lib/communities/queries/community-overview";
import { listCommunities } from "@/lib/communities/list-communities";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

let t: TestDatabase;
const DAY = 86_400_000;
const now = new Date();

/** The nine roles of the matrix, then corner cases of suspensions. */
const roles = [
  ...communityRoles,
  "moderatorSuspendedEverywhere",
  "moderatorWhoseSuspensionEnded",
  "platformAdminSuspendedEverywhere",
] as const;
type Role = (typeof roles)[number];

type Person = { id: string; isPlatformAdmin: boolean; suspendedUntil: Date | null; organizationId: string | null };
type Community = CommunityState & { id: string; slug: string; label: "public" | "membersOnly" };

const communities: Community[] = [];
const viewers = new Map<Role, Person | null>();
const memberships = new Map<string, { role: MemberRole; status: MembershipStatus; suspendedUntil: Date | null }>();
const key = (communityId: string, userId: string) => `${communityId}:${userId}`;
/** Ids of rows seeded by this file, by thing and by name ("<community>/<what>"). */
const named = new Map<string, string>();
const seeded = {
  community: [] as string[],
  proposal: [] as string[],
  commons: [] as string[],
  contribution: [] as string[],
  member: [] as string[],
  notification: [] as string[],
};

async function person({ platformAdmin = false, suspended = false, organizationId = null as string | null } = {}) {
  const user = await t.db.user.create({
    data: {
      email: `${unique("scope")}@example.org`,
      displayName: unique("Personne"),
      onboardedAt: now,
      isPlatformAdmin: platformAdmin,
      platformSuspendedUntil: suspended ? new Date(now.getTime() + DAY) : null,
      organizationId,
      // A verified link (a declared one carries nothing: tests/integration/organizations.test.ts).
      organizationVerifiedAt: organizationId ? now : null,
    },
  });
  return { id: user.id, isPlatformAdmin: platformAdmin, suspendedUntil: user.platformSuspendedUntil, organizationId };
}

async function join(c: Community, p: Person, role: MemberRole, status: MembershipStatus, suspendedUntil: Date | null = null) {
  const m = await t.db.membership.create({
    data: { communityId: c.id, userId: p.id, role, status, college: "PUBLIC", suspendedUntil },
  });
  memberships.set(key(c.id, p.id), { role, status, suspendedUntil });
  seeded.member.push(m.id);
  return m.id;
}

async function proposal(c: Community, authorId: string, status: ProposalStatus, hidden: boolean, name: string) {
  const p = await t.db.proposal.create({
    data: {
      communityId: c.id,
      authorId,
      title: name,
      status,
      hiddenAt: hidden ? now : null,
      hiddenReason: hidden ? "Spam" : null,
    },
  });
  seeded.proposal.push(p.id);
  named.set(`${c.label}/${name}`, p.id);
  return p.id;
}

async function commons(
  c: Community,
  proposerId: string | null,
  status: CommonsStatus,
  hidden: boolean,
  name: string,
  stewards: { userId?: string; organizationId?: string }[] = [],
) {
  const k = await t.db.commons.create({
    data: {
      communityId: c.id,
      slug: unique("k").toLowerCase(),
      title: name,
      summary: "Un commun.",
      kind: "DATASET",
      licence: "ODbL-1.0",
      status,
      proposerId,
      hiddenAt: hidden ? now : null,
      stewards: { create: stewards },
    },
  });
  seeded.commons.push(k.id);
  named.set(`${c.label}/${name}`, k.id);
  return k.id;
}

async function contribution(c: Community, commonsId: string, authorId: string, hidden: boolean, name: string) {
  const row = await t.db.contribution.create({
    data: { commonsId, authorId, type: "CODE", description: name, date: now, hiddenAt: hidden ? now : null },
  });
  seeded.contribution.push(row.id);
  named.set(`${c.label}/${name}`, row.id);
  return row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const org = await t.db.organization.create({ data: { name: "IGN", kind: "PUBLIC" } });
  for (const [label, visibility] of [
    ["public", "PUBLIC"],
    ["membersOnly", "MEMBERS"],
  ] as const) {
    const slug = unique(label).toLowerCase();
    const row = await t.db.community.create({
      data: { slug, name: slug, summary: "Une communauté.", visibility: visibility as Visibility, joinPolicy: "INVITATION" },
    });
    communities.push({ id: row.id, slug, label, visibility: row.visibility, joinPolicy: row.joinPolicy });
  }
  seeded.community.push(...communities.map((c) => c.id));

  // The people: one per role, with that role in both communities.
  for (const role of roles) {
    if (role === "anonymous") {
      viewers.set(role, null);
      continue;
    }
    const p = await person({
      platformAdmin: role === "platformAdmin" || role === "platformAdminSuspendedEverywhere",
      suspended: role === "moderatorSuspendedEverywhere" || role === "platformAdminSuspendedEverywhere",
      // The member belongs to an organisation that stewards a draft commons.
      organizationId: role === "member" ? org.id : null,
    });
    viewers.set(role, p);
    for (const c of communities) {
      if (role === "pending") await join(c, p, "MEMBER", "PENDING");
      if (role === "member") await join(c, p, "MEMBER", "ACTIVE");
      if (role === "suspended") await join(c, p, "MEMBER", "SUSPENDED", new Date(now.getTime() + DAY));
      if (role === "banned") await join(c, p, "MEMBER", "BANNED");
      if (role === "moderator" || role === "moderatorSuspendedEverywhere") await join(c, p, "MODERATOR", "ACTIVE");
      if (role === "moderatorWhoseSuspensionEnded") await join(c, p, "MODERATOR", "SUSPENDED", new Date(now.getTime() - DAY));
      if (role === "admin") await join(c, p, "ADMIN", "ACTIVE");
    }
  }

  // Someone else's rows, in both communities.
  const author = await person();
  const shy = await person();
  await t.db.user.update({ where: { id: shy.id }, data: { listedByName: false } });
  const left = await person();
  for (const c of communities) {
    await join(c, author, "MEMBER", "ACTIVE");
    const shyMembership = await join(c, shy, "MEMBER", "ACTIVE");
    named.set(`${c.label}/member who opted out`, shyMembership);
    await join(c, left, "MEMBER", "LEFT");

    await proposal(c, author.id, "DRAFT", false, "draft proposal");
    await proposal(c, author.id, "DISCUSSION", false, "open proposal");
    await proposal(c, author.id, "VOTING", true, "hidden proposal");

    const published = await commons(c, author.id, "PROPOSED", false, "published commons");
    await commons(c, author.id, "DRAFT", false, "draft commons");
    const hiddenCommons = await commons(c, author.id, "ADOPTED", true, "hidden commons");
    await commons(c, author.id, "DRAFT", false, "draft stewarded by the member's organisation", [{ organizationId: org.id }]);
    const member = viewers.get("member")!;
    await commons(c, author.id, "DRAFT", false, "draft stewarded by the moderator", [{ userId: viewers.get("moderator")!.id }]);
    await commons(c, null, "DRAFT", false, "draft of an erased proposer");

    await contribution(c, published, author.id, false, "contribution");
    await contribution(c, published, author.id, true, "hidden contribution");
    await contribution(c, published, member.id, true, "the member's hidden contribution");
    await contribution(c, hiddenCommons, author.id, false, "contribution to a hidden commons");
    await contribution(c, named.get(`${c.label}/draft commons`)!, author.id, false, "contribution to a draft");

    // Each person's own draft and hidden proposal, hidden commons and hidden contribution.
    for (const [role, p] of viewers) {
      if (!p) continue;
      await proposal(c, p.id, "DRAFT", false, `${role}'s draft proposal`);
      await proposal(c, p.id, "DISCUSSION", true, `${role}'s hidden proposal`);
      await commons(c, p.id, "DRAFT", false, `${role}'s draft commons`);
      const own = await commons(c, p.id, "PROPOSED", true, `${role}'s hidden commons`);
      await contribution(c, own, p.id, false, `contribution to ${role}'s hidden commons`);
    }
  }
  for (const p of [...viewers.values(), author]) {
    if (!p) continue;
    const n = await t.db.notification.create({
      data: { userId: p.id, kind: "proposal.opened", communityId: communities[0]!.id },
    });
    seeded.notification.push(n.id);
  }
});
afterAll(async () => {
  await t.drop();
});

// ---- Facts of every seeded row, as the predicates take them --------------------------------------

function subjectFor(viewer: Person | null, communityId: string): Subject {
  if (!viewer) return { user: null, membership: null };
  return {
    user: { id: viewer.id, onboarded: true, isPlatformAdmin: viewer.isPlatformAdmin, suspendedUntil: viewer.suspendedUntil },
    membership: memberships.get(key(communityId, viewer.id)) ?? null,
  };
}

const communityOf = (id: string) => communities.find((c) => c.id === id)!;

async function commonsFacts(viewer: Person | null) {
  const rows = await t.db.commons.findMany({
    where: { id: { in: seeded.commons } },
    select: { id: true, communityId: true, status: true, hiddenAt: true, proposerId: true, stewards: true },
  });
  return new Map(
    rows.map((k): [string, CommonsFacts & { communityId: string }] => [
      k.id,
      {
        communityId: k.communityId,
        community: communityOf(k.communityId),
        status: k.status,
        hidden: k.hiddenAt !== null,
        proposerId: k.proposerId,
        carried: carriesCommons(viewer, k),
      },
    ]),
  );
}

/** The ids a raw query with the scope's SQL returns among this file's rows. */
async function idsBySql(table: string, ids: string[], condition: Prisma.Sql): Promise<string[]> {
  const rows = await t.db.$queryRaw<{ id: string }[]>`
    SELECT x."id" FROM ${Prisma.raw(`"${table}"`)} x WHERE x."id" IN (${Prisma.join(ids)}) AND ${condition}`;
  return rows.map((r) => r.id).sort();
}

type Sets = { allowed: string[]; where: string[]; sql: string[] };
const sorted = (ids: string[]) => [...ids].sort();

async function proposals(viewer: Person | null, hidden: HiddenRows): Promise<Sets> {
  const rows = await t.db.proposal.findMany({ where: { id: { in: seeded.proposal } } });
  const allowed = rows.filter((p) =>
    proposalScope.allows(
      subjectFor(viewer, p.communityId),
      { community: communityOf(p.communityId), authorId: p.authorId, status: p.status, hidden: p.hiddenAt !== null },
      { hidden },
      now,
    ),
  );
  const where = await t.db.proposal.findMany({
    where: { AND: [{ id: { in: seeded.proposal } }, proposalScope.where(viewer, { hidden }, now)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map((p) => p.id)),
    where: sorted(where.map((p) => p.id)),
    sql: await idsBySql("Proposal", seeded.proposal, proposalScope.sql(viewer, "x", { hidden }, now)),
  };
}

async function commonsSets(viewer: Person | null, options: { view?: CommonsView; hidden?: HiddenRows }): Promise<Sets> {
  const facts = await commonsFacts(viewer);
  const allowed = [...facts].filter(([, k]) => commonsScope.allows(subjectFor(viewer, k.communityId), k, options, now));
  const where = await t.db.commons.findMany({
    where: { AND: [{ id: { in: seeded.commons } }, commonsScope.where(viewer, options, now)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map(([id]) => id)),
    where: sorted(where.map((k) => k.id)),
    sql: await idsBySql("Commons", seeded.commons, commonsScope.sql(viewer, "x", options, now)),
  };
}

async function contributions(viewer: Person | null, hidden: HiddenRows): Promise<Sets> {
  const facts = await commonsFacts(viewer);
  const rows = await t.db.contribution.findMany({ where: { id: { in: seeded.contribution } } });
  const allowed = rows.filter((c) => {
    const commons = facts.get(c.commonsId)!;
    return contributionScope.allows(
      subjectFor(viewer, commons.communityId),
      { commons, authorId: c.authorId, hidden: c.hiddenAt !== null },
      { hidden },
      now,
    );
  });
  const where = await t.db.contribution.findMany({
    where: { AND: [{ id: { in: seeded.contribution } }, contributionScope.where(viewer, { hidden }, now)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map((c) => c.id)),
    where: sorted(where.map((c) => c.id)),
    sql: await idsBySql("Contribution", seeded.contribution, contributionScope.sql(viewer, "x", { hidden }, now)),
  };
}

async function members(viewer: Person | null): Promise<Sets> {
  const rows = await t.db.membership.findMany({ where: { id: { in: seeded.member } } });
  const allowed = rows.filter((m) =>
    memberScope.allows(subjectFor(viewer, m.communityId), { community: communityOf(m.communityId), status: m.status }, now),
  );
  const where = await t.db.membership.findMany({
    where: { AND: [{ id: { in: seeded.member } }, memberScope.where(viewer, now)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map((m) => m.id)),
    where: sorted(where.map((m) => m.id)),
    sql: await idsBySql("Membership", seeded.member, memberScope.sql(viewer, "x", now)),
  };
}

async function communitiesSets(viewer: Person | null): Promise<Sets> {
  const allowed = communities.filter((c) => communityScope.allows(subjectFor(viewer, c.id), c, now));
  const where = await t.db.community.findMany({
    where: { AND: [{ id: { in: seeded.community } }, communityScope.where(viewer, now)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map((c) => c.id)),
    where: sorted(where.map((c) => c.id)),
    sql: await idsBySql("Community", seeded.community, communityScope.sql(viewer, "x", now)),
  };
}

async function notifications(viewer: Person | null): Promise<Sets> {
  const rows = await t.db.notification.findMany({ where: { id: { in: seeded.notification } } });
  const allowed = rows.filter((n) => notificationScope.allows(subjectFor(viewer, n.communityId ?? ""), n));
  const where = await t.db.notification.findMany({
    where: { AND: [{ id: { in: seeded.notification } }, notificationScope.where(viewer)] },
    select: { id: true },
  });
  return {
    allowed: sorted(allowed.map((n) => n.id)),
    where: sorted(where.map((n) => n.id)),
    sql: await idsBySql("Notification", seeded.notification, notificationScope.sql(viewer, "x")),
  };
}

function agree(sets: Sets) {
  expect(sets.where, "Prisma where = predicate").toEqual(sets.allowed);
  expect(sets.sql, "SQL = predicate").toEqual(sets.allowed);
}

describe("the scopes return exactly the rows the predicate allows", () => {
  it.each(roles)("as %s", async (role) => {
    const viewer = viewers.get(role) ?? null;
    agree(await communitiesSets(viewer));
    for (const hidden of ["omit", "placeholder"] as const) {
      agree(await proposals(viewer, hidden));
      agree(await commonsSets(viewer, { hidden }));
      agree(await contributions(viewer, hidden));
    }
    agree(await commonsSets(viewer, { view: "catalogue" }));
    agree(await commonsSets(viewer, { view: "published" }));
    agree(await members(viewer));
    const own = await notifications(viewer);
    agree(own);
    expect(own.allowed).toHaveLength(viewer ? 1 : 0);
  });
});

// ---- What the predicate says, written out by hand ------------------------------------------------
const Y = true;
const N = false;
// Columns: anonymous, nonMember, pending, member, suspended, banned, moderator, admin, platformAdmin,
// moderatorSuspendedEverywhere, moderatorWhoseSuspensionEnded, platformAdminSuspendedEverywhere
type Row = [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];

const membersOnly: Record<string, Row> = {
  "community itself": [N, N, N, Y, Y, N, Y, Y, Y, Y, Y, N],
  "open proposal": [N, N, N, Y, Y, N, Y, Y, Y, Y, Y, N],
  "draft proposal": [N, N, N, N, N, N, N, Y, Y, N, N, N],
  "hidden proposal": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "published commons": [N, N, N, Y, Y, N, Y, Y, Y, Y, Y, N],
  "draft commons": [N, N, N, N, N, N, N, Y, Y, N, N, N],
  "hidden commons": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "draft stewarded by the member's organisation": [N, N, N, Y, N, N, N, Y, Y, N, N, N],
  "draft stewarded by the moderator": [N, N, N, N, N, N, Y, Y, Y, N, N, N],
  "draft of an erased proposer": [N, N, N, N, N, N, N, Y, Y, N, N, N],
  contribution: [N, N, N, Y, Y, N, Y, Y, Y, Y, Y, N],
  "hidden contribution": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "the member's hidden contribution": [N, N, N, Y, N, N, Y, Y, Y, N, Y, N],
  "contribution to a hidden commons": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "contribution to a draft": [N, N, N, N, N, N, N, Y, Y, N, N, N],
  "member who opted out": [N, N, N, Y, Y, N, Y, Y, Y, Y, Y, N],
};
/** In the public community, whoever is not a reader of the members-only one reads what a reader without powers reads. */
const publicOne: Record<string, Row> = {
  "community itself": [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
  "open proposal": [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
  "hidden proposal": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "draft commons": [N, N, N, N, N, N, N, Y, Y, N, N, N],
  "hidden contribution": [N, N, N, N, N, N, Y, Y, Y, N, Y, N],
  "member who opted out": [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
};

describe("the predicate, written out by hand", () => {
  const visible = async (viewer: Person | null) => {
    const [p, k, c, m, co] = await Promise.all([
      proposals(viewer, "omit"),
      commonsSets(viewer, {}),
      contributions(viewer, "omit"),
      members(viewer),
      communitiesSets(viewer),
    ]);
    return new Set([...p.allowed, ...k.allowed, ...c.allowed, ...m.allowed, ...co.allowed]);
  };
  for (const [label, table] of [
    ["membersOnly", membersOnly],
    ["public", publicOne],
  ] as const) {
    it.each(Object.entries(table))(`${label}: %s`, async (what, row) => {
      const c = communities.find((x) => x.label === label)!;
      const id = what === "community itself" ? c.id : named.get(`${label}/${what}`)!;
      expect(id, what).toBeTruthy();
      const seen = await Promise.all(roles.map(async (role) => (await visible(viewers.get(role) ?? null)).has(id)));
      expect(seen).toEqual(row);
    });
  }

  it("lets each person read their own drafts and hidden rows, and only administrators others' drafts", async () => {
    for (const [role, p] of viewers) {
      if (!p) continue;
      const c = communities.find((x) => x.label === "membersOnly")!;
      const seen = await visible(p);
      const reads = communityScope.allows(subjectFor(p, c.id), c, now);
      for (const what of [
        `${role}'s draft proposal`,
        `${role}'s hidden proposal`,
        `${role}'s draft commons`,
        `${role}'s hidden commons`,
      ]) {
        expect(seen.has(named.get(`membersOnly/${what}`)!), `${role}: ${what}`).toBe(reads);
      }
      for (const [other] of viewers) {
        if (other === role || other === "anonymous") continue;
        const theirs = named.get(`membersOnly/${other}'s draft proposal`)!;
        const administers = can(subjectFor(p, c.id), "proposal.readDraft", c, now);
        expect(seen.has(theirs), `${role} reads ${other}'s draft proposal`).toBe(reads && administers);
      }
    }
  });
});

// ---- The readers return what the scopes allow ----------------------------------------------------

const actorOf = (p: Person | null): Actor | null =>
  p ? { id: p.id, onboarded: true, isPlatformAdmin: p.isPlatformAdmin, suspendedUntil: p.suspendedUntil } : null;

/** A reader's refusal of an unreadable community is a 404, as if it did not exist. */
async function orNotFound<T>(read: () => Promise<T>): Promise<T | "404"> {
  try {
    return await read();
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "404";
    throw error;
  }
}

describe("the readers return what the scopes allow", () => {
  it.each(roles)("as %s", async (role) => {
    const viewer = viewers.get(role) ?? null;
    const actor = actorOf(viewer);
    const [proposalSets, commonsRead, commonsPlaceholders, catalogue, contributionSets, placeholders, memberSets] =
      await Promise.all([
        proposals(viewer, "omit"),
        commonsSets(viewer, {}),
        commonsSets(viewer, { hidden: "placeholder" }),
        commonsSets(viewer, { view: "catalogue" }),
        contributions(viewer, "omit"),
        contributions(viewer, "placeholder"),
        members(viewer),
      ]);
    for (const c of communities) {
      const reads = communityScope.allows(subjectFor(viewer, c.id), c, now);
      const inCommunity = async (table: "proposal" | "commons", ids: string[]) =>
        table === "proposal"
          ? (await t.db.proposal.findMany({ where: { id: { in: ids }, communityId: c.id }, select: { id: true } }))
              .map((r) => r.id)
              .sort()
          : (await t.db.commons.findMany({ where: { id: { in: ids }, communityId: c.id }, select: { id: true } }))
              .map((r) => r.id)
              .sort();

      // A community's proposals: the proposal scope, hidden ones left out.
      const listed = await orNotFound(() => listProposals(t.db, { actor, slug: c.slug, limit: 100 }));
      expect(listed === "404" ? "404" : listed.data.map((p) => p.id).sort()).toEqual(
        reads ? await inCommunity("proposal", proposalSets.allowed) : "404",
      );
      // One proposal: someone else's draft is a 404; a hidden one is withheld unless the scope allows it.
      for (const name of ["draft proposal", "hidden proposal", "open proposal"]) {
        const id = named.get(`${c.label}/${name}`)!;
        const view = await orNotFound(() => getProposalView(t.db, { actor, proposalId: id }));
        if (!reads || (name === "draft proposal" && !proposalSets.allowed.includes(id))) expect(view, name).toBe("404");
        else if (view !== "404") expect(view.withheld, name).toBe(!proposalSets.allowed.includes(id));
      }

      // The catalogue's search, in this community.
      const found = await searchCommons(t.db, { viewer: actor, communityId: c.id, limit: 100 });
      expect(found.data.map((k) => k.id).sort()).toEqual(await inCommunity("commons", catalogue.allowed));

      // The community's list of commons: hidden ones as placeholders.
      const list = await listCommunityCommons(t.db, { communityId: c.id, viewer: actor });
      expect(list.map((k) => k.id).sort()).toEqual(await inCommunity("commons", commonsPlaceholders.allowed));
      for (const k of list) expect(k.withheld, k.id).toBe(!commonsRead.allowed.includes(k.id));

      // A ledger: the contributions of a published commons, hidden ones as placeholders.
      const commonsId = named.get(`${c.label}/published commons`)!;
      const ledger = await orNotFound(() => listContributions(t.db, actor, commonsId, { limit: 100 }));
      if (ledger === "404") {
        expect(commonsRead.allowed).not.toContain(commonsId);
      } else {
        const ofCommons = (await t.db.contribution.findMany({ where: { commonsId }, select: { id: true } })).map((r) => r.id);
        expect(ledger.data.map((e) => e.id).sort()).toEqual(placeholders.allowed.filter((id) => ofCommons.includes(id)).sort());
        for (const e of ledger.data) expect(e.redacted, e.id).toBe(!contributionSets.allowed.includes(e.id));
      }

      // Following: never what the person may not read.
      if (actor) {
        for (const name of ["draft commons", "hidden commons", "draft stewarded by the moderator"]) {
          const id = named.get(`${c.label}/${name}`)!;
          if (commonsRead.allowed.includes(id)) continue;
          const follow = setFollow(t.db, { actor, input: { targetKind: "COMMONS", targetId: id, follow: true } });
          await expect(follow, `${role} follows ${name}`).rejects.toMatchObject({ status: 404 });
        }
        for (const name of ["draft proposal", "hidden proposal"]) {
          const id = named.get(`${c.label}/${name}`)!;
          if (proposalSets.allowed.includes(id)) continue;
          const follow = setFollow(t.db, { actor, input: { targetKind: "PROPOSAL", targetId: id, follow: true } });
          await expect(follow, `${role} follows ${name}`).rejects.toMatchObject({ status: 404 });
        }
      }

      // The API's members of the community.
      const page = await orNotFound(() => listMembersPage(t.db, { actor, slug: c.slug, limit: 100 }));
      const theirs = await t.db.membership.count({ where: { id: { in: memberSets.allowed }, communityId: c.id } });
      expect(page === "404" ? "404" : page.data.length).toEqual(reads ? theirs : "404");
      // The directory and the colleges' headcounts (pages check the community first; the scope still applies).
      const directory = await listMemberDirectory(t.db, { viewer: actor, communityId: c.id, limit: 200 });
      const scoped = (await t.db.membership.findMany({ where: { id: { in: memberSets.allowed }, communityId: c.id } })).map(
        (m) => m.id,
      );
      expect(directory.members.map((m) => m.membershipId).sort()).toEqual(scoped.sort());
      const colleges = await collegeOverview(t.db, c.id, actor);
      expect(colleges.reduce((sum, college) => sum + college.members, 0)).toBe(scoped.length);
      // The home page's card: the count only where the viewer reads the community.
      const card = (await listCommunities(t.db, { viewer: actor })).find((x) => x.slug === c.slug)!;
      expect(card.activeMembers).toBe(reads ? scoped.length : null);
      // A cursor naming a membership the viewer may not see places no page.
      const pendingId = (await t.db.membership.findFirstOrThrow({ where: { communityId: c.id, status: "PENDING" } })).id;
      const afterPending = await listMemberDirectory(t.db, { viewer: actor, communityId: c.id, cursor: pendingId });
      expect(afterPending.members).toEqual([]);
    }
    if (viewer) {
      const inbox = await listNotifications(t.db, { userId: viewer.id, locale: "fr", limit: 100 });
      expect(inbox.data).toHaveLength(1);
    }
  });
});
