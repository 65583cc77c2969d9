/**
 * Ballots under contention, over HTTP against `next start`:
 * 1. the storm: 200 requests from 50 members released together by a barrier, every member changing
 *    their mind → one ballot per member, and the tally is each member's last acknowledged choice;
 * 2. ballots racing the close: members keep voting while closeProposal runs → each ballot is either
 *    counted or refused with a 409 problem, and the decision's digest matches the ballots stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeProposal, digestOf } from "@/lib/proposals/close-proposal";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { barrier, startStack, type Stack } from "./support/stack";
import { choices, createVotingCommunity, openThresholdProposal, putBallot, type ThresholdChoice } from "./support/fixtures";

let stack: Stack;
let base: string;
beforeAll(async () => {
  stack = await startStack({ slot: 0 });
  base = stack.servers[0]!.url;
});
afterAll(async () => {
  await stack?.stop();
});

type Ack = { receipt: string; changed: boolean };

/** Counts of for/against/abstain over the stored, not withdrawn, ballots of a proposal. */
async function storedChoices(proposalId: string): Promise<Map<string, { choice: string; receipt: string }>> {
  const rows = await stack.db.ballot.findMany({
    where: { proposalId, withdrawnAt: null },
    select: { userId: true, receipt: true, choice: true },
  });
  return new Map(rows.map((r) => [r.userId, { choice: (r.choice as { choice: string }).choice, receipt: r.receipt }]));
}

describe("ballot storm", () => {
  it("200 simultaneous requests from 50 members changing their minds leave 50 ballots and the last choices", async () => {
    const community = await createVotingCommunity(stack.db, { members: 50 });
    const proposalId = await openThresholdProposal(stack.db, community);
    const pick = (member: number, round: number): ThresholdChoice => choices[(member * 7 + round * 5) % 3]!;

    // Phase 1, the storm: every member sends 4 different-minded ballots at the same instant (200 in
    // flight). Their order inside the server is up to PostgreSQL, so each stored choice must be one of
    // the member's acknowledged choices, with one receipt per member and no duplicate ballot.
    const gate = barrier(200);
    const storm = community.members.flatMap((member, m) =>
      [0, 1, 2, 3].map(async (round) => {
        const choice = pick(m, round);
        await gate.arrive();
        const response = await putBallot(base, proposalId, member.secret, choice);
        return { m, choice, status: response.status, body: (await response.json()) as Ack };
      }),
    );
    const results = await Promise.all(storm);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
    for (let m = 0; m < 50; m++) {
      const mine = results.filter((r) => r.m === m);
      // The unique constraint decided: exactly one of the four created the ballot, the others changed it.
      expect(mine.filter((r) => !r.body.changed)).toHaveLength(1);
      expect(new Set(mine.map((r) => r.body.receipt)).size).toBe(1);
    }
    expect(await stack.db.ballot.count({ where: { proposalId } })).toBe(50);
    expect(await stack.db.ballotChange.count({ where: { ballot: { proposalId } } })).toBe(200);
    const afterStorm = await storedChoices(proposalId);
    community.members.forEach((member, m) => {
      const acknowledged = results.filter((r) => r.m === m).map((r) => r.choice);
      expect(acknowledged).toContain(afterStorm.get(member.userId)?.choice);
    });

    // Phase 2: every member changes their mind once more, all 50 together; each member's last
    // acknowledged choice is now well defined, and the decision must count exactly those.
    const finalGate = barrier(50);
    const last = await Promise.all(
      community.members.map(async (member, m) => {
        const choice = pick(m, 4 + (m % 2));
        await finalGate.arrive();
        const response = await putBallot(base, proposalId, member.secret, choice);
        expect(response.status).toBe(200);
        return { userId: member.userId, choice, receipt: ((await response.json()) as Ack).receipt };
      }),
    );
    expect(await stack.db.ballot.count({ where: { proposalId } })).toBe(50);

    const closed = await closeProposal(stack.db, { proposalId });
    expect(closed.closed).toBe(true);
    const decision = await stack.db.decision.findUniqueOrThrow({ where: { proposalId } });
    expect(decision.turnout).toBe(50);
    // The published list: the ballots, frozen by the close (issue 15).
    const list = await publishedBallots(stack.db, { proposalId, stored: decision.ballots });
    expect(decision.digest).toBe(digestOf(list));
    const published = new Map(list as [string, { choice: string }][]);
    expect(published.size).toBe(50);
    for (const vote of last) expect(published.get(vote.receipt)?.choice).toBe(vote.choice);
    const expected = { for: 0, against: 0, abstain: 0 };
    for (const vote of last) expected[vote.choice]++;
    const counted = { for: 0, against: 0, abstain: 0 };
    for (const { choice } of published.values()) counted[choice as ThresholdChoice]++;
    expect(counted).toEqual(expected);
    // The stored tally (overall counts) agrees with the published list.
    expect(JSON.stringify(decision.result)).toContain(`"for":${expected.for}`);
  });
});

