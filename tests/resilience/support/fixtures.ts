/**
 * A community with members holding API tokens and a proposal open for voting, made through the real
 * use cases (colleges, weights, charter, electorate frozen at opening) like the integration tests do.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { openVotingNow } from "@/lib/proposals/lifecycle";
import { createApiToken } from "@/lib/tokens/create-token";

export type Voter = {
  userId: string;
  email: string;
  secret: string;
  actor: { id: string; onboarded: true; isPlatformAdmin: false };
};
export type VotingCommunity = { slug: string; communityId: string; owner: Voter; members: Voter[] };

const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;
const kinds = ["PUBLIC", "RESEARCH", "PRIVATE", "CIVIL_SOCIETY"] as const;

async function person(db: Db, actorKind: (typeof kinds)[number], platformAdmin = false): Promise<Voter> {
  const email = `${unique("r")}@example.org`;
  const user = await db.user.create({
    data: { email, displayName: `Personne ${email}`, actorKind, onboardedAt: new Date(), isPlatformAdmin: platformAdmin },
    select: { id: true },
  });
  const { secret } = await createApiToken(db, { userId: user.id, input: { name: "resilience", scopes: ["read", "write"] } });
  return { userId: user.id, email, secret, actor: { id: user.id, onboarded: true, isPlatformAdmin: false } };
}

/** A public, open community whose `members` (spread over the colleges) are active and hold read+write tokens. */
export async function createVotingCommunity(db: Db, { members }: { members: number }): Promise<VotingCommunity> {
  const owner = await person(db, "PUBLIC");
  const slug = unique("res").toLowerCase();
  const community = await createCommunity(db, {
    actor: owner.actor,
    input: {
      name: `Résilience ${slug}`,
      slug,
      summary: "Une communauté pour les tests de résilience.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const list: Voter[] = [];
  for (let i = 0; i < members; i++) {
    const kind = kinds[i % kinds.length]!;
    const voter = await person(db, kind);
    await db.membership.create({ data: { communityId: community.id, userId: voter.userId, college: kind, status: "ACTIVE" } });
    list.push(voter);
  }
  return { slug, communityId: community.id, owner, members: list };
}

/** A THRESHOLD proposal (for/against/abstain, public ballots) with its vote open now. */
export async function openThresholdProposal(
  db: Db,
  community: VotingCommunity,
  title = "Adopter la licence ODbL",
): Promise<string> {
  const { id } = await createProposal(db, {
    actor: community.owner.actor,
    slug: community.slug,
    input: { kind: "GENERAL", title, method: "THRESHOLD", votingDays: 7, secret: false },
  });
  await openVotingNow(db, { actor: community.owner.actor, proposalId: id });
  return id;
}

export const choices = ["for", "against", "abstain"] as const;
export type ThresholdChoice = (typeof choices)[number];

/** PUT /api/v1/proposals/{id}/ballot with a bearer token. */
export function putBallot(baseUrl: string, proposalId: string, secret: string, choice: string, timeoutMs = 30_000) {
  return fetch(`${baseUrl}/api/v1/proposals/${proposalId}/ballot`, {
    method: "PUT",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "accept-language": "fr" },
    body: JSON.stringify({ choice }),
    signal: AbortSignal.timeout(timeoutMs),
  });
}
