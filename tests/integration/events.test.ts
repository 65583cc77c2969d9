/**
 * "proposal.closingSoon": one event per VOTING proposal closing within 24 hours, even when two
 * workers run emitClosingSoonEvents at the same moment; none for proposals closing later, already
 * due, or not voting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitClosingSoonEvents } from "@/lib/events/closing-soon";
import { openVoting } from "@/lib/votes/open-voting";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const HOUR = 3600 * 1000;
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function communityWithMember() {
  const person = await createPerson(t.db);
  const community = await t.db.community.create({
    data: { slug: unique("events").toLowerCase(), name: "Événements", summary: "Des votes qui se terminent." },
    select: { id: true },
  });
  await t.db.membership.create({ data: { communityId: community.id, userId: person.id, status: "ACTIVE", college: "PUBLIC" } });
  return { communityId: community.id, authorId: person.id };
}

async function proposal(
  { communityId, authorId }: { communityId: string; authorId: string },
  { closesInHours, now }: { closesInHours: number | null; now: Date },
) {
  const created = await t.db.proposal.create({
    data: { communityId, authorId, title: unique("Proposition"), method: "THRESHOLD", threshold: "simple" },
    select: { id: true },
  });
  if (closesInHours !== null) {
    await openVoting(t.db, {
      proposalId: created.id,
      closesAt: new Date(now.getTime() + closesInHours * HOUR),
      now: new Date(now.getTime() - 48 * HOUR),
    });
  }
  return created.id;
}

const closingSoon = (proposalId: string) => t.db.domainEvent.findMany({ where: { type: "proposal.closingSoon", proposalId } });

describe("proposal.closingSoon", () => {
  it("is recorded once per proposal closing within 24 hours, even from two concurrent workers", async () => {
    const now = new Date();
    const c = await communityWithMember();
    const soon = await proposal(c, { closesInHours: 3, now });
    const lastMinute = await proposal(c, { closesInHours: 23.9, now });
    const later = await proposal(c, { closesInHours: 30, now });
    const due = await proposal(c, { closesInHours: -1, now });
    const draft = await proposal(c, { closesInHours: null, now });

    const written = await Promise.all([emitClosingSoonEvents(t.db, now), emitClosingSoonEvents(t.db, now)]);
    expect(written[0] + written[1]).toBe(2);

    for (const id of [soon, lastMinute]) {
      const events = await closingSoon(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ communityId: c.communityId, deliveredAt: null });
      const { votingClosesAt } = await t.db.proposal.findUniqueOrThrow({ where: { id }, select: { votingClosesAt: true } });
      expect(events[0]!.payload).toEqual({ closesAt: votingClosesAt!.toISOString() });
    }
    for (const id of [later, due, draft]) expect(await closingSoon(id)).toHaveLength(0);

    // Called again (the next worker iteration): nothing new.
    expect(await emitClosingSoonEvents(t.db, now)).toBe(0);
    expect(await closingSoon(soon)).toHaveLength(1);

    // The later one enters the window as time passes, and is announced then, once.
    const sevenHoursLater = new Date(now.getTime() + 7 * HOUR);
    expect(
      (await Promise.all([emitClosingSoonEvents(t.db, sevenHoursLater), emitClosingSoonEvents(t.db, sevenHoursLater)])).reduce(
        (a, b) => a + b,
      ),
    ).toBe(1);
    expect(await closingSoon(later)).toHaveLength(1);
    expect(await t.db.domainEvent.count({ where: { type: "proposal.closingSoon", communityId: c.communityId } })).toBe(3);
  });
});