describe("ballots racing the close", () => {
  it("each ballot is counted or refused with 409 voting_closed, and the digest matches the stored ballots", async () => {
    const community = await createVotingCommunity(stack.db, { members: 30 });
    const proposalId = await openThresholdProposal(stack.db, community, "Fermer pendant le vote");
    type Outcome = {
      status: number;
      code?: string;
      detail?: string;
      contentType: string | null;
      choice: ThresholdChoice;
      sentAt: number;
      answeredAt: number;
    };
    const outcomes = new Map<string, Outcome[]>();
    let acknowledged = 0;
    let closeAt!: () => void;
    const enoughBallots = new Promise<void>((resolve) => (closeAt = resolve));

    // Every member votes again and again (changing their mind each time) until refused; the close
    // starts once 40 ballots were acknowledged, while the others are in flight.
    const gate = barrier(community.members.length + 1);
    const voters = community.members.map(async (member, m) => {
      const mine: Outcome[] = [];
      outcomes.set(member.userId, mine);
      await gate.arrive();
      for (let round = 0; round < 40; round++) {
        const choice = choices[(m + round) % 3]!;
        const sentAt = performance.now();
        const response = await putBallot(base, proposalId, member.secret, choice);
        const body = (await response.json()) as { code?: string; detail?: string };
        const contentType = response.headers.get("content-type");
        mine.push({
          status: response.status,
          code: body.code,
          detail: body.detail,
          contentType,
          choice,
          sentAt,
          answeredAt: performance.now(),
        });
        if (response.status !== 200) return;
        if (++acknowledged === 40) closeAt();
      }
    });
    const closeWindow = { start: 0, end: 0 };
    const closer = (async () => {
      await gate.arrive();
      await enoughBallots;
      closeWindow.start = performance.now();
      const result = await closeProposal(stack.db, { proposalId });
      closeWindow.end = performance.now();
      return result;
    })();
    const [closed] = await Promise.all([closer, ...voters]);
    expect(closed.closed).toBe(true);

    const all = [...outcomes.values()].flat();
    // Nothing but "counted" (200) or "refused: the vote is closed" (409 problem with a clear message).
    expect(all.filter((o) => o.status !== 200 && o.status !== 409)).toEqual([]);
    for (const refused of all.filter((o) => o.status === 409)) {
      expect(refused.code).toBe("voting_closed");
      expect(refused.contentType).toContain("application/problem+json");
      expect(refused.detail).toMatch(/clos/i);
    }
    // The race was real: ballots were in flight while the close ran, then every member was refused.
    expect(all.filter((o) => o.sentAt < closeWindow.end && o.answeredAt > closeWindow.start).length).toBeGreaterThan(0);
    expect(all.filter((o) => o.status === 409).length).toBe(community.members.length);
    expect(all.filter((o) => o.status === 200).length).toBeGreaterThanOrEqual(40);

    const decision = await stack.db.decision.findUniqueOrThrow({ where: { proposalId } });
    const stored = await stack.db.ballot.findMany({
      where: { proposalId, withdrawnAt: null },
      select: { userId: true, receipt: true, choice: true },
      orderBy: { receipt: "asc" },
    });
    const storedPairs = stored.map((b) => [b.receipt, b.choice] as const);
    expect(decision.digest).toBe(digestOf(storedPairs));
    expect(digestOf(await publishedBallots(stack.db, { proposalId, stored: decision.ballots }))).toBe(decision.digest);
    expect(decision.turnout).toBe(stored.length);
    // Each member's last acknowledged ballot is the one counted; a refused one changed nothing.
    const byUser = new Map(stored.map((b) => [b.userId, (b.choice as { choice: string }).choice]));
    for (const member of community.members) {
      const mine = outcomes.get(member.userId)!;
      const lastCounted = mine.filter((o) => o.status === 200).at(-1);
      expect(byUser.get(member.userId)).toBe(lastCounted?.choice);
    }
  });
});
