import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson, type TestPerson } from "../support/factories";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { applyAmendment, validateAmendment } from "@/lib/charter/apply-amendment";
import { getCharter, listCharterVersions, readCharter } from "@/lib/charter/get-charter";
import { getCharterParameters, defaultCharterParameters } from "@/lib/charter/parameters";
import { seedCharter } from "@/lib/demo/seed-charter";
import { isAppError } from "@/lib/core/errors";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { canAs } from "@/lib/policy/can";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const rules = [
  { title: "Limites claires", text: "Qui est membre, qui contribue.", principle: 1 },
  { title: "Licence", text: "Les données sont sous `etalab-2.0`.", principle: 7 },
  { title: "Sanctions graduées", text: "Avertissement, suspension, exclusion.", principle: 5 },
];

async function community(visibility: Visibility = "PUBLIC") {
  const admin = await createPerson(t.db);
  const slug = unique("ch").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: admin,
    input: { name: `Charte ${slug}`, slug, summary: "Une communauté de test.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { id, slug, admin };
}

async function founded(visibility: Visibility = "PUBLIC") {
  const c = await community(visibility);
  await foundCharter(t.db, { actor: c.admin, slug: c.slug, rules, parameters: defaultCharterParameters });
  return c;
}

async function proposal(c: { id: string; admin: TestPerson }, amendment: unknown) {
  return t.db.proposal.create({
    data: {
      communityId: c.id,
      authorId: c.admin.id,
      kind: "CHARTER_AMENDMENT",
      title: unique("Amendement"),
      amendment: amendment as never,
    },
    select: { id: true, title: true },
  });
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("founding", () => {
  it("writes version 1 once, numbered 1..n, audited; refused to members and once founded", async () => {
    const c = await community();
    const member = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: c.id, userId: member.id, status: "ACTIVE", college: "PUBLIC" } });
    expect(
      (await rejection(foundCharter(t.db, { actor: member, slug: c.slug, rules, parameters: defaultCharterParameters }))).status,
    ).toBe(403);

    await foundCharter(t.db, { actor: c.admin, slug: c.slug, rules, parameters: defaultCharterParameters });
    const charter = await getCharter(t.db, { communityId: c.id });
    expect(charter).toMatchObject({ number: 1, currentVersion: 1, proposal: null, changes: [] });
    expect(charter!.rules.map((rule) => rule.number)).toEqual([1, 2, 3]);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "charter.founded" } })).toBe(1);

    const again = await rejection(
      foundCharter(t.db, { actor: c.admin, slug: c.slug, rules, parameters: defaultCharterParameters }),
    );
    expect([again.status, again.messageKey]).toEqual([409, "charter.errors.alreadyFounded"]);
    expect(await t.db.charterVersion.count({ where: { charter: { communityId: c.id } } })).toBe(1);
  });

  it.each([
    ["anonymous", 401],
    ["nonMember", 403],
    ["member", 403],
    ["suspended", 403],
    ["banned", 403],
    ["moderator", 403],
    ["platformAdmin", 0],
  ] as const)("as %s answers %s (policy charter.found)", async (role, status) => {
    const c = await community();
    expect(canAs(role, "charter.found", { visibility: "PUBLIC", joinPolicy: "OPEN", charterVersion: 0 })).toBe(status === 0);
    let actor: TestPerson | null = null;
    if (role !== "anonymous") actor = await createPerson(t.db, { platformAdmin: role === "platformAdmin" });
    if (actor && ["member", "suspended", "banned", "moderator"].includes(role)) {
      await t.db.membership.create({
        data: {
          communityId: c.id,
          userId: actor.id,
          college: "PUBLIC",
          role: role === "moderator" ? "MODERATOR" : "MEMBER",
          status: role === "suspended" ? "SUSPENDED" : role === "banned" ? "BANNED" : "ACTIVE",
          suspendedUntil: role === "suspended" ? new Date(Date.now() + 86_400_000) : null,
        },
      });
    }
    const attempt = foundCharter(t.db, { actor: actor as TestPerson, slug: c.slug, rules, parameters: defaultCharterParameters });
    if (status === 0) {
      await attempt;
      expect((await getCharter(t.db, { communityId: c.id }))?.number).toBe(1);
    } else {
      expect((await rejection(attempt)).status).toBe(status);
      expect(await t.db.charter.count({ where: { communityId: c.id } })).toBe(0);
    }
  });

  it("lets two founders race: exactly one version 1", async () => {
    const c = await community();
    const results = await Promise.allSettled(
      [0, 1].map(() => foundCharter(t.db, { actor: c.admin, slug: c.slug, rules, parameters: defaultCharterParameters })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.charterVersion.count({ where: { charter: { communityId: c.id } } })).toBe(1);
  });

  it("hides a members-only community's charter from outsiders (404)", async () => {
    const c = await founded("MEMBERS");
    const outsider = await createPerson(t.db);
    expect((await rejection(readCharter(t.db, { actor: outsider, slug: c.slug }))).status).toBe(404);
    expect((await rejection(readCharter(t.db, { actor: null, slug: c.slug }))).status).toBe(404);
    expect((await readCharter(t.db, { actor: c.admin, slug: c.slug })).charter?.number).toBe(1);
  });
});

