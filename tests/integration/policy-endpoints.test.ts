/**
 * The other half of the policy matrix: for every role, the use cases behind the pages' actions and
 * the API endpoints do what the policy says (allowed → the change happens; refused → 401/403/404
 * and nothing changes). Each case builds its own community so cases cannot interfere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPerson } from "../support/factories";
import type { JoinPolicy, Visibility } from "@/lib/generated/prisma/enums";
import { canAs, type Action } from "@/lib/policy/can";
import { communityRoles, type CommunityRole } from "@/lib/policy/roles";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { voteOnProposal } from "@/lib/proposals/ballots";
import { addComment } from "@/lib/proposals/comments";
import { closeProposalEarly } from "@/lib/proposals/lifecycle";
import { openVoting } from "@/lib/votes/open-voting";
import { updateCommunity } from "@/lib/communities/update-community";
import {
  changeMemberCollege,
  changeMemberRole,
  decideMembershipRequest,
  joinCommunity,
  leaveCommunity,
} from "@/lib/communities/membership";
import { acceptInvitation, inviteByEmail } from "@/lib/communities/invitations";
import { configureColleges } from "@/lib/communities/colleges";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const appUrl = "http://localhost:3000";

const person = (db: Db, { platformAdmin = false } = {}) => createPerson(db, { actorKind: "RESEARCH", platformAdmin });

/** A community with two administrators, a member, a pending applicant, and the actor in `role`. */
async function fixture(
  role: CommunityRole,
  { joinPolicy = "OPEN", visibility = "PUBLIC" }: { joinPolicy?: JoinPolicy; visibility?: Visibility } = {},
) {
  const owner = await person(t.db);
  const slug = unique("c").toLowerCase();
  const community = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Une communauté de test.", description: "", visibility, joinPolicy },
  });
  const add = async (
    status: "ACTIVE" | "PENDING" | "SUSPENDED" | "BANNED",
    role2: "MEMBER" | "MODERATOR" | "ADMIN" = "MEMBER",
  ) => {
    const p = await person(t.db);
    const m = await t.db.membership.create({
      data: {
        communityId: community.id,
        userId: p.id,
        status,
        role: role2,
        college: "RESEARCH",
        suspendedUntil: status === "SUSPENDED" ? new Date(Date.now() + 86_400_000) : null,
      },
    });
    return { ...p, membershipId: m.id };
  };
  const coAdmin = await add("ACTIVE", "ADMIN");
  const member = await add("ACTIVE");
  const applicant = await add("PENDING");
  let actor: Actor & { email: string | null };
  switch (role) {
    case "anonymous":
      actor = null as never;
      break;
    case "nonMember":
      actor = await person(t.db);
      break;
    case "platformAdmin":
      actor = await person(t.db, { platformAdmin: true });
      break;
    case "pending":
      actor = await add("PENDING");
      break;
    case "suspended":
      actor = await add("SUSPENDED");
      break;
    case "banned":
      actor = await add("BANNED");
      break;
    case "member":
      actor = await add("ACTIVE");
      break;
    case "moderator":
      actor = await add("ACTIVE", "MODERATOR");
      break;
    case "admin":
      actor = await add("ACTIVE", "ADMIN");
      break;
  }
  return { slug, communityId: community.id, owner, coAdmin, member, applicant, actor };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

async function invitationFor(f: Fixture): Promise<string> {
  await inviteByEmail(t.db, {
    actor: f.owner,
    slug: f.slug,
    email: f.actor.email!,
    role: "MEMBER",
    appUrl,
    fallbackLocale: "fr",
  });
  const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: f.actor.email! }, orderBy: { createdAt: "desc" } });
  return mail.text.match(/\/invitations\/([\w-]+)/)![1]!;
}

/** A proposal by the owner, voting open (the electorate is frozen now, after the fixture's members exist). */
async function votingProposal(f: Fixture): Promise<string> {
  const proposal = await t.db.proposal.create({
    data: {
      communityId: f.communityId,
      authorId: f.owner.id,
      title: "Adopter la Licence Ouverte",
      method: "THRESHOLD",
      threshold: "simple",
    },
  });
  await openVoting(t.db, { proposalId: proposal.id, closesAt: new Date(Date.now() + 86_400_000) });
  return proposal.id;
}

