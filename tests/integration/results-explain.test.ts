/**
 * Results that explain themselves, against a real PostgreSQL: after the close, the page's view holds
 * the method's explanation from the stored decision, consent's objections and blocks with their
 * reasons (never a name), a public ballot's tables per actual college, and a rejected proposal is
 * never shown as a success.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { configureColleges } from "@/lib/communities/colleges";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { getProposalView } from "@/lib/proposals/queries";
import { createTranslator } from "@/lib/i18n/core";
import { ProposalResults } from "@/features/proposals/components/proposal-results";
import { resetConfigCache } from "@/lib/core/config";
import { issueDecisionDocument, publishedSigningKey } from "@/lib/decisions/issue-record";
import { canonicalJson } from "@/lib/decisions/canonical-json";
import { verifyDecisionRecord } from "@/lib/decisions/signature";
import { receiptSchema } from "@/lib/proposals/schemas";
import { checkReceipt } from "@/lib/proposals/ballots";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // The signing key lives in the database (no SIGNING_KEY_ED25519), as in tests/integration/decisions.test.ts.
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  resetConfigCache();
});
afterAll(async () => {
  await t.drop();
});

/** The owner (PUBLIC), three civil-society members and one private one; unweighted unless weights are given. */
async function community(weights?: Record<string, number>) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("why").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Pourquoi",
      slug,
      summary: "Une communauté qui explique.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [owner];
  for (let i = 0; i < 3; i++) {
    const p = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
    await t.db.membership.create({ data: { communityId: id, userId: p.id, college: "CIVIL_SOCIETY", status: "ACTIVE" } });
    people.push(p);
  }
  const privateMember = await createPerson(t.db, { actorKind: "PRIVATE" });
  await t.db.membership.create({ data: { communityId: id, userId: privateMember.id, college: "PRIVATE", status: "ACTIVE" } });
  people.push(privateMember);
  await configureColleges(t.db, {
    actor: owner,
    slug,
    weightingEnabled: Boolean(weights),
    weights: weights ?? { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 },
  });
  return { id, owner, people };
}

async function decided(
  method: VotingMethod,
  choices: unknown[],
  {
    secret = false,
    threshold = "simple",
    weights,
  }: { secret?: boolean; threshold?: string; weights?: Record<string, number> } = {},
) {
  const { id, owner, people } = await community(weights);
  const p = await t.db.proposal.create({
    data: {
      communityId: id,
      authorId: owner.id,
      title: "Adopter la licence ouverte",
      body: "",
      secret,
      method,
      threshold: method === "THRESHOLD" ? threshold : null,
      quorumPercent: 0,
    },
  });
  await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
  for (const [i, choice] of choices.entries())
    await castBallot(t.db, { actorId: people[i]!.id, proposalId: p.id, choice: choice as never });
  await closeProposal(t.db, { proposalId: p.id });
  const view = await getProposalView(t.db, { actor: owner, proposalId: p.id });
  const html = (locale: "fr" | "en") =>
    renderToStaticMarkup(createElement(ProposalResults, { t: createTranslator(locale), locale, proposal: view })).replace(
      /\u202f|\u00a0/g,
      " ",
    );
  return { view, html, people, owner, proposalId: p.id };
}

