/**
 * Proposals under a community's charter, against a real PostgreSQL: the charter's minimum voting
 * duration and allowed methods, amendments' forced thresholds, proposeAfterDays, the lifecycle
 * (withdraw only before voting, open now for the planned duration), domain events, comments, and the
 * whole path to a published decision with a receipt to check.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Grade } from "@/lib/votes/tally/majority-judgment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";
import { createProposal, draftProposal } from "@/lib/proposals/create-proposal";
import { createProposalSchema } from "@/lib/proposals/schemas";
import { actionFailure } from "@/lib/web/action";
import { closeProposalEarly, openVotingNow, startDiscussion, withdrawProposal } from "@/lib/proposals/lifecycle";
import { checkReceipt, voteOnProposal, withdrawMyBallot } from "@/lib/proposals/ballots";
import { getProposalView, listProposals } from "@/lib/proposals/queries";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { buildDecisionRecord } from "@/lib/decisions/build-record";
import { keyPairOf } from "@/lib/decisions/signature";
import { addComment, deleteComment, hideComment, listComments } from "@/lib/proposals/comments";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 24 * 60 * 60 * 1000;

async function community({
  charter,
  members = [],
}: {
  charter?: Partial<CharterParameters>;
  members?: { actorKind: ActorKind; role?: "MEMBER" | "MODERATOR"; joinedDaysAgo?: number }[];
} = {}) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("prop").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Propositions",
      slug,
      summary: "Une communauté qui propose.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  if (charter) {
    await t.db.charter.create({
      data: {
        communityId: id,
        currentVersion: 1,
        versions: { create: { number: 1, rules: [], parameters: { ...defaultCharterParameters, ...charter } } },
      },
    });
  }
  const people: TestPerson[] = [];
  for (const { actorKind, role = "MEMBER", joinedDaysAgo = 0 } of members) {
    const person = await createPerson(t.db, { actorKind });
    await t.db.membership.create({
      data: {
        communityId: id,
        userId: person.id,
        college: actorKind,
        status: "ACTIVE",
        role,
        joinedAt: new Date(Date.now() - joinedDaysAgo * DAY),
      },
    });
    people.push(person);
  }
  return { id, slug, owner, people };
}

const base = {
  kind: "GENERAL",
  title: "Adopter la Licence Ouverte 2.0",
  body: "Pour **toutes** les données.",
  method: "THRESHOLD",
  // Public ballots: these communities have colleges of one member, where a secret weighted vote
  // may not open (tests/integration/secret-ballots.test.ts).
  secret: false,
};

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { status: number; code: string; messageKey: string; field?: string; values?: Record<string, unknown> }) => error,
  );
}

describe("createProposal", () => {
  it("creates a draft with the charter's defaults and an audit entry", async () => {
    const c = await community({ charter: { generalThreshold: "twoThirds", quorumPercent: 25, secretBallotByDefault: false } });
    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: base });
    const row = await t.db.proposal.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "DRAFT", threshold: "twoThirds", quorumPercent: 25, secret: false, liveResults: false });
    expect(row.votingClosesAt!.getTime() - row.votingOpensAt!.getTime()).toBe(7 * DAY);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "proposal.created" } })).toBe(1);
  });

  it("refuses a voting duration below the charter's minimum, with the minimum in the error", async () => {
    const c = await community({ charter: { minVotingDays: 5 } });
    const error = await rejection(createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, votingDays: 4 } }));
    expect(error).toMatchObject({
      status: 400,
      field: "votingDays",
      messageKey: "votes.errors.votingTooShort",
      values: { days: 5 },
    });
    await expect(createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, votingDays: 5 } })).resolves.toBeTruthy();
  });

  it("accepts only the charter's allowed methods", async () => {
    const c = await community({ charter: { allowedMethods: ["THRESHOLD", "CONSENT"] } });
    const error = await rejection(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...base, method: "APPROVAL", options: [{ label: "A" }, { label: "B" }] },
      }),
    );
    expect(error).toMatchObject({ status: 400, field: "method", messageKey: "votes.errors.methodNotAllowed" });
    await expect(
      createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, method: "CONSENT" } }),
    ).resolves.toBeTruthy();
  });

  it("needs 2 to 20 options for approval and majority judgment, none otherwise", async () => {
    const c = await community();
    const one = await rejection(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...base, method: "MAJORITY_JUDGMENT", options: [{ label: "A" }] },
      }),
    );
    expect(one).toMatchObject({ status: 400, field: "options" });
    const extra = await rejection(
      createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, options: [{ label: "A" }] } }),
    );
    expect(extra).toMatchObject({ status: 400, field: "options" });
    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { ...base, method: "MAJORITY_JUDGMENT", options: [{ label: "Panoramax" }, { label: "Mapillary" }] },
    });
    expect(await t.db.proposalOption.count({ where: { proposalId: id } })).toBe(2);
  });

  it("refuses a quorum, a threshold or a discussion below the charter's, at the field", async () => {
    const c = await community({ charter: { quorumPercent: 20, generalThreshold: "twoThirds", minDiscussionDays: 2 } });
    const propose = (input: Record<string, unknown>) =>
      createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, discussionDays: 2, ...input } });
    expect(await rejection(propose({ quorumPercent: 5 }))).toMatchObject({
      status: 400,
      field: "quorumPercent",
      messageKey: "votes.errors.quorumBelowCharter",
      values: { min: 20 },
    });
    expect(await rejection(propose({ quorumPercent: 0, method: "CONSENT" }))).toMatchObject({ field: "quorumPercent" });
    expect(await rejection(propose({ threshold: "simple" }))).toMatchObject({
      status: 400,
      field: "threshold",
      messageKey: "votes.errors.thresholdBelowCharter",
      values: { threshold: "twoThirds" },
    });
    expect(await rejection(propose({ discussionDays: 1 }))).toMatchObject({
      status: 400,
      field: "discussionDays",
      messageKey: "votes.errors.discussionTooShort",
      values: { days: 2 },
    });
    expect(await t.db.proposal.count({ where: { communityId: c.id } })).toBe(0);
    // The form's road: its action parses with the same schema and shows the refusal at the field.
    const values = createProposalSchema.parse({ ...base, discussionDays: 2, quorumPercent: 5 });
    const refused = await draftProposal(t.db, { actor: c.owner, slug: c.slug, values }).catch((error: unknown) =>
      actionFailure(error, "proposal.create"),
    );
    expect(refused).toEqual({
      ok: false,
      fieldErrors: { quorumPercent: "votes.errors.quorumBelowCharter" },
      values: { min: 20 },
    });
    // More than the charter asks is the proposer's right.
    const { id } = await propose({ quorumPercent: 30, threshold: "threeQuarters", discussionDays: 3 });
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id } })).toMatchObject({
      quorumPercent: 30,
      threshold: "threeQuarters",
    });
  });

  it("forces the charter's amendment threshold and quorums on a charter amendment, and refuses lower ones", async () => {
    const c = await community({
      charter: { amendmentThreshold: "threeQuarters", amendmentQuorumPercent: 40, amendmentCollegeQuorumPercent: 10 },
    });
    const amendment = [{ op: "setParameter", key: "minVotingDays", value: 5 }];
    const lowered = await rejection(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...base, kind: "CHARTER_AMENDMENT", threshold: "simple", quorumPercent: 0, amendment },
      }),
    );
    expect(lowered).toMatchObject({ status: 400, field: "quorumPercent", values: { min: 40 } });
    const simple = await rejection(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...base, kind: "CHARTER_AMENDMENT", threshold: "simple", amendment },
      }),
    );
    expect(simple).toMatchObject({ status: 400, field: "threshold", values: { threshold: "threeQuarters" } });
    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { ...base, kind: "CHARTER_AMENDMENT", amendment },
    });
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id } })).toMatchObject({
      threshold: "threeQuarters",
      quorumPercent: 40,
      collegeQuorumPercent: 10,
    });
    const missing = await rejection(
      createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, kind: "CHARTER_AMENDMENT" } }),
    );
    expect(missing).toMatchObject({ status: 400, field: "amendment" });
  });

  it("keeps proposals to members of at least proposeAfterDays days", async () => {
    const c = await community({
      charter: { proposeAfterDays: 30 },
      members: [
        { actorKind: "CIVIL_SOCIETY", joinedDaysAgo: 10 },
        { actorKind: "RESEARCH", joinedDaysAgo: 31 },
      ],
    });
    const [recent, senior] = c.people as [TestPerson, TestPerson];
    const error = await rejection(createProposal(t.db, { actor: recent, slug: c.slug, input: base }));
    expect(error).toMatchObject({ status: 403, code: "member_too_recent", values: { days: 30 } });
    await expect(createProposal(t.db, { actor: senior, slug: c.slug, input: base })).resolves.toBeTruthy();
  });

  it("refuses non-members and signed-in outsiders", async () => {
    const c = await community();
    const outsider = await createPerson(t.db);
    expect(await rejection(createProposal(t.db, { actor: outsider, slug: c.slug, input: base }))).toMatchObject({ status: 403 });
  });
});

describe("lifecycle", () => {
  it("lets the author withdraw only before voting opens", async () => {
    const c = await community({ members: [{ actorKind: "PRIVATE" }] });
    const author = c.people[0]!;
    const first = await createProposal(t.db, { actor: author, slug: c.slug, input: base });
    expect(await rejection(withdrawProposal(t.db, { actor: c.owner, proposalId: first.id }))).toMatchObject({ status: 403 });
    await startDiscussion(t.db, { actor: author, proposalId: first.id });
    await withdrawProposal(t.db, { actor: author, proposalId: first.id });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("WITHDRAWN");

    const second = await createProposal(t.db, { actor: author, slug: c.slug, input: base });
    await openVotingNow(t.db, { actor: author, proposalId: second.id });
    expect(await rejection(withdrawProposal(t.db, { actor: author, proposalId: second.id }))).toMatchObject({
      status: 409,
      code: "not_withdrawable",
    });
  });

  it("opens voting now for the planned duration, once, and emits proposal.opened", async () => {
    const c = await community({ members: [{ actorKind: "PRIVATE" }, { actorKind: "RESEARCH" }] });
    const author = c.people[0]!;
    const { id } = await createProposal(t.db, { actor: author, slug: c.slug, input: { ...base, votingDays: 4 } });
    expect(await rejection(openVotingNow(t.db, { actor: c.people[1]!, proposalId: id }))).toMatchObject({ status: 403 });
    const now = new Date("2026-03-01T10:00:00Z");
    const { electorate, closesAt } = await openVotingNow(t.db, { actor: author, proposalId: id, now });
    expect(electorate).toBe(3);
    expect(closesAt.toISOString()).toBe("2026-03-05T10:00:00.000Z");
    expect(await t.db.domainEvent.count({ where: { proposalId: id, type: "proposal.opened" } })).toBe(1);
    expect(await rejection(openVotingNow(t.db, { actor: c.owner, proposalId: id }))).toMatchObject({ status: 409 });
  });
});

describe("the charter's periods", () => {
  it("refuses to open the vote before the discussion is over, saying when it can", async () => {
    const c = await community({ charter: { minDiscussionDays: 1 }, members: [{ actorKind: "PRIVATE" }] });
    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, discussionDays: 1 } });
    expect(await rejection(openVotingNow(t.db, { actor: c.owner, proposalId: id }))).toMatchObject({
      status: 409,
      code: "discussion_required",
      values: { days: 1 },
    });
    const started = new Date();
    await startDiscussion(t.db, { actor: c.owner, proposalId: id, now: started });
    expect(
      await rejection(openVotingNow(t.db, { actor: c.owner, proposalId: id, now: new Date(started.getTime() + 60_000) })),
    ).toMatchObject({
      status: 409,
      code: "discussion_not_over",
      messageKey: "votes.errors.discussionNotOver",
      values: { days: 1 },
    });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("DISCUSSION");
    const { closesAt } = await openVotingNow(t.db, {
      actor: c.owner,
      proposalId: id,
      now: new Date(started.getTime() + DAY + 1000),
    });
    expect(closesAt.getTime()).toBe(started.getTime() + DAY + 1000 + 7 * DAY);
  });

  it("discusses a proposal at least the charter's minimum even when the charter rose after drafting", async () => {
    const c = await community({ charter: { minDiscussionDays: 0 } });
    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: base });
    // Version 2 (as an adopted amendment would write it) raises the minimum after the draft.
    const charter = await t.db.charter.update({ where: { communityId: c.id }, data: { currentVersion: 2 } });
    await t.db.charterVersion.create({
      data: { charterId: charter.id, number: 2, rules: [], parameters: { ...defaultCharterParameters, minDiscussionDays: 3 } },
    });
    const now = new Date();
    await startDiscussion(t.db, { actor: c.owner, proposalId: id, now });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id } })).discussionEndsAt?.getTime()).toBe(now.getTime() + 3 * DAY);
    expect(
      await rejection(openVotingNow(t.db, { actor: c.owner, proposalId: id, now: new Date(now.getTime() + 2 * DAY) })),
    ).toMatchObject({
      code: "discussion_not_over",
    });
  });

  it("closes early only as the charter says, asks the reason it requires, and records both in the decision", async () => {
    const open = async (charter: Partial<CharterParameters>) => {
      const c = await community({ charter, members: [{ actorKind: "PRIVATE" }] });
      const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: base });
      await openVotingNow(t.db, { actor: c.owner, proposalId: id });
      await voteOnProposal(t.db, { actor: c.owner, proposalId: id, choice: { choice: "for" } });
      return { c, id };
    };
    // never: not even an administrator, and the page offers no button.
    const never = await open({ earlyClose: "never" });
    expect(
      await rejection(closeProposalEarly(t.db, { actor: never.c.owner, proposalId: never.id, reason: "Urgent" })),
    ).toMatchObject({
      status: 409,
      code: "early_close_forbidden",
    });
    expect((await getProposalView(t.db, { actor: never.c.owner, proposalId: never.id })).permissions.closeEarly).toBe(false);

    // allVoted (the default): refused while a ballot is missing, then allowed.
    const allVoted = await open({});
    expect(await rejection(closeProposalEarly(t.db, { actor: allVoted.c.owner, proposalId: allVoted.id }))).toMatchObject({
      status: 409,
      code: "early_close_not_all_voted",
      values: { missing: 1 },
    });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: allVoted.id } })).status).toBe("VOTING");
    await voteOnProposal(t.db, { actor: allVoted.c.people[0]!, proposalId: allVoted.id, choice: { choice: "for" } });
    expect(await closeProposalEarly(t.db, { actor: allVoted.c.owner, proposalId: allVoted.id })).toEqual({ outcome: "ADOPTED" });
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: allVoted.id } })).result).toMatchObject({
      earlyClose: { rule: "allVoted", reason: null },
    });

    // administrators: with a stated reason only, written into the signed record and the audit log.
    const admins = await open({ earlyClose: "administrators" });
    expect(
      await rejection(closeProposalEarly(t.db, { actor: admins.c.owner, proposalId: admins.id, reason: "  " })),
    ).toMatchObject({
      status: 400,
      field: "reason",
      messageKey: "votes.errors.closeReasonRequired",
    });
    const reason = "La réunion annuelle a tranché ; le vote en ligne la confirme.";
    await closeProposalEarly(t.db, { actor: admins.c.owner, proposalId: admins.id, reason });
    const key = keyPairOf(generateKeyPairSync("ed25519").privateKey);
    const record = await buildDecisionRecord(t.db, admins.id, { key });
    expect(record?.decision.result).toMatchObject({ earlyClose: { rule: "administrators", reason } });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: admins.c.id, action: "proposal.closedEarly" } });
    expect(audit.details).toMatchObject({ rule: "administrators", reason });
  });
});

describe("voting through to a decision", () => {
  it("votes, changes, closes early, publishes results and checks receipts", async () => {
    const c = await community({
      charter: { earlyClose: "administrators" },
      members: [{ actorKind: "PRIVATE" }, { actorKind: "RESEARCH" }],
    });
    const [privateMember, researcher] = c.people as [TestPerson, TestPerson];
    const { id } = await createProposal(t.db, { actor: privateMember, slug: c.slug, input: { ...base, secret: false } });
    await openVotingNow(t.db, { actor: privateMember, proposalId: id });

    const first = await voteOnProposal(t.db, { actor: privateMember, proposalId: id, choice: { choice: "against" } });
    const changed = await voteOnProposal(t.db, { actor: privateMember, proposalId: id, choice: { choice: "for" } });
    expect(changed).toEqual({ receipt: first.receipt, changed: true });
    await voteOnProposal(t.db, { actor: researcher, proposalId: id, choice: { choice: "for" } });
    await voteOnProposal(t.db, { actor: c.owner, proposalId: id, choice: { choice: "against" } });
    await withdrawMyBallot(t.db, { actor: c.owner, proposalId: id });

    const during = await getProposalView(t.db, { actor: researcher, proposalId: id });
    expect(during).toMatchObject({ electorateSize: 3, turnout: 2, live: null, voters: null, decision: null });
    expect(during.permissions).toMatchObject({ vote: true, closeEarly: false });
    expect(await rejection(checkReceipt(t.db, { actor: researcher, proposalId: id, receipt: first.receipt }))).toMatchObject({
      status: 409,
    });

    expect(await rejection(closeProposalEarly(t.db, { actor: researcher, proposalId: id }))).toMatchObject({ status: 403 });
    expect(await closeProposalEarly(t.db, { actor: c.owner, proposalId: id, reason: "Tout le monde s'est exprimé." })).toEqual({
      outcome: "ADOPTED",
    });
    expect(await t.db.domainEvent.count({ where: { proposalId: id, type: "proposal.closed" } })).toBe(1);

    const after = await getProposalView(t.db, { actor: null, proposalId: id });
    expect(after.decision).toMatchObject({ outcome: "ADOPTED", electorateSize: 3, turnout: 2 });
    expect(after.voters?.map((v) => v.choice)).toEqual([{ choice: "for" }, { choice: "for" }]);
    expect(await checkReceipt(t.db, { actor: null, proposalId: id, receipt: first.receipt })).toMatchObject({
      found: true,
      choice: { choice: "for" },
      digestValid: true,
    });
    const page = await listProposals(t.db, { actor: null, slug: c.slug, status: "CLOSED" });
    expect(page.data.map((p) => p.id)).toEqual([id]);
  });

  it("shows live counts only when the proposal has live results, and hides voters of a secret ballot", async () => {
    const c = await community({ members: [{ actorKind: "PRIVATE" }] });
    // One member per college: a secret vote opens only unweighted (lib/votes/secret-ballot.ts).
    await t.db.community.update({ where: { id: c.id }, data: { weightingEnabled: false } });
    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { ...base, liveResults: true, secret: true },
    });
    await openVotingNow(t.db, { actor: c.owner, proposalId: id });
    await voteOnProposal(t.db, { actor: c.people[0]!, proposalId: id, choice: { choice: "abstain" } });
    const view = await getProposalView(t.db, { actor: null, proposalId: id });
    // A secret ballot: overall counts only, never a college's (its one member's choice).
    expect(view.live).toEqual({ overall: { abstain: 1 }, byCollege: {}, voters: {} });
    // Only an abstention: nothing expressed, so it would not pass if closed now.
    expect(view.standing).toEqual({ adopted: false, winners: null });
    await closeProposal(t.db, { proposalId: id });
    expect((await getProposalView(t.db, { actor: null, proposalId: id })).voters).toBeNull();
  });

  it("shows the live standing by the rule closing applies (majority judgment, the unit test's ballots)", async () => {
    const c = await community({
      members: [{ actorKind: "PRIVATE" }, { actorKind: "RESEARCH" }, { actorKind: "CIVIL_SOCIETY" }],
    });
    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { ...base, method: "MAJORITY_JUDGMENT", liveResults: true, options: [{ label: "A" }, { label: "B" }] },
    });
    await openVotingNow(t.db, { actor: c.owner, proposalId: id });
    const [a, b] = (await t.db.proposalOption.findMany({ where: { proposalId: id }, orderBy: { position: "asc" } })).map(
      (o) => o.id,
    ) as [string, string];
    const grades: Record<string, Grade>[] = [
      { [a]: "good", [b]: "good" },
      { [a]: "good", [b]: "excellent" },
      { [a]: "veryGood", [b]: "good" },
      { [a]: "fair", [b]: "passable" },
    ];
    for (const [i, actor] of [c.owner, ...c.people].entries())
      await voteOnProposal(t.db, { actor, proposalId: id, choice: { grades: grades[i]! } });
    const live = await getProposalView(t.db, { actor: null, proposalId: id });
    expect(live.standing).toEqual({ adopted: true, winners: [a] });
    await closeProposalEarly(t.db, { actor: c.owner, proposalId: id });
    const decided = await getProposalView(t.db, { actor: null, proposalId: id });
    expect(decided.decision).toMatchObject({ outcome: "ADOPTED", result: { winners: [a] } });
  });

  it("refuses suspended members' ballots", async () => {
    const c = await community({ members: [{ actorKind: "PRIVATE" }] });
    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: base });
    await openVotingNow(t.db, { actor: c.owner, proposalId: id });
    const member = c.people[0]!;
    await t.db.membership.update({
      where: { communityId_userId: { communityId: c.id, userId: member.id } },
      data: { status: "SUSPENDED", suspendedUntil: new Date(Date.now() + DAY) },
    });
    expect(await rejection(voteOnProposal(t.db, { actor: member, proposalId: id, choice: { choice: "for" } }))).toMatchObject({
      status: 403,
    });
  });
});

describe("charter amendments", () => {
  it("refuses changes that cannot apply, and applies adopted ones with the decision", async () => {
    const c = await community({ charter: { minVotingDays: 3 }, members: [{ actorKind: "RESEARCH" }] });
    const input = { ...base, kind: "CHARTER_AMENDMENT" };
    const invalid = await rejection(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...input, amendment: [{ op: "setParameter", key: "minVotingDays", value: 500 }] },
      }),
    );
    expect(invalid).toMatchObject({ status: 400, field: "amendment" });

    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { ...input, amendment: [{ op: "setParameter", key: "minVotingDays", value: 5 }] },
    });
    await openVotingNow(t.db, { actor: c.owner, proposalId: id });
    await voteOnProposal(t.db, { actor: c.owner, proposalId: id, choice: { choice: "for" } });
    await voteOnProposal(t.db, { actor: c.people[0]!, proposalId: id, choice: { choice: "for" } });
    await closeProposalEarly(t.db, { actor: c.owner, proposalId: id });
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: id } });
    expect(decision.result).toMatchObject({ amendment: { applied: true, version: 2 } });
    const tooShort = await rejection(createProposal(t.db, { actor: c.owner, slug: c.slug, input: { ...base, votingDays: 4 } }));
    expect(tooShort).toMatchObject({ field: "votingDays", values: { days: 5 } });
  });
});

describe("proposal kinds at the close", () => {
  it("records an adopted amendment that no longer applies as adopted but not applied, leaving the charter as it was", async () => {
    const c = await community({ charter: {}, members: [{ actorKind: "RESEARCH" }] });
    const amendment = (changes: unknown[]) =>
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { ...base, kind: "CHARTER_AMENDMENT", title: "Modifier la charte", amendment: changes },
      });
    const adopt = async (id: string) => {
      await openVotingNow(t.db, { actor: c.owner, proposalId: id });
      for (const actor of [c.owner, c.people[0]!])
        await voteOnProposal(t.db, { actor, proposalId: id, choice: { choice: "for" } });
      await closeProposalEarly(t.db, { actor: c.owner, proposalId: id });
      return t.db.decision.findUniqueOrThrow({ where: { proposalId: id } });
    };
    const rule = { title: "Délai des corrections", text: "Les corrections sont traitées sous 30 jours.", principle: 4 };
    expect((await adopt((await amendment([{ op: "add", rule }])).id)).result).toMatchObject({
      amendment: { applied: true, version: 2 },
    });
    // Both drafted while rule 1 exists; once it is repealed, changing it cannot apply.
    const repeal = await amendment([{ op: "repeal", number: 1 }]);
    const change = await amendment([{ op: "change", number: 1, rule: { ...rule, text: "Sous 15 jours." } }]);
    expect((await adopt(repeal.id)).result).toMatchObject({ amendment: { applied: true, version: 3 } });
    const late = await adopt(change.id);
    expect(late.outcome).toBe("ADOPTED");
    expect(late.result).toMatchObject({ amendment: { applied: false } });
    expect((late.result as { amendment: { code: string } }).amendment.code).toMatch(/^charter_/);
    expect(await t.db.charter.findUniqueOrThrow({ where: { communityId: c.id } })).toMatchObject({ currentVersion: 3 });
  });
});

describe("comments", () => {
  it("threads, deletes own, and lets moderators hide", async () => {
    const c = await community({ members: [{ actorKind: "PRIVATE" }, { actorKind: "RESEARCH", role: "MODERATOR" }] });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: base });
    const root = await addComment(t.db, { actor: member, proposalId: id, input: { body: "Bonne idée <script>x</script>" } });
    const reply = await addComment(t.db, { actor: c.owner, proposalId: id, input: { body: "Merci !", parentId: root.id } });
    expect(await rejection(deleteComment(t.db, { actor: member, proposalId: id, commentId: reply.id }))).toMatchObject({
      status: 403,
    });
    expect(await rejection(hideComment(t.db, { actor: member, proposalId: id, commentId: reply.id }))).toMatchObject({
      status: 403,
    });
    await hideComment(t.db, { actor: moderator, proposalId: id, commentId: root.id });
    await deleteComment(t.db, { actor: c.owner, proposalId: id, commentId: reply.id });
    const comments = await listComments(t.db, { actor: null, proposalId: id });
    expect(comments).toMatchObject([
      { id: root.id, hidden: true, body: null },
      { id: reply.id, parentId: root.id, deleted: true, body: null },
    ]);
  });
});
