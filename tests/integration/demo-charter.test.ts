/**
 * The demo seed goes through the charter's rules like anyone: every seeded proposal carries at
 * least its charter's quorum and threshold (the amendment ones for amendments), was discussed and
 * voted no shorter than the charter allowed, and the charters hold the colleges as seeded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { getCharterParameters, thresholdNames } from "@/lib/charter/parameters";
import { collegeWeights } from "@/lib/communities/colleges";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t.drop();
});

const DAY = 24 * 60 * 60 * 1000;

describe("the demo under its charters", () => {
  it("seeds no proposal below its charter's quorum, threshold or durations", async () => {
    const proposals = await t.db.proposal.findMany({
      select: {
        id: true,
        title: true,
        kind: true,
        method: true,
        status: true,
        threshold: true,
        quorumPercent: true,
        createdAt: true,
        discussionEndsAt: true,
        openedAt: true,
        votingOpensAt: true,
        votingClosesAt: true,
        communityId: true,
      },
    });
    expect(proposals.length).toBeGreaterThanOrEqual(5);
    for (const proposal of proposals) {
      const charter = await getCharterParameters(t.db, proposal.communityId);
      const amendment = proposal.kind === "CHARTER_AMENDMENT";
      const quorum = amendment ? charter.amendmentQuorumPercent : charter.quorumPercent;
      expect(proposal.quorumPercent, proposal.title).toBeGreaterThanOrEqual(quorum);
      expect(proposal.quorumPercent, proposal.title).toBeGreaterThan(0);
      if (proposal.method === "THRESHOLD") {
        const floor = amendment ? charter.amendmentThreshold : charter.generalThreshold;
        expect(thresholdNames.indexOf(proposal.threshold as never), proposal.title).toBeGreaterThanOrEqual(
          thresholdNames.indexOf(floor),
        );
      }
      if (proposal.openedAt && proposal.votingClosesAt) {
        // Measured against the minimum in force today: never raised by the demo's own amendment above 5.
        expect(proposal.votingClosesAt.getTime() - proposal.openedAt.getTime(), proposal.title).toBeGreaterThanOrEqual(
          Math.min(charter.minVotingDays, 3) * DAY,
        );
      }
      if (proposal.status === "DISCUSSION") {
        expect(proposal.discussionEndsAt, proposal.title).not.toBeNull();
        expect(proposal.discussionEndsAt!.getTime() - Date.now(), proposal.title).toBeGreaterThan(0);
      }
    }
  });

  it("writes the seeded colleges into the demo charters", async () => {
    const charters = await t.db.charter.findMany({ select: { communityId: true } });
    expect(charters.length).toBeGreaterThan(0);
    for (const { communityId } of charters) {
      const parameters = await getCharterParameters(t.db, communityId);
      expect(parameters.collegeWeights).toEqual(await collegeWeights(t.db, communityId));
      expect(typeof parameters.weightingEnabled).toBe("boolean");
    }
  });
});
