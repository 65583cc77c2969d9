/**
 * Capture alerts (issue 16) against a real PostgreSQL: a fixture where one verified organisation
 * carries two thirds of a commons' validated contributions crosses the charter's 50 % threshold; the
 * check raises one alert per scope (commons and community) and notifies each administrator once,
 * however often it runs; the alert clears when the share falls back and fires again on a new
 * crossing. Only validated, visible contributions in the window count, and the metrics (elephant
 * factor, contributor absence factor, diversity by kind of actor, previous window) are as defined.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContributionState } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { captureReport, checkCaptureAlerts, openCaptureAlerts } from "@/lib/commons/capture";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function add(
  commonsId: string,
  person: TestPerson,
  count: number,
  { at = 3, state = "VALIDATED" as ContributionState, hidden = false } = {},
) {
  await t.db.contribution.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      commonsId,
      authorId: person.id,
      type: "CODE" as const,
      description: `Contribution ${i}`,
      date: daysAgo(at + i),
      state,
      hiddenAt: hidden ? new Date() : null,
    })),
  });
}

describe("capture alerts", () => {
  let communityId: string;
  let commonsId: string;
  let owner: TestPerson;
  let secondAdmin: TestPerson;
  let staff: TestPerson[];
  let alone: TestPerson[];

  beforeAll(async () => {
    owner = await createPerson(t.db, { actorKind: "PUBLIC" });
    const slug = unique("cap").toLowerCase();
    communityId = (
      await createCommunity(t.db, {
        actor: owner,
        input: {
          name: "Vigilance",
          slug,
          summary: "Qui porte le commun ?",
          description: "",
          visibility: "PUBLIC",
          joinPolicy: "OPEN",
        },
      })
    ).id;
    secondAdmin = await createPerson(t.db, { actorKind: "RESEARCH" });
    await t.db.membership.create({
      data: { communityId, userId: secondAdmin.id, college: "RESEARCH", status: "ACTIVE", role: "ADMIN" },
    });
    const company = await t.db.organization.create({ data: { name: "Cartes & Cie", kind: "PRIVATE" } });
    staff = [];
    for (let i = 0; i < 3; i++) {
      const person = await createPerson(t.db, { actorKind: "PRIVATE" });
      await t.db.user.update({
        where: { id: person.id },
        data: { organizationId: company.id, organizationVerifiedAt: new Date(), organizationVerifiedBy: "ADMIN_APPROVAL" },
      });
      await t.db.membership.create({ data: { communityId, userId: person.id, college: "PRIVATE", status: "ACTIVE" } });
      staff.push(person);
    }
    alone = [];
    for (let i = 0; i < 2; i++) {
      const person = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
      await t.db.membership.create({ data: { communityId, userId: person.id, college: "CIVIL_SOCIETY", status: "ACTIVE" } });
      alone.push(person);
    }
    commonsId = (
      await t.db.commons.create({
        data: {
          communityId,
          slug: unique("k").toLowerCase(),
          title: "Plan vélo",
          summary: "Les pistes.",
          kind: "DATASET",
          licence: "etalab-2.0",
          status: "ADOPTED",
        },
      })
    ).id;
  });

  it("measures the window: elephant factor, organisation share, absence factor, diversity, and the previous window", async () => {
    await add(commonsId, staff[0]!, 5);
    await add(commonsId, staff[1]!, 2);
    await add(commonsId, staff[2]!, 1);
    await add(commonsId, alone[0]!, 3);
    await add(commonsId, alone[1]!, 1);
    // Not counted: pending, hidden, or older than the window (they fall in the previous one).
    await add(commonsId, alone[1]!, 5, { state: "PENDING" });
    await add(commonsId, alone[1]!, 5, { hidden: true });
    await add(commonsId, alone[1]!, 4, { at: 400 });

    const report = await captureReport(t.db, { communityId, commonsId });
    expect(report.current.total).toBe(12);
    expect(report.current.topOrganization).toMatchObject({ name: "Cartes & Cie" });
    expect(report.current.topOrganization!.share).toBeCloseTo(66.67, 1);
    // One organisation alone carries at least half.
    expect(report.current.elephantFactor).toBe(1);
    // 5 + 3 = 8 of 12 are carried by two people.
    expect(report.current.absenceFactor).toBe(2);
    const privateKind = report.current.diversity.find((d) => d.actorKind === "PRIVATE");
    expect(privateKind).toMatchObject({ count: 8, organizations: 1, people: 3 });
    expect(report.current.diversity.find((d) => d.actorKind === "CIVIL_SOCIETY")).toMatchObject({
      count: 4,
      organizations: 0,
      people: 2,
    });
    expect(report.previous.total).toBe(4);
    expect(report.previous.elephantFactor).toBe(1);
    expect(report.crossings).toEqual(["organizationShare"]);
  });

  it("fires once per scope, notifying each administrator once, clears when the share falls back and fires again", async () => {
    const first = await checkCaptureAlerts(t.db, { communityId });
    expect(first.map((a) => [a.commonsId, a.metric]).sort()).toEqual([
      ["", "organizationShare"],
      [commonsId, "organizationShare"],
    ]);
    const second = await checkCaptureAlerts(t.db, { communityId });
    expect(second).toEqual([]);
    // Concurrent checks (two workers) still raise nothing more.
    await Promise.all([checkCaptureAlerts(t.db, { communityId }), checkCaptureAlerts(t.db, { communityId })]);
    expect(await openCaptureAlerts(t.db, communityId)).toHaveLength(2);
    for (const admin of [owner, secondAdmin]) {
      expect(await t.db.notification.count({ where: { userId: admin.id, kind: "capture.alert" } })).toBe(2);
    }
    // Members who are not administrators are not notified.
    expect(await t.db.notification.count({ where: { userId: alone[0]!.id, kind: "capture.alert" } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { communityId, action: "capture.alertRaised" } })).toBe(2);

    // Others contribute: the company falls to 8 of 17 (47 %), the alerts clear.
    await add(commonsId, alone[0]!, 5, { at: 1 });
    expect(await checkCaptureAlerts(t.db, { communityId })).toEqual([]);
    expect(await openCaptureAlerts(t.db, communityId)).toHaveLength(0);

    // A new crossing is a new alert.
    await add(commonsId, staff[0]!, 6, { at: 2 });
    expect((await checkCaptureAlerts(t.db, { communityId })).length).toBe(2);
    expect(await t.db.captureAlert.count({ where: { communityId } })).toBe(4);
  });
});