describe("amendments", () => {
  it("create version N+1 with the changes and the proposal; the parameters in force follow", async () => {
    const c = await founded();
    const changes = [
      { op: "repeal", number: 3 },
      { op: "change", number: 2, rule: { title: "Licence", text: "Les données sont sous `ODbL-1.0`.", principle: 7 } },
      { op: "add", rule: { title: "Recours", text: "Un autre modérateur tranche.", principle: 6 } },
      { op: "setParameter", key: "quorumPercent", value: 35 },
    ];
    const p = await proposal(c, changes);
    await validateAmendment(t.db, c.id, changes);
    const { version } = await t.db.$transaction((tx) =>
      applyAmendment(tx, { communityId: c.id, proposalId: p.id, changes, actorId: c.admin.id }),
    );
    expect(version).toBe(2);
    const current = await getCharter(t.db, { communityId: c.id });
    expect(current).toMatchObject({ number: 2, currentVersion: 2, proposal: { id: p.id, title: p.title }, changes });
    expect(current!.rules.map((rule) => rule.number)).toEqual([1, 2, 4]);
    expect((await getCharter(t.db, { communityId: c.id, version: 1 }))!.rules).toHaveLength(3);
    expect(await getCharter(t.db, { communityId: c.id, version: 3 })).toBeNull();
    expect((await getCharterParameters(t.db, c.id)).quorumPercent).toBe(35);
    expect((await listCharterVersions(t.db, c.id)).map((v) => [v.number, v.changeCount, v.proposal?.id ?? null])).toEqual([
      [2, 4, p.id],
      [1, 0, null],
    ]);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "charter.amended" } })).toBe(1);

    // The repealed number stays retired.
    const add = [{ op: "add", rule: { title: "Nouvelle règle", text: "x", principle: 3 } }];
    const q = await proposal(c, add);
    await t.db.$transaction((tx) => applyAmendment(tx, { communityId: c.id, proposalId: q.id, changes: add, actorId: null }));
    expect((await getCharter(t.db, { communityId: c.id }))!.rules.map((rule) => rule.number)).toEqual([1, 2, 4, 5]);
  });

  it("applies one proposal once even when two closings race", async () => {
    const c = await founded();
    const changes = [{ op: "setParameter", key: "defaultVotingDays", value: 10 }];
    const p = await proposal(c, changes);
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const results = await Promise.allSettled(
      [0, 1].map(() =>
        t.db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          if (++arrived === 2) release();
          await barrier;
          return applyAmendment(tx, { communityId: c.id, proposalId: p.id, changes, actorId: null });
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "charter_conflict", status: 409 });
    expect(await t.db.charterVersion.count({ where: { charter: { communityId: c.id } } })).toBe(2);
  });

  it("applies two different proposals adopted at once one after the other", async () => {
    const c = await founded();
    const a = [{ op: "setParameter", key: "quorumPercent", value: 25 }];
    const b = [{ op: "setParameter", key: "autoHideAfterReports", value: 7 }];
    const [pa, pb] = [await proposal(c, a), await proposal(c, b)];
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const versions = await Promise.all(
      [
        [pa.id, a],
        [pb.id, b],
      ].map(([proposalId, changes]) =>
        t.db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          if (++arrived === 2) release();
          await barrier;
          return applyAmendment(tx, { communityId: c.id, proposalId: proposalId as string, changes, actorId: null });
        }),
      ),
    );
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3]);
    const parameters = await getCharterParameters(t.db, c.id);
    expect([parameters.quorumPercent, parameters.autoHideAfterReports]).toEqual([25, 7]);
  });

  it("stores nothing when a change cannot apply", async () => {
    const c = await founded();
    for (const [changes, status, key] of [
      [[{ op: "repeal", number: 9 }], 409, "charter.errors.unknownRule"],
      [[{ op: "setParameter", key: "quorumPercent", value: 400 }], 400, "charter.errors.invalidParameter"],
      [[{ op: "setParameter", key: "unknownKey", value: 1 }], 400, "charter.errors.invalidChange"],
    ] as const) {
      const p = await proposal(c, changes);
      const refused = await rejection(
        t.db.$transaction((tx) => applyAmendment(tx, { communityId: c.id, proposalId: p.id, changes, actorId: null })),
      );
      expect([refused.status, refused.messageKey]).toEqual([status, key]);
      expect((await rejection(validateAmendment(t.db, c.id, changes))).messageKey).toBe(key);
    }
    expect((await t.db.charter.findUniqueOrThrow({ where: { communityId: c.id } })).currentVersion).toBe(1);
    expect(await t.db.charterVersion.count({ where: { charter: { communityId: c.id } } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "charter.amended" } })).toBe(0);
  });

  it("refuses amendments to a community without a charter", async () => {
    const c = await community();
    const changes = [{ op: "repeal", number: 1 }];
    expect((await rejection(validateAmendment(t.db, c.id, changes))).messageKey).toBe("charter.errors.notFounded");
    expect(await getCharterParameters(t.db, c.id)).toEqual(defaultCharterParameters);
  });
});

describe("versions", () => {
  it("cannot be changed or deleted, even directly", async () => {
    const c = await founded();
    const version = await t.db.charterVersion.findFirstOrThrow({ where: { charter: { communityId: c.id } } });
    await expect(t.db.charterVersion.update({ where: { id: version.id }, data: { rules: [] } })).rejects.toThrow(/immutable/);
    await expect(t.db.charterVersion.delete({ where: { id: version.id } })).rejects.toThrow(/immutable/);
  });

  it("are seeded for the demo communities", async () => {
    const c = await community();
    await t.db.$transaction((tx) => seedCharter(tx, { communityId: c.id, founderId: c.admin.id, slug: "adresses-finistere" }));
    const charter = await getCharter(t.db, { communityId: c.id });
    expect(charter!.rules.length).toBeGreaterThanOrEqual(5);
    expect(charter!.rules[0]!.title).toBe("Chaque commune est responsable de ses adresses");
  });
});