const cases: { action: Action; joinPolicy?: JoinPolicy; visibility?: Visibility; run: (f: Fixture) => Promise<unknown> }[] = [
  {
    action: "community.read",
    visibility: "MEMBERS",
    run: (f) => requireCommunityAccess(t.db, { slug: f.slug, actor: f.actor, action: "community.read" }),
  },
  { action: "audit.read", run: (f) => requireCommunityAccess(t.db, { slug: f.slug, actor: f.actor, action: "audit.read" }) },
  {
    action: "proposal.create",
    run: (f) =>
      createProposal(t.db, {
        actor: f.actor,
        slug: f.slug,
        input: { kind: "GENERAL", title: "Publier un export mensuel", method: "THRESHOLD", votingDays: 7 },
      }),
  },
  {
    action: "proposal.vote",
    run: async (f) => voteOnProposal(t.db, { actor: f.actor, proposalId: await votingProposal(f), choice: { choice: "for" } }),
  },
  {
    action: "proposal.comment",
    run: async (f) =>
      addComment(t.db, {
        actor: f.actor,
        proposalId: await votingProposal(f),
        input: { body: "Je soutiens cette proposition." },
      }),
  },
  {
    action: "proposal.closeEarly",
    run: async (f) => closeProposalEarly(t.db, { actor: f.actor, proposalId: await votingProposal(f) }),
  },
  {
    action: "community.create",
    run: (f) =>
      createCommunity(t.db, {
        actor: f.actor,
        input: {
          name: "Autre communauté",
          slug: unique("new").toLowerCase(),
          summary: "Une autre communauté.",
          description: "",
          visibility: "PUBLIC",
          joinPolicy: "OPEN",
        },
      }),
  },
  {
    action: "community.update",
    run: (f) =>
      updateCommunity(t.db, {
        actor: f.actor,
        slug: f.slug,
        input: {
          name: "Nouveau nom",
          summary: "Nouvelle présentation.",
          description: "",
          visibility: "PUBLIC",
          joinPolicy: "OPEN",
        },
      }),
  },
  { action: "membership.join", run: (f) => joinCommunity(t.db, { actor: f.actor, slug: f.slug }) },
  {
    action: "membership.request",
    joinPolicy: "ON_REQUEST",
    run: (f) => joinCommunity(t.db, { actor: f.actor, slug: f.slug, message: "Bonjour" }),
  },
  { action: "membership.leave", run: (f) => leaveCommunity(t.db, { actor: f.actor, slug: f.slug }) },
  {
    action: "membership.decide",
    run: (f) =>
      decideMembershipRequest(t.db, {
        actor: f.actor,
        slug: f.slug,
        membershipId: f.applicant.membershipId,
        decision: "approve",
        appUrl,
      }),
  },
  {
    action: "membership.invite",
    run: (f) =>
      inviteByEmail(t.db, {
        actor: f.actor,
        slug: f.slug,
        email: `${unique("inv")}@example.org`,
        role: "MEMBER",
        appUrl,
        fallbackLocale: "fr",
      }),
  },
  {
    action: "membership.changeRole",
    run: (f) => changeMemberRole(t.db, { actor: f.actor, slug: f.slug, membershipId: f.member.membershipId, role: "MODERATOR" }),
  },
  {
    action: "membership.changeCollege",
    run: (f) =>
      changeMemberCollege(t.db, {
        actor: f.actor,
        slug: f.slug,
        membershipId: f.member.membershipId,
        college: "PUBLIC",
        reason: "Erreur de saisie",
      }),
  },
  {
    action: "college.configure",
    run: (f) =>
      configureColleges(t.db, {
        actor: f.actor,
        slug: f.slug,
        weightingEnabled: true,
        weights: { PUBLIC: 40, PRIVATE: 20, RESEARCH: 10, CIVIL_SOCIETY: 30 },
      }),
  },
  {
    action: "membership.acceptInvitation",
    joinPolicy: "INVITATION",
    run: async (f) => {
      // The invitation exists whatever the role: only accepting it is under test.
      if (!f.actor) return acceptInvitation(t.db, { actor: f.actor, token: "none" });
      const token = await invitationFor(f);
      return acceptInvitation(t.db, { actor: f.actor, token });
    },
  },
];

describe("use cases obey the policy for every role", () => {
  for (const { action, joinPolicy, visibility, run } of cases) {
    describe(action, () => {
      it.each(communityRoles.map((role) => [role]))("as %s", async (role) => {
        const f = await fixture(role as CommunityRole, { joinPolicy, visibility });
        const state = { joinPolicy: joinPolicy ?? "OPEN", visibility: visibility ?? "PUBLIC" } as const;
        // A platform administrator without membership acts as a non-member plus the platform's powers.
        const allowed =
          role === "platformAdmin"
            ? canAs("nonMember", action, state) || canAs("platformAdmin", action, state)
            : canAs(role as CommunityRole, action, state);
        const auditBefore = await t.db.auditEntry.count({ where: { communityId: f.communityId } });
        const outcome = await run(f).then(
          () => ({ ok: true as const }),
          (error: { status?: number; code?: string }) => ({ ok: false as const, status: error.status, code: error.code }),
        );
        if (allowed) {
          expect(outcome).toEqual({ ok: true });
        } else {
          expect(outcome.ok).toBe(false);
          expect([401, 403, 404, 409]).toContain(outcome.ok ? 0 : outcome.status);
          // Invitation set-up writes its own audit entry; the refused action writes none.
          const setUp = action === "membership.acceptInvitation" && f.actor ? 1 : 0;
          expect(await t.db.auditEntry.count({ where: { communityId: f.communityId } })).toBe(auditBefore + setUp);
        }
      });
    });
  }
});
