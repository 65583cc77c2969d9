/**
 * The public voter list of a closed public ballot is read a page at a time on the proposal's page
 * (issue 15: a national vote is not read whole to show 100 names); the API still lists everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { getProposalView, VOTERS_PAGE_SIZE } from "@/lib/proposals/queries";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
let proposalId: string;
const VOTERS = VOTERS_PAGE_SIZE * 2 + 5;
beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const { id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Pages",
      slug: unique("pages").toLowerCase(),
      summary: "Des pages.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  // Bulk members, as the bench seeds them.
  await t.db.$executeRaw`
    INSERT INTO "User" ("id", "email", "displayName", "actorKind", "onboardedAt", "updatedAt")
    SELECT 'vp' || i, 'vp' || i || '@pages.example', 'Votant ' || lpad(i::text, 3, '0'), 'PUBLIC', now(), now()
    FROM generate_series(1, ${VOTERS - 1}::int) i`;
  await t.db.$executeRaw`
    INSERT INTO "Membership" ("id", "communityId", "userId", "college", "status", "role")
    SELECT 'vpm' || i, ${communityId}, 'vp' || i, 'PUBLIC', 'ACTIVE', 'MEMBER' FROM generate_series(1, ${VOTERS - 1}::int) i`;
  const proposal = await t.db.proposal.create({
    data: {
      communityId,
      authorId: owner.id,
      title: "Lister les votants",
      secret: false,
      method: "THRESHOLD",
      threshold: "simple",
    },
  });
  proposalId = proposal.id;
  await openVoting(t.db, { proposalId, closesAt: new Date(Date.now() + 3600_000) });
  for (let i = 1; i < VOTERS; i++) await castBallot(t.db, { actorId: `vp${i}`, proposalId, choice: { choice: "for" } });
  await new Promise((resolve) => setTimeout(resolve, 5)); // casting times have millisecond precision
  await castBallot(t.db, { actorId: owner.id, proposalId, choice: { choice: "against" } });
  await closeProposal(t.db, { proposalId });
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("the public voter list", () => {
  it("is paged on the proposal's page, in the order of casting, and whole in the API's view", async () => {
    const first = await getProposalView(t.db, { actor: null, proposalId, votersPage: 1 });
    expect(first.voters).toHaveLength(VOTERS_PAGE_SIZE);
    expect(first.voterPages).toBe(3);
    expect(first.voterPage).toBe(1);
    expect(first.voters![0]).toMatchObject({ name: "Votant 001", college: "PUBLIC", choice: { choice: "for" } });
    const last = await getProposalView(t.db, { actor: null, proposalId, votersPage: 3 });
    expect(last.voters).toHaveLength(5);
    expect(last.voters!.at(-1)).toMatchObject({ choice: { choice: "against" } });
    const beyond = await getProposalView(t.db, { actor: null, proposalId, votersPage: 9 });
    expect(beyond.voters).toEqual([]);
    const all = await getProposalView(t.db, { actor: null, proposalId });
    expect(all.voters).toHaveLength(VOTERS);
    expect(all.voterPage).toBeNull();
    const names = [
      ...first.voters!,
      ...(await getProposalView(t.db, { actor: null, proposalId, votersPage: 2 })).voters!,
      ...last.voters!,
    ];
    expect(names.map((v) => v.name)).toEqual(all.voters!.map((v) => v.name));
  });
});
