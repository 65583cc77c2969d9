/**
 * Secret weighted ballots on a real PostgreSQL (issue 12 §2, lib/votes/secret-ballot.ts): a college
 * of one person must not publish that person's choice, live (page data and API) or after the close
 * (page data, API, signed record); opening is refused while a weighted college is smaller than the
 * charter's minimum; the signed record still verifies and its outcome is recomputable from what it
 * publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { resetConfigCache } from "@/lib/core/config";
import { AppError } from "@/lib/core/errors";
import { createTranslator } from "@/lib/i18n/core";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import { asDecisionRecordDownload, getDecisionRecordRoute, getSigningKeyRoute } from "@/lib/api/v1/routes/decisions";
import { getDecisionRoute, getProposalRoute } from "@/lib/api/v1/routes/proposals";
import { createCommunity } from "@/lib/communities/create-community";
import { configureColleges } from "@/lib/communities/colleges";
import { castBallot } from "@/lib/votes/cast-ballot";
import { openVoting } from "@/lib/votes/open-voting";
import { MERGED_COLLEGES } from "@/lib/votes/secret-ballot";
import { tallyVote } from "@/lib/votes/tally";
import type { ThresholdCounts } from "@/lib/votes/tally/threshold";
import { closeProposal, digestOf } from "@/lib/proposals/close-proposal";
import { openVotingNow } from "@/lib/proposals/lifecycle";
import { getProposalView } from "@/lib/proposals/queries";
import { verifyDecisionRecord } from "@/lib/decisions/signature";
import type { DecisionDocument } from "@/lib/decisions/schemas";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  resetConfigCache();
});
afterAll(async () => {
  await t.drop();
});

function call(route: ApiRoute, { path, params }: { path: string; params: Record<string, string> }) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const request = new Request(`${APP_URL}${path}`);
  const context = { params: Promise.resolve(params) };
  return route === getDecisionRecordRoute
    ? asDecisionRecordDownload(handler)(request, context as { params: Promise<{ proposalId: string }> })
    : handler(request, context);
}

/**
 * A public, weighted community: the owner (PUBLIC) plus `sizes` more members per college, and the
 * weights given (0 = unused college).
 */
async function community(sizes: Partial<Record<ActorKind, number>>, weights: Record<ActorKind, number>) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("secret").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Secret",
      slug,
      summary: "Une communauté qui vote en secret.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await configureColleges(t.db, { actor: owner, slug, weightingEnabled: true, weights });
  const members: Record<ActorKind, TestPerson[]> = { PUBLIC: [owner], PRIVATE: [], RESEARCH: [], CIVIL_SOCIETY: [] };
  for (const [college, count] of Object.entries(sizes) as [ActorKind, number][]) {
    for (let i = 0; i < count; i++) {
      const person = await createPerson(t.db, { actorKind: college });
      await t.db.membership.create({ data: { communityId: id, userId: person.id, college, status: "ACTIVE" } });
      members[college].push(person);
    }
  }
  return { id, slug, owner, members };
}

async function secretProposal(communityId: string, authorId: string, { liveResults = false } = {}) {
  return t.db.proposal.create({
    data: { communityId, authorId, title: "Adopter la Licence Ouverte 2.0", method: "THRESHOLD", secret: true, liveResults },
  });
}

const vote = (person: TestPerson, proposalId: string, choice: "for" | "against" | "abstain") =>
  castBallot(t.db, { actorId: person.id, proposalId, choice: { choice } });

