/**
 * Signed decision records against a real PostgreSQL: one signing key however many instances race to
 * create it, and the record of a real closed proposal, downloaded through the API pipeline, verifies
 * with the published key, carries the published ballots and their digest, and never a name.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import { asDecisionRecordDownload, getDecisionRecordRoute, getSigningKeyRoute } from "@/lib/api/v1/routes/decisions";
import { createCommunity } from "@/lib/communities/create-community";
import { resetConfigCache } from "@/lib/core/config";
import { createDb } from "@/lib/db/client";
import { buildDecisionRecord } from "@/lib/decisions/build-record";
import { decisionDocumentSchema, publishedKeySchema } from "@/lib/decisions/schemas";
import { verifyDecisionRecord } from "@/lib/decisions/signature";
import { ensureSigningKey, getSigningKey, SIGNING_KEY_ID } from "@/lib/decisions/signing-key";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal, digestOf } from "@/lib/proposals/close-proposal";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { openVoting } from "@/lib/votes/open-voting";
import { getProposalView } from "@/lib/proposals/queries";
import { getProposalRoute } from "@/lib/api/v1/routes/proposals";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // The API pipeline reads the configuration (no SIGNING_KEY_ED25519: the key lives in the database).
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  resetConfigCache();
});
afterAll(async () => {
  await t.drop();
});

/** Starts every call at once, so the calls really overlap. */
async function all<T>(calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  const running = calls.map(async (call) => {
    await barrier;
    return call();
  });
  release();
  return Promise.allSettled(running);
}

function call(
  route: ApiRoute,
  { path, params = {}, cookie }: { path: string; params?: Record<string, string>; cookie?: string },
) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const request = new Request(`${APP_URL}${path}`, { headers: cookie ? { cookie: `gc.session=${cookie}` } : {} });
  const context = { params: Promise.resolve(params) };
  return route === getDecisionRecordRoute
    ? asDecisionRecordDownload(handler)(request, context as { params: Promise<{ proposalId: string }> })
    : handler(request, context);
}

const downloadRecord = (proposalId: string, cookie?: string) =>
  call(getDecisionRecordRoute, { path: `/api/v1/decisions/${proposalId}/record`, params: { proposalId }, cookie });

