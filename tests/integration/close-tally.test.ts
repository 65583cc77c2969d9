/**
 * Closing counts in PostgreSQL and digests the published list there (issue 15: closing 100 000
 * ballots near a bare GROUP BY). These properties check the SQL against the TypeScript on random
 * ballots written straight into the table:
 * - the decision's result (counts per college, shares, winners, ranking, ties) is exactly the
 *   unit-tested rule of lib/votes/tally applied to the ballots counted in TypeScript
 *   (tally*ByCollege), for every method, with or without college weights (zero weights, empty
 *   colleges), withdrawn ballots left out, empty approvals, and judgments missing a grade;
 * - the digest is SHA-256 of JSON.stringify(the list) whatever the stored choice holds (spaces,
 *   quotes, backslashes, separators such as ", " or ": " inside strings, control characters,
 *   non-BMP characters), so the compact rendering of lib/votes/published-ballots.ts never applies
 *   where it would be wrong.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ActorKind, VotingMethod } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { digestOf, digestOfBallots } from "@/lib/votes/published-ballots";
import { tallyThresholdByCollege, isThresholdTie, countChoices, type Choice, type Threshold } from "@/lib/votes/tally/threshold";
import { tallyConsentByCollege, type ConsentChoice } from "@/lib/votes/tally/consent";
import { tallyApprovalByCollege } from "@/lib/votes/tally/approval";
import { grades, tallyMajorityJudgmentByCollege, type Grade } from "@/lib/votes/tally/majority-judgment";
import { ALL_COLLEGE } from "@/lib/votes/tally";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
let communityId: string;
let authorId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  authorId = owner.id;
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Dépouillement",
      slug: unique("depouillement").toLowerCase(),
      summary: "Une communauté qui compte.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
});
afterAll(async () => {
  await t.drop();
});

const COLLEGES: ActorKind[] = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"];
const OPTIONS = 3;

type Ballot = { college: ActorKind; choice: unknown; withdrawn: boolean };

/** A VOTING proposal with its options, electorate and ballots written as they are stored. */
async function votingProposal(
  method: VotingMethod,
  {
    threshold,
    weights,
    electors,
    ballots,
  }: {
    threshold: Threshold | null;
    weights: Record<string, number> | null;
    electors: ActorKind[];
    ballots: (options: string[]) => Ballot[];
  },
) {
  const proposal = await t.db.proposal.create({
    data: {
      communityId,
      authorId,
      title: "Compter",
      body: "",
      status: "VOTING",
      method,
      threshold,
      secret: false,
      weighted: weights !== null,
      collegeWeights: weights ?? {},
      quorumPercent: 0,
      collegeQuorumPercent: 0,
      votingOpensAt: new Date(),
      votingClosesAt: new Date(Date.now() + 3600_000),
      options: {
        create:
          method === "APPROVAL" || method === "MAJORITY_JUDGMENT"
            ? Array.from({ length: OPTIONS }, (_, position) => ({ position, label: `Option ${position}` }))
            : [],
      },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  const options = proposal.options.map((o) => o.id);
  const written = ballots(options);
  // Voters are electors; the electorate may hold more (who did not vote).
  const all = [...written.map((b) => b.college), ...electors];
  await t.db.electorMember.createMany({
    data: all.map((college, i) => ({ proposalId: proposal.id, userId: `u${i}-${proposal.id}`, college })),
  });
  for (const [i, ballot] of written.entries()) {
    await t.db.$executeRaw`
      INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "withdrawnAt")
      VALUES (${randomBytes(12).toString("hex")}, ${proposal.id}, ${`u${i}-${proposal.id}`}, ${ballot.college}::"ActorKind",
        ${JSON.stringify(ballot.choice)}::jsonb, ${`R${i}-${randomBytes(6).toString("hex").toUpperCase()}`},
        ${ballot.withdrawn ? new Date() : null})`;
  }
  return { id: proposal.id, options, ballots: written.filter((b) => !b.withdrawn) };
}

/** The published list as anyone rebuilds it: the ballots read back, sorted by receipt bytewise (UTF-8). */
async function listOf(proposalId: string) {
  const rows = await t.db.ballot.findMany({ where: { proposalId, withdrawnAt: null }, select: { receipt: true, choice: true } });
  return rows
    .map((r) => [r.receipt, r.choice] as [string, unknown])
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}

/** The ballots' choices grouped as the rule takes them: by college when weighted, else one college. */
function byCollege<T>(ballots: Ballot[], weighted: boolean, pick: (choice: unknown) => T): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const ballot of ballots) (groups[weighted ? ballot.college : ALL_COLLEGE] ??= []).push(pick(ballot.choice));
  return groups;
}

/** Decision figures as stored (jsonb): the rule's own result through JSON. */
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const college = fc.constantFrom(...COLLEGES);
const weightsArb = fc.option(
  fc.record(Object.fromEntries(COLLEGES.map((c) => [c, fc.constantFrom(0, 10, 25, 33, 50, 100)]))) as fc.Arbitrary<
    Record<string, number>
  >,
  { nil: null },
);
const electorsArb = fc.array(college, { maxLength: 4 });

describe("closing counts in PostgreSQL give the rule's result on the ballots", () => {
  it("threshold and consent: counts, shares, ties and outcome, with or without weights", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<VotingMethod>("THRESHOLD", "CONSENT"),
        fc.constantFrom<Threshold>("simple", "twoThirds", "threeQuarters"),
        weightsArb,
        electorsArb,
        fc.array(fc.record({ college, pick: fc.nat(2), withdrawn: fc.boolean() }), { maxLength: 14 }),
        async (method, rule, weights, electors, drawn) => {
          const values =
            method === "THRESHOLD" ? (["for", "against", "abstain"] as const) : (["agree", "object", "block"] as const);
          const p = await votingProposal(method, {
            threshold: method === "THRESHOLD" ? rule : null,
            weights,
            electors,
            ballots: () =>
              drawn.map((d) => ({
                college: d.college,
                choice: values[d.pick] === "block" ? { choice: "block", reason: "Un veto, motivé." } : { choice: values[d.pick] },
                withdrawn: d.withdrawn && drawn.length > 1,
              })),
          });
          const weighting = weights ?? { [ALL_COLLEGE]: 100 };
          const groups = byCollege(p.ballots, weights !== null, (c) => (c as { choice: string }).choice);
          const expected =
            method === "THRESHOLD"
              ? { ...tallyThresholdByCollege(groups as Record<string, Choice[]>, weighting, rule), threshold: rule }
              : tallyConsentByCollege(groups as Record<string, ConsentChoice[]>, weighting);
          const tie =
            method === "THRESHOLD" &&
            isThresholdTie(
              Object.fromEntries(Object.entries(groups).map(([c, choices]) => [c, countChoices(choices as Choice[])])),
              weighting,
              rule,
            );

          const now = new Date(Date.UTC(2026, 11, 3, 23, 59, 58, 123));
          const before = Date.now();
          await closeProposal(t.db, { proposalId: p.id, now });
          // Closed at the given instant (to the millisecond, whatever the session's time zone), touched now.
          const closed = await t.db.proposal.findUniqueOrThrow({
            where: { id: p.id },
            select: { status: true, closedAt: true, updatedAt: true },
          });
          expect(closed.status).toBe("CLOSED");
          expect(closed.closedAt?.getTime()).toBe(now.getTime());
          expect(closed.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
          const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
          expect(decision.turnout).toBe(p.ballots.length);
          expect(decision.result).toMatchObject(asStored(expected));
          expect(decision.outcome).toBe(expected.adopted ? "ADOPTED" : "REJECTED");
          expect((decision.result as { tie?: unknown }).tie).toEqual(tie ? { rule: "reject", options: [] } : undefined);
          expect(decision.digest).toBe(digestOf(await listOf(p.id)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("approval: approvals per option, winners and ties, empty ballots included, with or without weights", async () => {
    await fc.assert(
      fc.asyncProperty(
        weightsArb,
        electorsArb,
        fc.array(
          fc.record({
            college,
            approve: fc.subarray([0, 1, 2]).chain((s) => fc.shuffledSubarray(s, { minLength: s.length })),
            withdrawn: fc.boolean(),
          }),
          { maxLength: 14 },
        ),
        async (weights, electors, drawn) => {
          const p = await votingProposal("APPROVAL", {
            threshold: null,
            weights,
            electors,
            ballots: (options) =>
              drawn.map((d) => ({
                college: d.college,
                choice: { approve: d.approve.map((i) => options[i]!) },
                withdrawn: d.withdrawn && drawn.length > 1,
              })),
          });
          const weighting = weights ?? { [ALL_COLLEGE]: 100 };
          const expected = tallyApprovalByCollege(
            p.options,
            byCollege(p.ballots, weights !== null, (c) => (c as { approve: string[] }).approve),
            weighting,
          );
          await closeProposal(t.db, { proposalId: p.id });
          const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
          expect(decision.turnout).toBe(p.ballots.length);
          expect(decision.result).toMatchObject(
            asStored({ approvals: expected.approvals, winners: expected.winners, byCollege: expected.byCollege }),
          );
          expect(decision.outcome).toBe(expected.winners.length === 1 ? "ADOPTED" : "REJECTED");
          // Approval's own boolean `tie`, replaced by the rule applied when there is one.
          const tied = expected.winners.length > 1;
          expect((decision.result as { tie?: unknown }).tie).toEqual(
            tied ? { rule: "reject", options: expected.winners } : false,
          );
          expect(decision.digest).toBe(digestOf(await listOf(p.id)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("majority judgment: grade counts, majority grades, ranking, winners and ties, missing grades as reject", async () => {
    await fc.assert(
      fc.asyncProperty(
        weightsArb,
        electorsArb,
        fc.array(
          fc.record({
            college,
            // Few grades, so that equal profiles (ties) come often; a missing grade counts as reject.
            given: fc.array(
              fc.option(fc.constantFrom<Grade>("reject", "fair", "good", "excellent"), { nil: undefined, freq: 8 }),
              {
                minLength: OPTIONS,
                maxLength: OPTIONS,
              },
            ),
            withdrawn: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        async (weights, electors, drawn) => {
          const p = await votingProposal("MAJORITY_JUDGMENT", {
            threshold: null,
            weights,
            electors,
            ballots: (options) =>
              drawn.map((d) => ({
                college: d.college,
                choice: {
                  grades: Object.fromEntries(d.given.flatMap((g, i) => (g === undefined ? [] : [[options[i]!, g]]))),
                },
                withdrawn: d.withdrawn && drawn.length > 1,
              })),
          });
          const weighting = weights ?? { [ALL_COLLEGE]: 100 };
          const expected = tallyMajorityJudgmentByCollege(
            p.options,
            byCollege(p.ballots, weights !== null, (c) => (c as { grades: Record<string, Grade> }).grades),
            weighting,
          );
          await closeProposal(t.db, { proposalId: p.id });
          const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
          expect(decision.turnout).toBe(p.ballots.length);
          expect(decision.result).toMatchObject(
            asStored({
              counts: expected.counts,
              majorityGrades: expected.majorityGrades,
              ranking: expected.ranking,
              winners: expected.winners,
              byCollege: expected.byCollege,
            }),
          );
          expect(decision.outcome).toBe(expected.winners.length === 1 ? "ADOPTED" : "REJECTED");
          const tied = expected.winners.length > 1;
          expect((decision.result as { tie?: unknown }).tie).toEqual(
            tied ? { rule: "reject", options: expected.winners } : undefined,
          );
          expect(decision.digest).toBe(digestOf(await listOf(p.id)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the digest of the published list", () => {
  // Any text PostgreSQL stores (no NUL, no lone surrogate), biased towards what JSON escapes and
  // towards the separators the compact rendering removes spaces around.
  const awkward = fc
    .oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom(" ", ",", ":", '"', "\\", "\n", "\u0001", "\u007f", "\u2028", "é", "🗺️", "a", "{", "]"),
        maxLength: 8,
      }),
      fc.constantFrom(", ", ": ", '", "', '": "', " ", "", "\\", '\\"'),
    )
    .filter((s) => !/[\u0000]|[\ud800-\udfff]/u.test(s));
  const choiceArb = (options: string[]) =>
    fc.oneof(
      fc.record({ choice: awkward }),
      fc.record({ choice: fc.constantFrom("agree", "object", "block"), reason: awkward }),
      fc.record({ approve: fc.array(fc.oneof(fc.constantFrom(...options), awkward), { maxLength: 4 }) }),
      // Every option graded (the compact rendering's precondition), sometimes with other keys and awkward values.
      fc
        .tuple(
          fc.array(fc.oneof(fc.constantFrom(...grades), awkward), { minLength: options.length, maxLength: options.length }),
          fc.dictionary(awkward, awkward, { maxKeys: 2 }),
        )
        .map(([given, extra]) => ({ grades: { ...extra, ...Object.fromEntries(options.map((o, i) => [o, given[i]!])) } })),
      fc.record({ grades: fc.dictionary(fc.oneof(fc.constantFrom(...options), awkward), awkward, { maxKeys: 4 }) }),
    );

  it("is SHA-256 of JSON.stringify(the list) whatever the stored choices hold", async () => {
    // One proposal with options; each run writes its ballots on a fresh VOTING proposal.
    const base = await t.db.proposal.create({
      data: {
        communityId,
        authorId,
        title: "Options",
        body: "",
        options: {
          create: [
            { position: 0, label: "A" },
            { position: 1, label: "B" },
          ],
        },
      },
      include: { options: true },
    });
    const options = base.options.map((o) => o.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(choiceArb(options), awkward), { maxLength: 8 }), async (drawn) => {
        const p = await t.db.proposal.create({
          data: {
            communityId,
            authorId,
            title: "Empreinte",
            body: "",
            status: "VOTING",
            method: "MAJORITY_JUDGMENT",
            options: {
              create: [
                { position: 0, label: "A" },
                { position: 1, label: "B" },
              ],
            },
          },
          include: { options: { orderBy: { position: "asc" } } },
        });
        // Ballots name this proposal's options wherever the generator used the base proposal's.
        const rename = (text: string) => text.replaceAll(options[0]!, p.options[0]!.id).replaceAll(options[1]!, p.options[1]!.id);
        for (const [i, [choice, receiptTail]] of drawn.entries()) {
          await t.db.$executeRaw`
            INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt")
            VALUES (${randomBytes(12).toString("hex")}, ${p.id}, ${`v${i}`}, 'PUBLIC', ${rename(JSON.stringify(choice))}::jsonb, ${`${p.id}:${i}|${receiptTail}`})`;
        }
        const list = await listOf(p.id);
        expect(await t.db.$transaction((tx) => digestOfBallots(tx, p.id))).toBe(digestOf(list));
      }),
      { numRuns: 150 },
    );
  });
});