describe("opening a secret weighted vote", () => {
  it("is refused while a weighted college has fewer electors than the charter's minimum, saying which and what to change", async () => {
    const c = await community(
      { PUBLIC: 2, PRIVATE: 3, RESEARCH: 1, CIVIL_SOCIETY: 3 },
      {
        PUBLIC: 25,
        PRIVATE: 25,
        RESEARCH: 25,
        CIVIL_SOCIETY: 25,
      },
    );
    const proposal = await secretProposal(c.id, c.owner.id);
    const error = await openVotingNow(t.db, { actor: c.owner, proposalId: proposal.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("secret_college_too_small");
    expect(appError.status).toBe(409);
    expect(appError.values).toEqual({ college: "RESEARCH", electors: 1, min: 3, others: 0 });
    const fr = createTranslator("fr")(appError.messageKey as "votes.errors.secretCollegeTooSmall", appError.values);
    expect(fr).toContain("de la recherche");
    expect(fr).toContain("1 électeur");
    expect(fr).toContain("scrutin public");
    const en = createTranslator("en")(appError.messageKey as "votes.errors.secretCollegeTooSmall", appError.values);
    expect(en).toContain("research college has 1 elector");
    // Nothing happened: still a draft, no electorate frozen.
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("DRAFT");
    expect(await t.db.electorMember.count({ where: { proposalId: proposal.id } })).toBe(0);

    // What the message offers works: a public ballot opens; so does a secret one once the college is unweighted.
    await t.db.proposal.update({ where: { id: proposal.id }, data: { secret: false } });
    await expect(openVotingNow(t.db, { actor: c.owner, proposalId: proposal.id })).resolves.toMatchObject({ electorate: 10 });
    await configureColleges(t.db, {
      actor: c.owner,
      slug: c.slug,
      weightingEnabled: true,
      weights: { PUBLIC: 40, PRIVATE: 30, RESEARCH: 0, CIVIL_SOCIETY: 30 },
    });
    const other = await secretProposal(c.id, c.owner.id);
    await expect(openVotingNow(t.db, { actor: c.owner, proposalId: other.id })).resolves.toMatchObject({ electorate: 10 });
  });
});

describe("a one-person college in a secret weighted vote", () => {
  // PUBLIC: owner + 3 (4 electors, 4 ballots), PRIVATE 3 (3 ballots), CIVIL_SOCIETY 3 (2 ballots, under
  // the minimum), RESEARCH 1 person, weight 0 (may open: an unweighted college is not checked).
  const weights = { PUBLIC: 40, PRIVATE: 30, RESEARCH: 0, CIVIL_SOCIETY: 30 };

  it("publishes no per-college figure while voting, on the page or in the API", async () => {
    const c = await community({ PUBLIC: 3, PRIVATE: 3, RESEARCH: 1, CIVIL_SOCIETY: 3 }, weights);
    const proposal = await secretProposal(c.id, c.owner.id, { liveResults: true });
    await openVotingNow(t.db, { actor: c.owner, proposalId: proposal.id });
    await vote(c.members.RESEARCH[0]!, proposal.id, "against");
    await vote(c.members.PUBLIC[0]!, proposal.id, "for");

    const view = await getProposalView(t.db, { actor: c.owner, proposalId: proposal.id });
    expect(view.live?.overall).toEqual({ for: 1, against: 1 });
    expect(view.live?.byCollege).toEqual({});
    expect(view.live?.voters).toEqual({});
    expect(view.standing).not.toBeNull();

    const api = await call(getProposalRoute, { path: `/api/v1/proposals/${proposal.id}`, params: { id: proposal.id } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { liveCounts: { overall: unknown; byCollege: unknown } };
    expect(body.liveCounts.byCollege).toEqual({});
    expect(JSON.stringify(body)).not.toContain("RESEARCH");
  });

  it("after the close, shows figures only for colleges with the minimum of ballots, in the view, the API and a signed record that still verifies and recomputes", async () => {
    const c = await community({ PUBLIC: 3, PRIVATE: 3, RESEARCH: 1, CIVIL_SOCIETY: 3 }, weights);
    const proposal = await secretProposal(c.id, c.owner.id);
    await openVoting(t.db, { proposalId: proposal.id, closesAt: new Date(Date.now() + 3600_000) });
    for (const person of c.members.PUBLIC) await vote(person, proposal.id, "for");
    await vote(c.members.PRIVATE[0]!, proposal.id, "for");
    await vote(c.members.PRIVATE[1]!, proposal.id, "against");
    await vote(c.members.PRIVATE[2]!, proposal.id, "abstain");
    await vote(c.members.CIVIL_SOCIETY[0]!, proposal.id, "against");
    await vote(c.members.CIVIL_SOCIETY[1]!, proposal.id, "against");
    await vote(c.members.RESEARCH[0]!, proposal.id, "for");
    expect((await closeProposal(t.db, { proposalId: proposal.id })).closed).toBe(true);

    type Published = {
      byCollege: Record<string, { counts: ThresholdCounts }>;
      secrecy: {
        minBallots: number;
        mergedColleges: string[];
        publishedColleges: string[];
        groupWeights: Record<string, number>;
      };
      quorumMet: boolean;
    };
    const expectPublishable = (result: Published) => {
      // PUBLIC (4 ballots) and PRIVATE (3) keep their figures; CIVIL_SOCIETY (2) and RESEARCH (1) are merged.
      expect(Object.keys(result.byCollege).sort()).toEqual([MERGED_COLLEGES, "PRIVATE", "PUBLIC"]);
      expect(result.byCollege.PUBLIC!.counts).toEqual({ for: 4, against: 0, abstain: 0 });
      expect(result.byCollege.PRIVATE!.counts).toEqual({ for: 1, against: 1, abstain: 1 });
      expect(result.byCollege[MERGED_COLLEGES]!.counts).toEqual({ for: 1, against: 2, abstain: 0 });
      expect(result.secrecy).toMatchObject({
        minBallots: 3,
        mergedColleges: ["CIVIL_SOCIETY", "RESEARCH"],
        publishedColleges: ["PRIVATE", "PUBLIC"],
        groupWeights: { PUBLIC: 40, PRIVATE: 30, [MERGED_COLLEGES]: 30 },
      });
    };

    // Page data.
    const view = await getProposalView(t.db, { actor: c.owner, proposalId: proposal.id });
    expectPublishable(view.decision!.result as Published);

    // API: the proposal and its decision.
    const api = await call(getDecisionRoute, { path: `/api/v1/proposals/${proposal.id}/decision`, params: { id: proposal.id } });
    const decision = (await api.json()) as {
      result: Published;
      ballots: [string, { choice: string }][];
      digest: string;
      outcome: string;
    };
    expectPublishable(decision.result);
    const proposalApi = await call(getProposalRoute, { path: `/api/v1/proposals/${proposal.id}`, params: { id: proposal.id } });
    expectPublishable(((await proposalApi.json()) as { decision: { result: Published } }).decision.result);

    // The signed record: verifies with the published key, withholds the small colleges, recomputes.
    const download = await call(getDecisionRecordRoute, {
      path: `/api/v1/decisions/${proposal.id}/record`,
      params: { proposalId: proposal.id },
    });
    const document = (await download.json()) as DecisionDocument;
    const key = (await (await call(getSigningKeyRoute, { path: "/api/v1/signing-key", params: {} })).json()) as { pem: string };
    expect(verifyDecisionRecord(document, key.pem).valid).toBe(true);
    const record = document.record.decision;
    const result = record.result as Published;
    expectPublishable(result);
    expect(record.result).toMatchObject({ secrecy: { rule: "secretBallotMinCollegeSize" } });

    // Recompute: the ballots match their digest; the groups' counts add up to the published
    // [receipt, choice] list; tallyVote on the groups and their weights gives the recorded outcome.
    expect(digestOf(record.ballots)).toBe(record.digest);
    const fromReceipts = { for: 0, against: 0, abstain: 0 };
    for (const [, choice] of record.ballots) fromReceipts[(choice as { choice: keyof ThresholdCounts }).choice]++;
    const groups = Object.fromEntries(Object.entries(result.byCollege).map(([group, r]) => [group, r.counts]));
    const summed = { for: 0, against: 0, abstain: 0 };
    for (const counts of Object.values(groups)) for (const k of ["for", "against", "abstain"] as const) summed[k] += counts[k];
    expect(summed).toEqual(fromReceipts);
    const recomputed = tallyVote({
      options: [],
      threshold: "simple",
      weights: result.secrecy.groupWeights,
      counted: { method: "THRESHOLD", colleges: groups },
    });
    // PUBLIC 40 % all for, PRIVATE 30 % half for, merged 30 % one in three for: adopted.
    expect(recomputed.adopted).toBe(true);
    expect(record.outcome).toBe(result.quorumMet ? (recomputed.adopted ? "ADOPTED" : "REJECTED") : "VOID");
    expect(record.outcome).toBe("ADOPTED");
  });
});