async function closedProposal({ visibility = "PUBLIC" }: { visibility?: "PUBLIC" | "MEMBERS" } = {}) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("decision").toLowerCase();
  const { id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: { name: "Décisions", slug, summary: "Une communauté qui décide.", description: "", visibility, joinPolicy: "OPEN" },
  });
  // One member per college: a secret vote opens only unweighted (tests/integration/secret-ballots.test.ts).
  await t.db.community.update({ where: { id: communityId }, data: { weightingEnabled: false } });
  const people: TestPerson[] = [owner];
  for (const actorKind of ["CIVIL_SOCIETY", "RESEARCH", "PRIVATE"] as const) {
    const person = await createPerson(t.db, { actorKind });
    await t.db.membership.create({ data: { communityId, userId: person.id, college: actorKind, status: "ACTIVE" } });
    people.push(person);
  }
  const proposal = await t.db.proposal.create({
    data: {
      communityId,
      authorId: owner.id,
      title: "Choisir la licence des adresses « ouvertes »",
      method: "MAJORITY_JUDGMENT",
      secret: true,
      options: { create: ["Licence Ouverte 2.0", "ODbL"].map((label, position) => ({ label, position })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  await openVoting(t.db, { proposalId: proposal.id, closesAt: new Date(Date.now() + 3600_000) });
  const [lo, odbl] = proposal.options.map((o) => o.id) as [string, string];
  const grades = ["excellent", "good", "passable"] as const;
  for (const [i, person] of people.slice(0, 3).entries()) {
    await castBallot(t.db, {
      actorId: person.id,
      proposalId: proposal.id,
      choice: { grades: { [lo]: grades[i % 3]!, [odbl]: grades[(i + 1) % 3]! } },
    });
  }
  await closeProposal(t.db, { proposalId: proposal.id });
  return { proposal, people, slug };
}

describe("signing key", () => {
  it("is generated once when two instances race to create it, and both end up with the stored one", async () => {
    await t.db.signingKey.deleteMany({ where: { id: SIGNING_KEY_ID } });
    const instances = [createDb(t.url, 2), createDb(t.url, 2)];
    try {
      const results = await all(
        instances.flatMap((instance) => [
          () => getSigningKey(instance, { configuredPem: null }),
          ...Array.from({ length: 10 }, () => () => ensureSigningKey(instance)),
        ]),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const kids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ kid: string }>).value.kid));
      expect(kids.size).toBe(1);
      const stored = await t.db.signingKey.findMany();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: SIGNING_KEY_ID, algorithm: "Ed25519" });
      // The process-wide path (the API's) serves the same key from the same row.
      expect((await getSigningKey(t.db)).kid).toBe([...kids][0]);
      expect((await getSigningKey(instances[0]!, { configuredPem: null })).kid).toBe([...kids][0]);
    } finally {
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
  });

  it("is the configured one when SIGNING_KEY_ED25519 is set, even written on one line", async () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const configured = await getSigningKey(t.db, { configuredPem: pem });
    expect(configured.kid).not.toBe((await getSigningKey(t.db, { configuredPem: null })).kid);
    expect((await getSigningKey(t.db, { configuredPem: pem.replaceAll("\n", "\\n") })).kid).toBe(configured.kid);
  });

  it("is published at a stable, cacheable URL as JWK and PEM", async () => {
    const response = await call(getSigningKeyRoute, { path: "/api/v1/signing-key" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const published = publishedKeySchema.parse(await response.json());
    const stored = await t.db.signingKey.findUniqueOrThrow({ where: { id: SIGNING_KEY_ID } });
    expect(published.pem).toBe(stored.publicKey);
    expect(published.kid).toBe((await getSigningKey(t.db)).kid);
    expect(published.jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: published.kid, alg: "EdDSA", use: "sig" });
  });
});

