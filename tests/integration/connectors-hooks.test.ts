/**
 * Webhooks of contribution sources (issue 16), against a real PostgreSQL, through the route's own
 * handler: real-format payloads from GitHub, GitLab, Gitea/Forgejo and the generic scheme, signed
 * with the source's real secret. Each event becomes exactly one contribution (replays and
 * concurrent duplicate deliveries change nothing); forged, missing or stale signatures are 401 with
 * nothing stored; unknown events 202 and counted; oversized bodies 413 without reading them whole;
 * unknown sources 404; an unmatched author waits in the "to claim" list and claims it once linked.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { bindHook } from "@/lib/api/v1/routes/hooks";
import { createSource, getSource, listSources, rotateSecret } from "@/lib/connectors/sources";
import { claimEvent, claimableEvents } from "@/lib/connectors/identities";
import { signGeneric, signHex } from "@/lib/connectors/verify";
import { MAX_DELIVERY_BYTES } from "@/lib/connectors/receive";
import { getContribution } from "@/lib/commons/ledger";
import type { IdentityProvider } from "@/lib/generated/prisma/enums";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let hook: ReturnType<typeof bindHook>;
const fixtures = path.resolve(import.meta.dirname, "../fixtures/connectors");
const fixture = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

let owner: TestPerson;
let steward: TestPerson;
let lea: TestPerson;
let marc: TestPerson;
let community: { id: string; slug: string };
let commons: { slug: string; id: string };
let other: { slug: string; id: string };

async function verifiedIdentity(person: TestPerson, provider: IdentityProvider, username: string) {
  await t.db.externalIdentity.create({
    data: {
      userId: person.id,
      provider,
      externalUsername: username,
      externalKey: username.toLowerCase(),
      challenge: "fixture",
      verifiedAt: new Date(),
      verifiedBy: "challenge",
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  hook = bindHook(() => ({ db: t.db }));
  owner = await createPerson(t.db);
  steward = await createPerson(t.db);
  lea = await createPerson(t.db);
  marc = await createPerson(t.db, { actorKind: "PRIVATE" });
  const slug = unique("hooks").toLowerCase();
  const created = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: `Communauté ${slug}`,
      slug,
      summary: "Des communs.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  community = { id: created.id, slug };
  for (const person of [steward, lea, marc]) {
    await t.db.membership.create({
      data: { communityId: created.id, userId: person.id, college: "PUBLIC", status: "ACTIVE", role: "MEMBER" },
    });
  }
  const propose = (title: string) =>
    proposeCommons(t.db, {
      actor: steward,
      slug,
      input: {
        slug: unique("c").toLowerCase(),
        title,
        summary: "Les adresses.",
        kind: "DATASET",
        licence: "etalab-2.0",
        status: "PROPOSED",
      },
    });
  const a = await propose("Base adresse locale");
  const b = await propose("Plan vélo");
  commons = { id: a.id, slug: a.slug };
  other = { id: b.id, slug: b.slug };
  await verifiedIdentity(lea, "GITHUB", "lea-rousseau");
  await verifiedIdentity(marc, "GITLAB", "mdubois");
  await verifiedIdentity(lea, "GITEA", "ines");
});
afterAll(async () => {
  await t.drop();
});

async function attach(kind: "GITHUB" | "GITLAB" | "GITEA" | "GENERIC", autoValidate = false, target = commons) {
  const { id, secret } = await createSource(t.db, {
    actor: steward,
    communitySlug: community.slug,
    commonsSlug: target.slug,
    input: { kind, label: `Source ${kind}`, autoValidate, contributionType: "CODE" },
  });
  return { id, secret: secret! };
}

function deliver(sourceId: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string>) {
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  };
  if (typeof body !== "string") init.duplex = "half";
  return hook(new Request(`http://localhost/api/v1/hooks/${sourceId}`, init), { params: Promise.resolve({ sourceId }) });
}

const github = (secret: string, event: string, body: string, delivery = crypto.randomUUID()) => ({
  "x-github-event": event,
  "x-github-delivery": delivery,
  "x-hub-signature-256": `sha256=${signHex(secret, body)}`,
  "user-agent": "GitHub-Hookshot/8e03811",
});

const contributionsOf = (sourceId: string) => t.db.contribution.findMany({ where: { sourceId } });

describe("GitHub deliveries", () => {
  it("records a signed push once, for the member whose verified identity pushed, pending validation", async () => {
    const source = await attach("GITHUB");
    const body = fixture("github-push.json");
    const headers = github(source.secret, "push", body);
    const response = await deliver(source.id, body, headers);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { outcome: string; contributionId: string };
    expect(answer.outcome).toBe("recorded");

    const [contribution, ...rest] = await contributionsOf(source.id);
    expect(rest).toHaveLength(0);
    expect(contribution).toMatchObject({
      id: answer.contributionId,
      authorId: lea.id,
      commonsId: commons.id,
      type: "CODE",
      quantity: 2,
      unit: "commits",
      state: "PENDING",
      externalId: "push:0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
      link: expect.stringContaining("/compare/"),
    });
    expect(contribution!.description).toContain("geocommuns-demo/base-adresse-locale@main");
    expect(contribution!.date.toISOString()).toBe("2026-12-02T10:40:19.000Z");
    // The ledger says where it came from.
    expect(await getContribution(t.db, null, contribution!.id)).toMatchObject({
      source: { label: "Source GITHUB", kind: "GITHUB" },
    });
    const audit = await t.db.auditEntry.findMany({ where: { communityId: community.id, action: "contribution.recorded" } });
    expect(audit.some((entry) => (entry.details as { contributionId?: string }).contributionId === contribution!.id)).toBe(true);

    // The same delivery again (a forge's retry) and the same push under a new delivery id change nothing.
    const again = await deliver(source.id, body, headers);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outcome: string }).outcome).toBe("duplicate");
    const redelivered = await deliver(source.id, body, github(source.secret, "push", body));
    expect(((await redelivered.json()) as { outcome: string }).outcome).toBe("duplicate");
    expect(await contributionsOf(source.id)).toHaveLength(1);
    expect(await t.db.sourceDelivery.count({ where: { sourceId: source.id } })).toBe(2);
  });

  it("concurrent copies of one delivery, and of one event under different delivery ids, give one contribution", async () => {
    const source = await attach("GITHUB");
    const body = fixture("github-release-published.json");
    const same = github(source.secret, "release", body);
    const responses = await Promise.all([
      ...Array.from({ length: 6 }, () => deliver(source.id, body, same)),
      ...Array.from({ length: 6 }, () => deliver(source.id, body, github(source.secret, "release", body))),
    ]);
    const outcomes = await Promise.all(
      responses.map(async (r) => ({ status: r.status, ...((await r.json()) as { outcome: string }) })),
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.outcome === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "duplicate")).toHaveLength(11);
    const rows = await contributionsOf(source.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ externalId: "release:187234512", authorId: lea.id });
    // Seven deliveries kept (one id shared by six copies, six distinct ids).
    expect(await t.db.sourceDelivery.count({ where: { sourceId: source.id } })).toBe(7);
  });

  it("a copy arriving while the first is still being written waits for it, then changes nothing", async () => {
    const source = await attach("GITHUB");
    const body = fixture("github-push.json");
    const headers = github(source.secret, "push", body, "held-delivery");
    let finished = false;
    let pending!: Promise<Response>;
    // The first copy's transaction holds the delivery row, not yet committed…
    await t.db.$transaction(
      async (tx) => {
        await tx.sourceDelivery.create({
          data: { sourceId: source.id, externalId: "held-delivery", event: "push", outcome: "pending" },
        });
        pending = deliver(source.id, body, headers).then((response) => {
          finished = true;
          return response;
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        // …so the second one is blocked on the unique index, inside its own transaction.
        expect(finished).toBe(false);
      },
      { timeout: 10_000 },
    );
    const response = await pending;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("duplicate");
    expect(await contributionsOf(source.id)).toHaveLength(0);
  });

  it("refuses a forged or missing signature with 401 and stores nothing", async () => {
    const source = await attach("GITHUB");
    const body = fixture("github-push.json");
    const forged = await deliver(source.id, body, github("whsec_not-the-secret", "push", body));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe("bad_signature");
    // A body changed after signing.
    const tampered = await deliver(source.id, body.replace("lea-rousseau", "mallory"), github(source.secret, "push", body));
    expect(tampered.status).toBe(401);
    const { "x-hub-signature-256": _drop, ...unsigned } = github(source.secret, "push", body);
    expect((await deliver(source.id, body, unsigned)).status).toBe(401);
    expect(await t.db.sourceDelivery.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await contributionsOf(source.id)).toHaveLength(0);
    const row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.lastDeliveryAt).toBeNull();
    // The secret is kept encrypted, never in clear.
    expect(row.secretCiphertext).not.toContain(source.secret);
    expect(row.secretHint).toBe(source.secret.slice(-4));
  });

  it("answers 202 to events that are not contributions, counting them on the source", async () => {
    const source = await attach("GITHUB");
    const ping = fixture("github-ping.json");
    const response = await deliver(source.id, ping, github(source.secret, "ping", ping));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ outcome: "ignored", event: "ping" });
    const unmerged = fixture("github-pull-request-closed-unmerged.json");
    expect((await deliver(source.id, unmerged, github(source.secret, "pull_request", unmerged))).status).toBe(202);
    const row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.ignoredCount).toBe(2);
    expect(await contributionsOf(source.id)).toHaveLength(0);
  });

  it("puts a merged pull request of an unknown author in the 'to claim' list; they claim it once their identity is verified", async () => {
    const source = await attach("GITHUB", true);
    const body = fixture("github-pull-request-merged.json");
    const response = await deliver(source.id, body, github(source.secret, "pull_request", body));
    expect(((await response.json()) as { outcome: string }).outcome).toBe("unmatched");
    expect(await contributionsOf(source.id)).toHaveLength(0);
    const [view] = (await listSources(t.db, { actor: steward, communitySlug: community.slug, commonsSlug: commons.slug })).filter(
      (s) => s.id === source.id,
    );
    expect(view!.toClaim).toEqual([expect.objectContaining({ provider: "GITHUB", externalUsername: "Marc-Dubois" })]);
    const unmatchedId = view!.toClaim[0]!.id;

    // Not theirs to claim before they verified that account.
    await expect(claimEvent(t.db, { actor: marc, unmatchedId })).rejects.toMatchObject({ status: 404 });
    await verifiedIdentity(marc, "GITHUB", "marc-dubois");
    expect((await claimableEvents(t.db, { actor: marc })).map((e) => e.id)).toContain(unmatchedId);
    // Someone who is not a member of the community is offered nothing to claim there, and may not claim it.
    const outsider = await createPerson(t.db);
    await t.db.externalIdentity.update({
      where: { userId_provider_externalKey: { userId: marc.id, provider: "GITHUB", externalKey: "marc-dubois" } },
      data: { userId: outsider.id },
    });
    expect(await claimableEvents(t.db, { actor: outsider })).toEqual([]);
    await expect(claimEvent(t.db, { actor: outsider, unmatchedId })).rejects.toMatchObject({ status: 403 });
    await t.db.externalIdentity.update({
      where: { userId_provider_externalKey: { userId: outsider.id, provider: "GITHUB", externalKey: "marc-dubois" } },
      data: { userId: marc.id },
    });
    const { contributionId } = await claimEvent(t.db, { actor: marc, unmatchedId });
    await expect(claimEvent(t.db, { actor: marc, unmatchedId })).rejects.toMatchObject({ status: 409 });
    const [contribution] = await contributionsOf(source.id);
    // This source's contributions count at once.
    expect(contribution).toMatchObject({
      id: contributionId,
      authorId: marc.id,
      state: "VALIDATED",
      externalId: "pull:2188345120",
    });
    // A replay of the delivery after the claim still changes nothing.
    const replay = await deliver(source.id, body, github(source.secret, "pull_request", body));
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("duplicate");
    expect(await contributionsOf(source.id)).toHaveLength(1);
  });

  it("refuses a body over the limit with 413, without reading it whole", async () => {
    const source = await attach("GITHUB");
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 10_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await deliver(source.id, endless, github(source.secret, "push", "{}"));
    expect(response.status).toBe(413);
    expect(pulled * chunk.byteLength).toBeLessThan(MAX_DELIVERY_BYTES + 4 * chunk.byteLength);
    const declared = await deliver(source.id, "{}", {
      ...github(source.secret, "push", "{}"),
      "content-length": String(MAX_DELIVERY_BYTES + 1),
    });
    expect(declared.status).toBe(413);
    expect(await t.db.sourceDelivery.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("answers 404 for an unknown source, an import source or a disabled one; a source of another commons is 404 to its stewards' reads", async () => {
    const body = fixture("github-push.json");
    expect((await deliver("c-no-such-source", body, github("x", "push", body))).status).toBe(404);
    const osm = await createSource(t.db, {
      actor: steward,
      communitySlug: community.slug,
      commonsSlug: commons.slug,
      input: {
        kind: "OSM",
        label: "Modifications OSM",
        autoValidate: false,
        contributionType: "DATA_PRODUCTION",
        osmUser: "lea",
      },
    });
    expect(osm.secret).toBeNull();
    expect((await deliver(osm.id, body, github("x", "push", body))).status).toBe(404);
    const elsewhere = await attach("GITHUB", false, other);
    await expect(
      getSource(t.db, { actor: steward, communitySlug: community.slug, commonsSlug: commons.slug, sourceId: elsewhere.id }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      rotateSecret(t.db, { actor: steward, communitySlug: community.slug, commonsSlug: commons.slug, sourceId: elsewhere.id }),
    ).rejects.toMatchObject({ status: 404 });
    // An archived commons takes no contribution, typed or delivered (409, told only to an authentic sender).
    await t.db.commons.update({ where: { id: other.id }, data: { status: "ARCHIVED" } });
    expect((await deliver(elsewhere.id, body, github("x", "push", body))).status).toBe(401);
    const archived = await deliver(elsewhere.id, body, github(elsewhere.secret, "push", body));
    expect(archived.status).toBe(409);
    expect(await t.db.sourceDelivery.count({ where: { sourceId: elsewhere.id } })).toBe(0);
    await t.db.commons.update({ where: { id: other.id }, data: { status: "PROPOSED" } });
    await t.db.contributionSource.update({ where: { id: elsewhere.id }, data: { active: false } });
    expect((await deliver(elsewhere.id, body, github(elsewhere.secret, "push", body))).status).toBe(404);
  });

  it("after rotation, deliveries signed with the old secret are refused and the new one works", async () => {
    const source = await attach("GITHUB");
    const { secret } = await rotateSecret(t.db, {
      actor: steward,
      communitySlug: community.slug,
      commonsSlug: commons.slug,
      sourceId: source.id,
    });
    expect(secret).not.toBe(source.secret);
    const body = fixture("github-push.json");
    expect((await deliver(source.id, body, github(source.secret, "push", body))).status).toBe(401);
    expect((await deliver(source.id, body, github(secret, "push", body))).status).toBe(200);
    // Only those who carry the commons (or administrators) manage its sources.
    await expect(
      rotateSecret(t.db, { actor: lea, communitySlug: community.slug, commonsSlug: commons.slug, sourceId: source.id }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      rotateSecret(t.db, { actor: owner, communitySlug: community.slug, commonsSlug: commons.slug, sourceId: source.id }),
    ).resolves.toBeTruthy();
  });
});

describe("GitLab, Gitea/Forgejo and generic deliveries", () => {
  it("GitLab: the token must match; a push and a merged merge request are recorded", async () => {
    const source = await attach("GITLAB");
    const push = fixture("gitlab-push.json");
    const headers = (token: string, event: string) => ({
      "x-gitlab-token": token,
      "x-gitlab-event": event,
      "x-gitlab-event-uuid": crypto.randomUUID(),
      "x-gitlab-instance": "https://gitlab.example",
    });
    expect((await deliver(source.id, push, headers("wrong", "Push Hook"))).status).toBe(401);
    expect((await deliver(source.id, push, { "x-gitlab-event": "Push Hook" })).status).toBe(401);
    const recorded = await deliver(source.id, push, headers(source.secret, "Push Hook"));
    expect(recorded.status).toBe(200);
    const merge = fixture("gitlab-merge-request-merged.json");
    expect((await deliver(source.id, merge, headers(source.secret, "Merge Request Hook"))).status).toBe(200);
    expect((await deliver(source.id, "{}", headers(source.secret, "Pipeline Hook"))).status).toBe(202);
    const rows = await t.db.contribution.findMany({ where: { sourceId: source.id }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => [r.externalId, r.authorId, r.quantity])).toEqual([
      ["merge:99", marc.id, 1],
      ["push:da1560886d4f094c3e6c9ef40349f7d38b5d27d7", marc.id, 2],
    ]);
    expect(rows[0]!.date.toISOString()).toBe("2026-12-01T16:20:05.000Z");
  });

  it("Gitea and Forgejo: hex HMAC signatures under either header", async () => {
    const source = await attach("GITEA");
    const body = fixture("gitea-push.json");
    const forged = await deliver(source.id, body, { "x-gitea-event": "push", "x-gitea-signature": signHex("nope", body) });
    expect(forged.status).toBe(401);
    const gitea = await deliver(source.id, body, {
      "x-gitea-event": "push",
      "x-gitea-delivery": crypto.randomUUID(),
      "x-gitea-signature": signHex(source.secret, body),
    });
    expect(((await gitea.json()) as { outcome: string }).outcome).toBe("recorded");
    const forgejo = await deliver(source.id, body, {
      "x-forgejo-event": "push",
      "x-forgejo-delivery": crypto.randomUUID(),
      "x-forgejo-signature": signHex(source.secret, body),
    });
    expect(((await forgejo.json()) as { outcome: string }).outcome).toBe("duplicate");
    const [row] = await contributionsOf(source.id);
    expect(row).toMatchObject({ authorId: lea.id, quantity: 1, externalId: "push:bffeb74224043ba2feb48d137756c8a9331c449a" });
  });

  it("generic: HMAC over timestamp.body within five minutes; older is a replay (401); the event's id keys its contribution", async () => {
    const source = await attach("GENERIC", true);
    const body = fixture("generic-contribution.json");
    const now = Date.now() / 1000;
    const stale = await deliver(source.id, body, signGeneric(source.secret, body, now - 301));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { code: string }).code).toBe("replayed_delivery");
    const wrong = await deliver(source.id, body, signGeneric("whsec_wrong", body, now));
    expect(((await wrong.json()) as { code: string }).code).toBe("bad_signature");
    // The signature covers the timestamp: moving it breaks the signature.
    const moved = { ...signGeneric(source.secret, body, now - 400), "x-geocommuns-timestamp": String(Math.floor(now)) };
    expect((await deliver(source.id, body, moved)).status).toBe(401);
    expect(await t.db.sourceDelivery.count({ where: { sourceId: source.id } })).toBe(0);

    const ok = await deliver(source.id, body, signGeneric(source.secret, body, now));
    expect(ok.status).toBe(200);
    const [row] = await contributionsOf(source.id);
    expect(row).toMatchObject({
      authorId: lea.id,
      type: "DATA_PRODUCTION",
      quantity: 1204,
      unit: "adresses",
      state: "VALIDATED",
      externalId: "event:bal-publication-2026-12-02-75056",
    });
    const again = await deliver(source.id, body, signGeneric(source.secret, body, now + 1));
    expect(((await again.json()) as { outcome: string }).outcome).toBe("duplicate");
    // Signed but not the documented shape: 400, and the stewards see why.
    const bad = JSON.stringify({ id: "x", type: "NOPE" });
    const invalid = await deliver(source.id, bad, signGeneric(source.secret, bad, now));
    expect(invalid.status).toBe(400);
    expect((await t.db.contributionSource.findUniqueOrThrow({ where: { id: source.id } })).lastError).toContain(
      "invalid payload",
    );
  });
});
