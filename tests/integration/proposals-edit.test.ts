/**
 * Editing a draft proposal (lib/proposals/edit-draft.ts), against a real PostgreSQL: its author
 * changes title, options and method within the charter's floors (refused at the field below them),
 * nobody else edits it (403 or 404 as the policy says), and once the discussion is open it is
 * refused with its reason; a refused edit stores nothing. Then the same through PATCH /api/v1/proposals/{id}.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import { editDraftRoute } from "@/lib/api/v1/routes/proposals";
import { createApiToken } from "@/lib/tokens/create-token";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { editDraft } from "@/lib/proposals/edit-draft";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community() {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("edit").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Brouillons",
      slug,
      summary: "Une communauté qui corrige.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await t.db.charter.create({
    data: {
      communityId: id,
      currentVersion: 1,
      versions: {
        create: {
          number: 1,
          rules: [],
          parameters: { ...defaultCharterParameters, quorumPercent: 20, allowedMethods: ["THRESHOLD", "APPROVAL"] },
        },
      },
    },
  });
  const member = async (actorKind: ActorKind, role: "MEMBER" | "ADMIN" = "MEMBER") => {
    const person = await createPerson(t.db, { actorKind });
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: actorKind, status: "ACTIVE", role } });
    return person;
  };
  return { id, slug, owner, member };
}

const draft = { kind: "GENERAL", title: "Adopter ODbL pour les pistes", method: "THRESHOLD", quorumPercent: 25, votingDays: 7 };
const stored = (id: string) =>
  t.db.proposal.findUniqueOrThrow({
    where: { id },
    select: {
      title: true,
      body: true,
      method: true,
      quorumPercent: true,
      options: { orderBy: { position: "asc" }, select: { label: true } },
    },
  });

describe("editing a draft", () => {
  it("lets its author change title, options and method, with an audit entry", async () => {
    const c = await community();
    const author = await c.member("RESEARCH");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    await editDraft(t.db, {
      actor: author,
      proposalId: id,
      input: {
        ...draft,
        title: "Choisir la licence des pistes",
        body: "Deux licences possibles.",
        method: "APPROVAL",
        options: [{ label: "ODbL" }, { label: "Licence Ouverte" }],
      },
    });
    expect(await stored(id)).toEqual({
      title: "Choisir la licence des pistes",
      body: "Deux licences possibles.",
      method: "APPROVAL",
      quorumPercent: 25,
      options: [{ label: "ODbL" }, { label: "Licence Ouverte" }],
    });
    const audit = await t.db.auditEntry.findMany({ where: { communityId: c.id, action: "proposal.draftEdited" } });
    expect(audit).toHaveLength(1);
  });

  it("refuses a quorum below the charter's at the field, storing nothing", async () => {
    const c = await community();
    const author = await c.member("PUBLIC");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    const before = await stored(id);
    await expect(
      editDraft(t.db, { actor: author, proposalId: id, input: { ...draft, title: "Un autre titre", quorumPercent: 5 } }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ field: "quorumPercent", messageKey: "votes.errors.quorumBelowCharter" })],
    });
    // A method the charter does not allow, at its field too.
    await expect(
      editDraft(t.db, {
        actor: author,
        proposalId: id,
        input: { ...draft, method: "MAJORITY_JUDGMENT", options: [{ label: "A" }, { label: "B" }] },
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ field: "method" })] });
    expect(await stored(id)).toEqual(before);
  });

  it("is refused to another member (404: they do not read the draft) and to an administrator (403)", async () => {
    const c = await community();
    const author = await c.member("PUBLIC");
    const other = await c.member("RESEARCH");
    const admin = await c.member("PUBLIC", "ADMIN");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    const before = await stored(id);
    await expect(
      editDraft(t.db, { actor: other, proposalId: id, input: { ...draft, title: "Pris en main" } }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      editDraft(t.db, { actor: admin, proposalId: id, input: { ...draft, title: "Pris en main" } }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(await stored(id)).toEqual(before);
  });

  it("is refused with its reason once the discussion is open", async () => {
    const c = await community();
    const author = await c.member("PUBLIC");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    await startDiscussion(t.db, { actor: author, proposalId: id });
    const before = await stored(id);
    await expect(
      editDraft(t.db, { actor: author, proposalId: id, input: { ...draft, title: "Trop tard pour changer" } }),
    ).rejects.toMatchObject({
      status: 409,
      code: "not_draft",
      messageKey: "votes.errors.editAfterDraft",
    });
    expect(await stored(id)).toEqual(before);
  });

  it("keeps its kind", async () => {
    const c = await community();
    const author = await c.member("PUBLIC");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    await expect(
      editDraft(t.db, { actor: author, proposalId: id, input: { ...draft, kind: "CHARTER_AMENDMENT", amendment: [] } }),
    ).rejects.toBeDefined();
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id }, select: { kind: true } })).kind).toBe("GENERAL");
  });
});

describe("PATCH /api/v1/proposals/{id}", () => {
  const APP_URL = "http://localhost:3000";
  const patch = (id: string, secret: string, body: unknown) => {
    const handler = bindRoute(editDraftRoute, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
    return handler(
      new Request(`${APP_URL}/api/v1/proposals/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "accept-language": "fr" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );
  };
  const token = async (userId: string) =>
    (await createApiToken(t.db, { userId, input: { name: "script", scopes: ["read", "write"] } })).secret;

  it("edits the author's draft, refuses a lowered quorum at the field, others and after discussion", async () => {
    const c = await community();
    const author = await c.member("PUBLIC");
    const admin = await c.member("RESEARCH", "ADMIN");
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: draft });
    const secret = await token(author.id);

    const ok = await patch(id, secret, { ...draft, title: "Adopter ODbL pour toutes les pistes" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id });
    expect((await stored(id)).title).toBe("Adopter ODbL pour toutes les pistes");

    const low = await patch(id, secret, { ...draft, quorumPercent: 1 });
    expect(low.status).toBe(400);
    expect(JSON.stringify(await low.json())).toContain("quorumPercent");

    expect((await patch(id, await token(admin.id), { ...draft, title: "Par l'administration" })).status).toBe(403);

    await startDiscussion(t.db, { actor: author, proposalId: id });
    const late = await patch(id, secret, { ...draft, title: "Trop tard pour changer" });
    expect(late.status).toBe(409);
    expect((await stored(id)).title).toBe("Adopter ODbL pour toutes les pistes");
  });
});