describe("decision records", () => {
  it("of a real closed proposal verify with the published key and carry the published ballots and digest", async () => {
    const { proposal, people, slug } = await closedProposal();
    const response = await downloadRecord(proposal.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="decision-${proposal.id}.json"`);
    const text = await response.text();
    const document = decisionDocumentSchema.parse(JSON.parse(text));

    const published = publishedKeySchema.parse(await (await call(getSigningKeyRoute, { path: "/api/v1/signing-key" })).json());
    expect(verifyDecisionRecord(JSON.parse(text), published.pem)).toMatchObject({ valid: true });
    expect(verifyDecisionRecord(JSON.parse(text), published.jwk)).toMatchObject({ valid: true });

    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: proposal.id } });
    const { record } = document;
    expect(record.decision.digest).toBe(decision.digest);
    expect(record.decision.digest).toBe(digestOf(record.decision.ballots));
    expect(record.decision.ballots).toEqual(await publishedBallots(t.db, { proposalId: proposal.id, stored: decision.ballots }));
    expect(record.decision).toMatchObject({ electorateSize: 4, turnout: 3, outcome: decision.outcome });
    expect(record.decision.result).toEqual(decision.result);
    expect(record.community).toEqual({ slug, name: "Décisions" });
    expect(record.options).toEqual(proposal.options.map(({ id, label }) => ({ id, label })));
    expect(record.proposal).toMatchObject({ id: proposal.id, method: "MAJORITY_JUDGMENT", secret: true, kind: "GENERAL" });
    expect(record.proposal.closedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(document.kid).toBe(published.kid);

    // A secret ballot: receipts and choices, never who voted.
    const users = await t.db.user.findMany({ where: { id: { in: people.map((p) => p.id) } } });
    for (const user of users) {
      for (const revealing of [user.id, user.email, user.displayName]) expect(text).not.toContain(revealing);
    }
    const receipts = await t.db.ballot.findMany({ where: { proposalId: proposal.id }, select: { receipt: true } });
    expect(record.decision.ballots.map(([receipt]) => receipt).sort()).toEqual(receipts.map((b) => b.receipt).sort());

    // A change anywhere in the downloaded file no longer verifies.
    const tampered = JSON.parse(text) as typeof document;
    tampered.record.decision.ballots[0]![1] = { grades: {} };
    expect(verifyDecisionRecord(tampered, published.pem)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("are built for the proposal asked, and only once it is decided", async () => {
    const { proposal } = await closedProposal();
    const record = await buildDecisionRecord(t.db, proposal.id, { now: new Date("2026-12-01T00:00:00Z") });
    expect(record).toMatchObject({ issuedAt: "2026-12-01T00:00:00.000Z", proposal: { id: proposal.id } });
    expect(await buildDecisionRecord(t.db, "does-not-exist")).toBeNull();
  });

  it("answer 404 before the decision, for an unknown proposal, and to whoever may not read the community", async () => {
    const { proposal, people } = await closedProposal({ visibility: "MEMBERS" });
    const member = await createSession(t.db, people[1]!.id);
    expect((await downloadRecord(proposal.id, member.sessionToken)).status).toBe(200);

    const anonymous = await downloadRecord(proposal.id);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(anonymous.headers.get("content-disposition")).toBeNull();
    const outsider = await createSession(t.db, (await createPerson(t.db)).id);
    expect((await downloadRecord(proposal.id, outsider.sessionToken)).status).toBe(404);
    expect((await downloadRecord("does-not-exist")).status).toBe(404);

    const open = await t.db.proposal.create({
      data: { communityId: proposal.communityId, authorId: people[0]!.id, title: "Pas encore décidé" },
    });
    await openVoting(t.db, { proposalId: open.id, closesAt: new Date(Date.now() + 3600_000) });
    expect((await downloadRecord(open.id, member.sessionToken)).status).toBe(404);
  });
});

describe("a proposal hidden by moderation", () => {
  it("withholds its title from the record, the page data and the API for those who may not read it, not from moderators", async () => {
    const { proposal, people } = await closedProposal();
    const [owner, member] = people as [TestPerson, TestPerson];
    await t.db.proposal.update({
      where: { id: proposal.id },
      data: { hiddenAt: new Date(), hiddenBy: "MODERATOR", hiddenById: owner.id, hiddenReason: "Titre injurieux" },
    });
    const { sessionToken: memberCookie } = await createSession(t.db, member.id);
    const { sessionToken: ownerCookie } = await createSession(t.db, owner.id);

    const asMember = decisionDocumentSchema.parse(await (await downloadRecord(proposal.id, memberCookie)).json());
    expect(asMember.record.proposal.title).toBe("");
    // Still a signed, verifiable decision: only the title is withheld.
    expect(verifyDecisionRecord(asMember, asMember.record.publicKey.jwk)).toMatchObject({ valid: true });
    expect(asMember.record.decision.digest).toBe(digestOf(asMember.record.decision.ballots));
    const anonymous = decisionDocumentSchema.parse(await (await downloadRecord(proposal.id)).json());
    expect(anonymous.record.proposal.title).toBe("");

    // The proposal's author (here also the community's founder and administrator) reads it whole.
    const asOwner = decisionDocumentSchema.parse(await (await downloadRecord(proposal.id, ownerCookie)).json());
    expect(asOwner.record.proposal.title).toBe(proposal.title);

    const memberView = await getProposalView(t.db, {
      actor: { id: member.id, onboarded: true, isPlatformAdmin: false },
      proposalId: proposal.id,
    });
    expect([memberView.withheld, memberView.title, memberView.body]).toEqual([true, "", ""]);
    const api = await call(getProposalRoute, {
      path: `/api/v1/proposals/${proposal.id}`,
      params: { id: proposal.id },
      cookie: memberCookie,
    });
    expect(((await api.json()) as { title: string }).title).toBe("");
  });
});
