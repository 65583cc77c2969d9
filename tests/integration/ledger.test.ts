/**
 * The contribution ledger and its dashboards against a real PostgreSQL: bad input refused at its
 * field with nothing stored, never validating one's own contribution (clear error, nothing stored),
 * only validated and visible contributions counted, people who opted out listed as anonymous, hidden
 * contributions as placeholders, who may read a ledger, cursor pagination, and the shares by kind of
 * actor for a commons and for a community.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, MemberRole, Visibility } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { recordContribution, validateContribution } from "@/lib/commons/contributions";
import { getContribution, listContributions, type LedgerEntry, type LedgerItem } from "@/lib/commons/ledger";
import { actorShares, commonsStats, communityDashboard, monthSeries } from "@/lib/commons/dashboard";
import { parisDay } from "@/lib/commons/ledger-schemas";
import { profileSchema } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community({
  visibility = "PUBLIC",
  members = [],
}: { visibility?: Visibility; members?: { role?: MemberRole; college?: ActorKind }[] } = {}) {
  const owner = await createPerson(t.db);
  const slug = unique("led").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  const people: TestPerson[] = [];
  for (const { role = "MEMBER", college = "PUBLIC" } of members) {
    const person = await createPerson(t.db, { actorKind: college });
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college, status: "ACTIVE", role } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

async function commonsIn(c: { slug: string }, actor: TestPerson, status: "PROPOSED" | "DRAFT" = "PROPOSED") {
  return proposeCommons(t.db, {
    actor,
    slug: c.slug,
    input: {
      slug: unique("k").toLowerCase(),
      title: "Base adresse locale",
      summary: "Les adresses de la commune.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status,
    },
  });
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => ({ status: 0, code: "", messageKey: "", fieldErrors: undefined as Record<string, string> | undefined }),
    (e: { status: number; code: string; messageKey: string; fieldErrors?: Record<string, string> }) => ({
      status: e.status,
      code: e.code,
      messageKey: e.messageKey,
      fieldErrors: e.fieldErrors,
    }),
  );
}

const entry = (item: LedgerItem | undefined): LedgerEntry => {
  if (!item || item.redacted) throw new Error("expected a visible entry");
  return item;
};

const tomorrow = () => new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);

describe("recording", () => {
  it("stores every field, a place as a GeoJSON point, and its audit entry", async () => {
    const c = await community({ members: [{}] });
    const author = c.people[0]!;
    const commons = await commonsIn(c, author);
    const { id } = await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: {
        type: "CORRECTION",
        description: "Vérifié les adresses du bourg.",
        date: parisDay(new Date()),
        hours: "2,5",
        quantity: "1 200",
        unit: "adresses vérifiées",
        link: "https://adresse.data.gouv.fr/base-adresse-nationale/38185",
        longitude: "5.7245",
        latitude: "45.1885",
      },
    });
    const row = await t.db.contribution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "PENDING", hours: 2.5, quantity: 1200, unit: "adresses vérifiées" });
    expect(row.place).toEqual({ type: "Point", coordinates: [5.7245, 45.1885] });
    expect(
      await t.db.auditEntry.count({ where: { communityId: c.id, action: "contribution.recorded", actorId: author.id } }),
    ).toBe(1);
    const seen = entry(await getContribution(t.db, null, id));
    expect(seen.point).toEqual([5.7245, 45.1885]);
  });

  it.each([
    [{ date: "2099-01-01" }, "date", "ledger.errors.dateInFuture"],
    [{ date: "pas une date" }, "date", "ledger.errors.dateInvalid"],
    [{ quantity: -3, unit: "adresses" }, "quantity", "ledger.errors.quantityInvalid"],
    [{ quantity: 5e12, unit: "adresses" }, "quantity", "ledger.errors.quantityTooLarge"],
    [{ quantity: 12 }, "unit", "ledger.errors.unitRequired"],
    [{ unit: "photos" }, "quantity", "ledger.errors.quantityRequired"],
    [{ hours: -1 }, "hours", "ledger.errors.hoursInvalid"],
    [{ hours: 100_000 }, "hours", "ledger.errors.hoursTooMany"],
    [{ hours: "beaucoup" }, "hours", "ledger.errors.hoursInvalid"],
    [{ longitude: 200, latitude: 45 }, "longitude", "ledger.errors.longitudeInvalid"],
    [{ longitude: 5 }, "latitude", "ledger.errors.placeIncomplete"],
    [{ link: "javascript:alert(1)" }, "link", "ledger.errors.linkInvalid"],
    [{ type: "BRIBERY" }, "type", "ledger.errors.type"],
    [{ description: " " }, "description", "ledger.errors.descriptionRequired"],
  ])("refuses %o at its field and stores nothing", async (patch, field, key) => {
    const c = await community({ members: [{}] });
    const commons = await commonsIn(c, c.people[0]!);
    const refused = await rejection(
      recordContribution(t.db, {
        actor: c.people[0]!,
        slug: c.slug,
        commonsSlug: commons.slug,
        input: { type: "CODE", description: "Correctif du géocodeur", date: "2026-01-15", ...patch },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors?.[field]).toBe(key);
    expect(await t.db.contribution.count({ where: { commonsId: commons.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "contribution.recorded" } })).toBe(0);
  });

  it("accepts today (Paris time) but not tomorrow", async () => {
    const c = await community({ members: [{}] });
    const commons = await commonsIn(c, c.people[0]!);
    const input = { type: "CODE", description: "Correctif du géocodeur" };
    const args = { actor: c.people[0]!, slug: c.slug, commonsSlug: commons.slug };
    await expect(recordContribution(t.db, { ...args, input: { ...input, date: parisDay(new Date()) } })).resolves.toBeTruthy();
    const refused = await rejection(recordContribution(t.db, { ...args, input: { ...input, date: tomorrow() } }));
    expect(refused.fieldErrors?.date).toBe("ledger.errors.dateInFuture");
  });
});

describe("reviewing", () => {
  it("refuses the author with a clear error and stores nothing; another member validates with a comment", async () => {
    const c = await community({ members: [{ role: "ADMIN" }, {}] });
    const [author, other] = c.people as [TestPerson, TestPerson];
    const commons = await commonsIn(c, author);
    const { id } = await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "DOCUMENTATION", description: "Guide de saisie", date: "2026-02-01" },
    });
    // Even an administrator and steward of the commons may not review their own contribution.
    const own = await rejection(
      validateContribution(t.db, { actor: author, slug: c.slug, contributionId: id, input: { decision: "VALIDATED" } }),
    );
    expect(own).toMatchObject({ status: 403, code: "own_contribution", messageKey: "ledger.errors.ownContribution" });
    const untouched = await t.db.contribution.findUniqueOrThrow({ where: { id } });
    expect([untouched.state, untouched.validatorId, untouched.validatedAt]).toEqual(["PENDING", null, null]);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "contribution.validated" } })).toBe(0);

    const outsider = await createPerson(t.db);
    const refused = await rejection(
      validateContribution(t.db, { actor: outsider, slug: c.slug, contributionId: id, input: { decision: "VALIDATED" } }),
    );
    expect(refused.status).toBe(403);

    const tooLong = await rejection(
      validateContribution(t.db, {
        actor: other,
        slug: c.slug,
        contributionId: id,
        input: { decision: "REJECTED", comment: "x".repeat(2001) },
      }),
    );
    expect(tooLong.fieldErrors).toEqual({ comment: "ledger.errors.commentTooLong" });

    // Without the community's slug (the API knows only the id).
    await validateContribution(t.db, { actor: other, contributionId: id, input: { decision: "VALIDATED", comment: " Relu. " } });
    const row = await t.db.contribution.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.validatorId, row.validationComment]).toEqual(["VALIDATED", other.id, "Relu."]);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "contribution.validated" } });
    expect(audit.actorId).toBe(other.id);
    expect(audit.details).toMatchObject({ contributionId: id, userId: author.id });
    // The author is told, in the same transaction; the refused attempts told nobody.
    const notes = await t.db.notification.findMany({ where: { kind: "contribution.reviewed" } });
    expect(notes.map((n) => [n.userId, n.communityId])).toEqual([[author.id, c.id]]);
    expect(notes[0]!.data).toMatchObject({
      title: "Base adresse locale",
      path: `/communities/${c.slug}/commons/${commons.slug}/ledger`,
      state: "VALIDATED",
      accepted: true,
      comment: "Relu.",
    });
  });

  it("is a 404 through another community's slug", async () => {
    const c = await community({ members: [{}, {}] });
    const d = await community({ members: [{}] });
    const commons = await commonsIn(c, c.people[0]!);
    const { id } = await recordContribution(t.db, {
      actor: c.people[0]!,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "CODE", description: "Correctif", date: "2026-01-01" },
    });
    const wrong = await rejection(
      validateContribution(t.db, { actor: c.people[1]!, slug: d.slug, contributionId: id, input: { decision: "VALIDATED" } }),
    );
    expect(wrong.status).toBe(404);
  });
});

describe("reading a ledger", () => {
  it("is for whoever may see the commons: members-only communities and drafts stay hidden", async () => {
    const c = await community({ visibility: "MEMBERS", members: [{}, {}] });
    const [author, member] = c.people as [TestPerson, TestPerson];
    const commons = await commonsIn(c, author);
    const draft = await commonsIn(c, author, "DRAFT");
    const outsider = await createPerson(t.db);
    expect((await rejection(listContributions(t.db, outsider, commons.id))).status).toBe(404);
    expect((await rejection(listContributions(t.db, null, commons.id))).status).toBe(404);
    expect((await listContributions(t.db, member, commons.id)).data).toEqual([]);
    expect((await rejection(listContributions(t.db, member, draft.id))).status).toBe(404);
    expect((await listContributions(t.db, author, draft.id)).data).toEqual([]);
    expect((await rejection(listContributions(t.db, member, "no-such-commons"))).status).toBe(404);
  });

  it("of a commons hidden by moderation is for its proposer and the moderators only", async () => {
    const c = await community({ members: [{}, {}, { role: "MODERATOR" }] });
    const [proposer, member, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const commons = await commonsIn(c, proposer);
    await t.db.commons.update({ where: { id: commons.id }, data: { hiddenAt: new Date(), hiddenReason: "Spam" } });
    expect((await rejection(listContributions(t.db, member, commons.id))).status).toBe(404);
    expect((await rejection(listContributions(t.db, null, commons.id))).status).toBe(404);
    expect((await listContributions(t.db, proposer, commons.id)).data).toEqual([]);
    expect((await listContributions(t.db, moderator, commons.id)).data).toEqual([]);
  });

  it("lists people who opted out as anonymous, except to themselves; moderators keep their id", async () => {
    const c = await community({ members: [{ college: "CIVIL_SOCIETY" }, {}, { role: "MODERATOR" }] });
    const [shy, reviewer, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const org = await t.db.organization.create({ data: { name: "OpenStreetMap France", kind: "CIVIL_SOCIETY" } });
    // The opt-out goes through the profile, like the checkbox does.
    await updateProfile(t.db, {
      userId: shy.id,
      profile: profileSchema.parse({
        displayName: "Camille Discrète",
        actorKind: "CIVIL_SOCIETY",
        organizationName: "OpenStreetMap France",
        locale: "fr",
        hideContributorName: "on",
      }),
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: shy.id } })).listedByName).toBe(false);
    await t.db.user.update({
      where: { id: shy.id },
      data: { organizationId: org.id, organizationVerifiedAt: new Date(), organizationVerifiedBy: "EMAIL_DOMAIN" },
    });
    const commons = await commonsIn(c, reviewer);
    const { id } = await recordContribution(t.db, {
      actor: shy,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "CORRECTION", description: "Photos du centre-ville", date: "2026-03-10", hours: 4 },
    });
    await validateContribution(t.db, { actor: reviewer, slug: c.slug, contributionId: id, input: { decision: "VALIDATED" } });

    const asOther = entry((await listContributions(t.db, reviewer, commons.id)).data[0]);
    expect(asOther.author).toEqual({
      id: null,
      name: null,
      anonymous: true,
      organization: null,
      actorKind: "CIVIL_SOCIETY",
      college: "CIVIL_SOCIETY",
    });
    expect(JSON.stringify(asOther)).not.toContain("Camille");
    const asAnonymousVisitor = entry((await listContributions(t.db, null, commons.id)).data[0]);
    expect(asAnonymousVisitor.author.anonymous).toBe(true);
    const asSelf = entry((await listContributions(t.db, shy, commons.id)).data[0]);
    expect(asSelf.author).toMatchObject({ id: shy.id, name: "Camille Discrète", anonymous: false });
    expect(asSelf.own).toBe(true);
    const asModerator = entry((await listContributions(t.db, moderator, commons.id)).data[0]);
    expect(asModerator.author).toMatchObject({ id: shy.id, name: null, anonymous: true });

    const stats = await commonsStats(t.db, commons.id);
    expect(stats.contributors).toEqual([]);
    expect(stats.anonymous).toEqual({ people: 1, count: 1, hours: 4 });
    // Still counted everywhere else.
    expect(stats.byOrganization).toEqual([{ organizationId: org.id, name: "OpenStreetMap France", count: 1, hours: 4 }]);
    expect(stats.byActorKind).toEqual([{ actorKind: "CIVIL_SOCIETY", count: 1, hours: 4 }]);
  });

  it("shows hidden contributions as placeholders, with the reason to their author and moderators", async () => {
    const c = await community({ members: [{}, {}, { role: "MODERATOR" }] });
    const [author, other, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const commons = await commonsIn(c, other);
    const { id } = await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "OTHER", description: "Publicité déguisée", date: "2026-03-01" },
    });
    await t.db.contribution.update({ where: { id }, data: { hiddenAt: new Date(), hiddenReason: "Hors sujet" } });
    const placeholder = (await listContributions(t.db, other, commons.id)).data[0]!;
    expect(placeholder.redacted).toBe(true);
    expect(JSON.stringify(placeholder)).not.toContain("Publicité");
    expect(entry((await listContributions(t.db, author, commons.id)).data[0]).hidden?.reason).toBe("Hors sujet");
    expect(entry((await listContributions(t.db, moderator, commons.id)).data[0]).description).toBe("Publicité déguisée");
    // A hidden contribution cannot be reviewed, and is not seen by the reviewer at all.
    const review = await rejection(
      validateContribution(t.db, { actor: other, slug: c.slug, contributionId: id, input: { decision: "VALIDATED" } }),
    );
    expect(review.status).toBe(404);
  });

  it("pages by cursor, most recent first, and filters by state", async () => {
    const c = await community({ members: [{}, {}] });
    const [author, reviewer] = c.people as [TestPerson, TestPerson];
    const commons = await commonsIn(c, author);
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const { id } = await recordContribution(t.db, {
        actor: author,
        slug: c.slug,
        commonsSlug: commons.slug,
        input: { type: "CODE", description: `Jour ${day}`, date: `2026-04-0${day}` },
      });
      ids.push(id);
    }
    // Two on the same day: the later recorded comes first.
    const { id: sameDay } = await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "CODE", description: "Jour 5 bis", date: "2026-04-05" },
    });
    await validateContribution(t.db, {
      actor: reviewer,
      slug: c.slug,
      contributionId: ids[1]!,
      input: { decision: "VALIDATED" },
    });

    const first = await listContributions(t.db, null, commons.id, { limit: 4 });
    expect(first.data.map((e) => e.id)).toEqual([sameDay, ids[4], ids[3], ids[2]]);
    const second = await listContributions(t.db, null, commons.id, { limit: 4, cursor: first.nextCursor! });
    expect(second.data.map((e) => e.id)).toEqual([ids[1], ids[0]]);
    expect(second.nextCursor).toBeNull();
    const validated = await listContributions(t.db, null, commons.id, { state: "VALIDATED" });
    expect(validated.data.map((e) => e.id)).toEqual([ids[1]]);
    expect((await listContributions(t.db, null, commons.id, { cursor: "unknown" })).data).toEqual([]);
  });
});

describe("dashboards", () => {
  it("count validated, visible contributions only and give the share of each kind of actor", async () => {
    const c = await community({
      members: [{ college: "PUBLIC" }, { college: "PRIVATE" }, { college: "RESEARCH" }, { college: "CIVIL_SOCIETY" }],
    });
    const [agent, company, lab, volunteer] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const commons = await commonsIn(c, agent);
    const other = await commonsIn(c, agent);
    const draft = await commonsIn(c, agent, "DRAFT");
    const record = async (actor: TestPerson, commonsSlug: string, date: string, hours: number) =>
      (
        await recordContribution(t.db, {
          actor,
          slug: c.slug,
          commonsSlug,
          input: { type: "DATA_PRODUCTION", description: "Production", date, hours },
        })
      ).id;
    const validate = (id: string, actor: TestPerson, decision = "VALIDATED") =>
      validateContribution(t.db, { actor, slug: c.slug, contributionId: id, input: { decision, comment: "ok" } });

    await validate(await record(agent, commons.slug, "2026-01-10", 6), volunteer);
    await validate(await record(agent, commons.slug, "2026-03-10", 2), volunteer);
    await validate(await record(volunteer, commons.slug, "2026-03-11", 2), agent);
    await validate(await record(company, commons.slug, "2026-03-12", 100), agent, "REJECTED");
    await record(lab, commons.slug, "2026-03-12", 50); // pending
    const hidden = await record(lab, commons.slug, "2026-03-13", 8);
    await validate(hidden, agent);
    await t.db.contribution.update({ where: { id: hidden }, data: { hiddenAt: new Date(), hiddenReason: "Doublon" } });
    await validate(await record(company, other.slug, "2026-02-01", 10), agent);
    // A validated contribution to a draft (only its proposer sees it) stays out of the community's figures.
    const inDraft = await record(agent, draft.slug, "2026-02-01", 30);
    await t.db.contribution.update({ where: { id: inDraft }, data: { state: "VALIDATED", validatorId: company.id } });

    const stats = await commonsStats(t.db, commons.id);
    expect([stats.total, stats.hours]).toEqual([3, 10]);
    expect(stats.byActorKind).toEqual([
      { actorKind: "PUBLIC", count: 2, hours: 8 },
      { actorKind: "CIVIL_SOCIETY", count: 1, hours: 2 },
    ]);
    const shares = actorShares(stats);
    expect(shares.map((s) => [s.actorKind, Math.round(s.countShare * 10) / 10, s.hoursShare])).toEqual([
      ["PUBLIC", 66.7, 80],
      ["PRIVATE", 0, 0],
      ["RESEARCH", 0, 0],
      ["CIVIL_SOCIETY", 33.3, 20],
    ]);
    expect(stats.byMonth).toEqual([
      { month: "2026-01", count: 1, hours: 6 },
      { month: "2026-03", count: 2, hours: 4 },
    ]);
    expect(monthSeries(stats.byMonth).map((m) => [m.month, m.count])).toEqual([
      ["2026-01", 1],
      ["2026-02", 0],
      ["2026-03", 2],
    ]);
    expect(stats.contributors.map((p) => [p.userId, p.count])).toEqual([
      [agent.id, 2],
      [volunteer.id, 1],
    ]);

    // The community: both published commons, not the draft.
    const { stats: all } = await communityDashboard(t.db, { actor: null, slug: c.slug });
    expect([all.total, all.hours]).toEqual([4, 20]);
    expect(all.byActorKind).toEqual([
      { actorKind: "PUBLIC", count: 2, hours: 8 },
      { actorKind: "CIVIL_SOCIETY", count: 1, hours: 2 },
      { actorKind: "PRIVATE", count: 1, hours: 10 },
    ]);
    expect(all.byCommons.map((k) => [k.commonsId, k.count])).toEqual([
      [commons.id, 3],
      [other.id, 1],
    ]);
    expect(actorShares(all).find((s) => s.actorKind === "PRIVATE")?.countShare).toBe(25);
  });

  it("of a members-only community are refused to outsiders", async () => {
    const c = await community({ visibility: "MEMBERS" });
    const refused = await rejection(communityDashboard(t.db, { actor: await createPerson(t.db), slug: c.slug }));
    expect(refused.status).toBe(404);
  });
});