describe("results after the close", () => {
  it("explain a blocked consent with the objections and blocks and their reasons, without names", async () => {
    const { view, html, people } = await decided(
      "CONSENT",
      [
        { choice: "agree" },
        { choice: "object", reason: "Le calendrier est serré." },
        { choice: "block", reason: "La licence est incompatible avec nos données." },
        { choice: "agree" },
      ],
      { secret: true },
    );
    expect(view.outcome).toBe("REJECTED");
    expect(view.explanation).toMatchObject({
      method: "CONSENT",
      blocked: true,
      counts: { agree: 2, object: 1, block: 1 },
      reasons: [
        { choice: "block", reason: "La licence est incompatible avec nos données." },
        { choice: "object", reason: "Le calendrier est serré." },
      ],
    });
    const en = html("en");
    expect(en).toContain("A block prevents adoption: under consent, one is enough.");
    expect(en).toContain("Block: La licence est incompatible avec nos données.");
    expect(en).toContain("fr-badge--error");
    expect(en).not.toContain("fr-badge--success");
    const users = await t.db.user.findMany({ where: { id: { in: people.map((p) => p.id) } } });
    for (const user of users)
      for (const revealing of [user.id, user.email, user.displayName, user.name])
        if (revealing) expect(en).not.toContain(revealing);
    expect(html("fr")).toContain("2 accords, 1 objection et 1 blocage.");
  });

  it("keep a public ballot's tables per actual college, and compare the share with the threshold", async () => {
    const { view, html } = await decided(
      "THRESHOLD",
      [{ choice: "for" }, { choice: "for" }, { choice: "against" }, { choice: "abstain" }],
      {
        threshold: "threeQuarters",
      },
    );
    expect(view.outcome).toBe("REJECTED");
    expect(view.decidedByCollege).toEqual({ PUBLIC: { for: 1 }, CIVIL_SOCIETY: { for: 1, against: 1, abstain: 1 } });
    const en = html("en");
    expect(en).toContain("Share of votes for among the 3 votes expressed: 66.7%.");
    expect(en).toContain("Threshold: at least 75% of the votes expressed (three quarters).");
    expect(en).toContain("66.7% is below the threshold of 75%: the threshold is not met.");
    expect(en).toContain('id="results-PUBLIC"');
    expect(en).toContain('id="results-CIVIL_SOCIETY"');
    expect(en).not.toContain("fr-badge--success");
  });

  it("sign a weighted decision's shares as fixed decimals, and the record still verifies", async () => {
    const { view, owner, proposalId } = await decided(
      "THRESHOLD",
      [{ choice: "for" }, { choice: "for" }, { choice: "against" }, { choice: "against" }, { choice: "for" }],
      { weights: { PUBLIC: 33.3, PRIVATE: 33.3, RESEARCH: 0, CIVIL_SOCIETY: 33.4 } },
    );
    const stored = await t.db.decision.findUniqueOrThrow({ where: { proposalId } });
    expect(JSON.stringify(stored.result)).toMatch(/\d\.\d{7,}/); // the tally's floats, as stored
    const document = await issueDecisionDocument(t.db, { actor: owner, proposalId });
    const signed = canonicalJson(document.record);
    expect(signed).not.toMatch(/\d\.\d{7,}/);
    expect(document.record.numbers).toBe("fixed6");
    const storedShare = (stored.result as { forShare: number }).forShare;
    expect((document.record.decision.result as { forShare: number }).forShare).toBe(Number(storedShare.toFixed(6)));
    const key = await publishedSigningKey(t.db);
    expect(verifyDecisionRecord(JSON.parse(JSON.stringify(document)), key.pem)).toMatchObject({ valid: true });
    expect(view.explanation).toMatchObject({ method: "THRESHOLD", adopted: true });
  });

  it("find a receipt typed without its dashes or in lower case, through the same schema as the form", async () => {
    const { proposalId, owner } = await decided("THRESHOLD", [{ choice: "for" }, { choice: "against" }]);
    const ballot = await t.db.ballot.findFirstOrThrow({ where: { proposalId, userId: owner.id } });
    for (const typed of [
      ballot.receipt,
      ballot.receipt.replaceAll("-", "").toLowerCase(),
      ` ${ballot.receipt.replaceAll("-", " ")} `,
    ]) {
      const input = receiptSchema.safeExtend({ proposalId: receiptSchema.shape.receipt.optional() }).parse({ receipt: typed });
      const check = await checkReceipt(t.db, { actor: null, proposalId, receipt: input.receipt });
      expect(check).toMatchObject({ found: true, choice: { choice: "for" }, digestValid: true });
    }
  });

  it("while voting with live results, explain the standing of a public ballot, and of a secret weighted one nothing", async () => {
    const live = async (secret: boolean, weights: Record<string, number>, direct = false) => {
      const { id, owner, people } = await community(
        direct ? { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 } : weights,
      );
      // Weights of 0, which the colleges form does not offer, written as an adopted amendment would leave them.
      if (direct)
        for (const [kind, weight] of Object.entries(weights))
          await t.db.college.updateMany({ where: { communityId: id, kind: kind as never }, data: { weight } });
      const p = await t.db.proposal.create({
        data: {
          communityId: id,
          authorId: owner.id,
          title: "Choisir le format",
          body: "",
          secret,
          liveResults: true,
          method: "APPROVAL",
          quorumPercent: 0,
          options: { create: ["GeoPackage", "Shapefile"].map((label, position) => ({ label, position })) },
        },
        include: { options: { orderBy: { position: "asc" } } },
      });
      const [a, b] = p.options.map((o) => o.id) as [string, string];
      await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
      for (const [i, approve] of [[a], [a, b], [b], [a]].entries())
        await castBallot(t.db, { actorId: people[i]!.id, proposalId: p.id, choice: { approve } as never });
      return getProposalView(t.db, { actor: people[1]!, proposalId: p.id });
    };
    const view = await live(false, { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 });
    expect(view.status).toBe("VOTING");
    expect(view.explanation).toMatchObject({ method: "APPROVAL", tie: false });
    const html = renderToStaticMarkup(
      createElement(ProposalResults, { t: createTranslator("en"), locale: "en", proposal: view }),
    );
    expect(html).toContain("Where the vote stands");
    expect(html).toContain("Approvals per option, out of 4 voters");
    // A secret weighted vote (only the civil-society college, of three, weighs) publishes no
    // per-college figure while voting: overall counts and the standing, no explanation from weighted shares.
    const secret = await live(true, { PUBLIC: 0, PRIVATE: 0, RESEARCH: 0, CIVIL_SOCIETY: 100 }, true);
    expect(secret.status).toBe("VOTING");
    expect(secret.standing).not.toBeNull();
    expect(secret.explanation).toBeNull();
    expect(secret.live?.byCollege).toEqual({});
  });
});
